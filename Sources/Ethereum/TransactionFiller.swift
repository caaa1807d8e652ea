import Encoding

/// Fills what a transaction request lacks from a node, as Foundry's `cast mktx` does, and from
/// a nonce file: the nonce (eth_getTransactionCount pending, or the nonce file's, the larger;
/// then counted up locally), the chain id (eth_chainId), gas (eth_estimateGas) and fees (with
/// no fee field: EIP-1559 when the latest block has a base fee, maxFeePerGas = 2 * base fee +
/// priority fee, the priority fee from eth_maxPriorityFeePerGas or 1 gwei; else a legacy
/// gasPrice from eth_gasPrice). What a request carries is never replaced.
///
/// With the node unreachable, requests that have their chain id, gas and fees still get a nonce
/// from the nonce file, so signing goes on offline; others fail naming what could not be
/// filled.
public final class TransactionFiller {
    let node: EthereumNode?
    let nonceFile: NonceFile?
    let sender: Address
    private var nextNonce: UInt64?
    private var chainID: UInt64?
    private var fees: (gasPrice: UInt256?, maxFee: UInt256?, priority: UInt256?)?
    /// Set once the node failed temporarily: no more attempts in this run.
    private var knownChainID: UInt64?
    public private(set) var nodeDown = false
    /// Notes for `-v`.
    public var onNote: ((String) -> Void)?

    public init(node: EthereumNode?, nonceFile: NonceFile?, sender: Address) {
        self.node = node
        self.nonceFile = nonceFile
        self.sender = sender
    }

    /// `request` with every missing field the node or the nonce file can give.
    /// - Throws: ``TransactionFillError/unfilled(_:because:)`` (temporary) when the node is
    ///   unreachable and the request lacks what only it can give; JSON-RPC errors otherwise.
    public func fill(_ request: TransactionRequest) throws -> TransactionRequest {
        var out = request
        var missing: [String] = []
        if out.chainID == nil {
            if let id = try nodeChainID() { out.chainID = id } else { missing.append("chainId") }
        } else if let given = out.chainID, let id = try nodeChainID(), id != given {
            // A chain id copied from another network would be signed for a chain that never
            // sees the transaction.
            throw TransactionFillError.chainMismatch(given: given, node: id)
        }
        if out.gasPrice == nil && out.maxFeePerGas == nil && out.maxPriorityFeePerGas == nil {
            if let fees = try currentFees() {
                out.gasPrice = fees.gasPrice
                out.maxFeePerGas = fees.maxFee
                out.maxPriorityFeePerGas = fees.priority
            } else {
                missing.append("fees")
            }
        }
        if out.gas == nil {
            if let gas = try ask("gas", { try $0.estimateGas(self.estimateFields(out)) }) { out.gas = gas } else { missing.append("gas") }
        }
        if out.nonce == nil {
            if let nonce = try takeNonce() { out.nonce = nonce } else { missing.append("nonce") }
        }
        if !missing.isEmpty, node != nil {
            throw TransactionFillError.unfilled(missing, because: nodeDown ? "the node cannot be reached" : "no value is known")
        }
        return out
    }

    /// The node's chain id, asked once.
    private func nodeChainID() throws -> UInt64? {
        if let knownChainID { return knownChainID }
        knownChainID = try ask("the chain id", { try $0.chainID() })
        return knownChainID
    }

    /// The next nonce for a request without one: from the node and nonce file once, then
    /// counted up.
    private func takeNonce() throws -> UInt64? {
        if nextNonce == nil {
            let fromNode = try ask("the nonce", { try $0.pendingNonce(of: self.sender) })
            let fromFile = nonceFile?.nextNonce(of: sender)
            switch (fromNode, fromFile) {
            case let (node?, file?): nextNonce = max(node, file)
            case let (node?, nil): nextNonce = node
            case let (nil, file?): nextNonce = file
            default: return nil
            }
            if let nextNonce { onNote?("nonce \(nextNonce) for \(sender.checksummed)") }
        }
        defer { if let current = nextNonce { nextNonce = current == .max ? nil : current + 1 } }
        return nextNonce
    }

    private func currentFees() throws -> (gasPrice: UInt256?, maxFee: UInt256?, priority: UInt256?)? {
        if let fees { return fees }
        guard let baseFee = try ask("the base fee", { try $0.latestBaseFee() }) else { return nil }
        if let baseFee {
            let priority = (try ask("the priority fee", { try $0.maxPriorityFee() }) ?? nil) ?? UInt256(1_000_000_000)
            let doubled = baseFee.multipliedReportingOverflow(by: 2).partialValue
            let maxFee = doubled.addingReportingOverflow(priority).partialValue
            fees = (nil, maxFee, priority)
        } else {
            guard let price = try ask("the gas price", { try $0.gasPrice() }) else { return nil }
            fees = (price, nil, nil)
        }
        return fees
    }

    /// The eth_estimateGas fields of a request.
    private func estimateFields(_ request: TransactionRequest) -> JSONObjectValue {
        var fields: [(key: String, value: JSONValue)] = [("from", .string(sender.checksummed))]
        if case .some(.some(let to)) = request.to { fields.append(("to", .string(to.checksummed))) }
        if let value = request.value { fields.append(("value", .string(value.hexQuantity))) }
        let data = request.call.map { $0.signature.calldata($0.arguments) } ?? request.data ?? []
        fields.append(("data", .string(Hex.encode(data))))
        return JSONObjectValue(fields)
    }

    /// Asks the node, unless there is none or it failed temporarily before; a temporary
    /// failure marks it down and gives nil.
    private func ask<T>(_ what: String, _ call: (EthereumNode) throws -> T) throws -> T? {
        guard let node, !nodeDown else { return nil }
        do {
            return try call(node)
        } catch let failure as JSONRPCFailure where failure.isTemporary {
            nodeDown = true
            onNote?("the node cannot be reached (\(failure.description)); signing offline where the options allow")
            return nil
        }
    }
}
