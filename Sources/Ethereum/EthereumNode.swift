import Encoding
import Hashing

/// The Ethereum JSON-RPC methods bond uses (Ethereum execution API), typed.
public struct EthereumNode {
    public let rpc: JSONRPCClient

    public init(rpc: JSONRPCClient) {
        self.rpc = rpc
    }

    /// eth_chainId.
    /// - Throws: ``JSONRPCFailure``.
    public func chainID() throws(JSONRPCFailure) -> UInt64 {
        try Self.uint64(try rpc.call("eth_chainId"), "eth_chainId")
    }

    /// eth_getTransactionCount(address, "pending"): the next nonce, pending transactions
    /// counted.
    /// - Throws: ``JSONRPCFailure``.
    public func pendingNonce(of address: Address) throws(JSONRPCFailure) -> UInt64 {
        try Self.uint64(try rpc.call("eth_getTransactionCount", [.string(address.checksummed), .string("pending")]), "eth_getTransactionCount")
    }

    /// eth_estimateGas for the transaction `fields` describe (JSON-RPC names: from, to, value,
    /// data, ...).
    /// - Throws: ``JSONRPCFailure``; ``JSONRPCFailure/rpc(_:)`` when the call would revert.
    public func estimateGas(_ fields: JSONObjectValue) throws(JSONRPCFailure) -> UInt64 {
        try Self.uint64(try rpc.call("eth_estimateGas", [.object(fields), .string("latest")]), "eth_estimateGas")
    }

    /// The latest block's baseFeePerGas (EIP-1559), or nil on a chain without it.
    /// - Throws: ``JSONRPCFailure``.
    public func latestBaseFee() throws(JSONRPCFailure) -> UInt256? {
        let block = try rpc.call("eth_getBlockByNumber", [.string("latest"), .bool(false)])
        guard let object = block.objectValue else { throw .malformed("eth_getBlockByNumber answered with \(block.kindDescription)") }
        guard let fee = object["baseFeePerGas"], fee != .null else { return nil }
        return try Self.uint256(fee, "baseFeePerGas")
    }

    /// eth_maxPriorityFeePerGas, or nil when the node lacks the method.
    /// - Throws: ``JSONRPCFailure`` for any failure but the method's absence.
    public func maxPriorityFee() throws(JSONRPCFailure) -> UInt256? {
        do {
            return try Self.uint256(try rpc.call("eth_maxPriorityFeePerGas"), "eth_maxPriorityFeePerGas")
        } catch .rpc(let error) where error.code == -32601 || error.message.lowercased().contains("not") {
            return nil
        }
    }

    /// eth_gasPrice.
    /// - Throws: ``JSONRPCFailure``.
    public func gasPrice() throws(JSONRPCFailure) -> UInt256 {
        try Self.uint256(try rpc.call("eth_gasPrice"), "eth_gasPrice")
    }

    /// eth_blockNumber.
    /// - Throws: ``JSONRPCFailure``.
    public func blockNumber() throws(JSONRPCFailure) -> UInt64 {
        try Self.uint64(try rpc.call("eth_blockNumber"), "eth_blockNumber")
    }

    /// eth_sendRawTransaction: the hash the node gives back.
    /// - Throws: ``JSONRPCFailure``: ``JSONRPCFailure/rpc(_:)`` when the node refuses it,
    ///   ``JSONRPCFailure/malformed(_:)`` for an answer that is not a 32-byte hash.
    public func sendRawTransaction(_ raw: [UInt8]) throws(JSONRPCFailure) -> Bytes32 {
        let answer = try rpc.call("eth_sendRawTransaction", [.string(Hex.encode(raw))])
        guard case .string(let text) = answer, let hash = Bytes32(hex: text) else {
            throw .malformed("eth_sendRawTransaction answered \(JSONWriter.text(answer)), not a 32-byte hash")
        }
        return hash
    }

    /// eth_getTransactionByHash: whether the node knows the transaction (pending or mined).
    /// - Throws: ``JSONRPCFailure``.
    public func knowsTransaction(_ hash: Bytes32) throws(JSONRPCFailure) -> Bool {
        try rpc.call("eth_getTransactionByHash", [.string(Hex.encode(hash))]) != .null
    }

    /// eth_getTransactionReceipt, or nil while the transaction is not mined.
    /// - Throws: ``JSONRPCFailure``; ``JSONRPCFailure/malformed(_:)`` for a receipt that lacks
    ///   its fields.
    public func receipt(_ hash: Bytes32) throws(JSONRPCFailure) -> Receipt? {
        let answer = try rpc.call("eth_getTransactionReceipt", [.string(Hex.encode(hash))])
        if answer == .null { return nil }
        guard let object = answer.objectValue else { throw .malformed("eth_getTransactionReceipt answered with \(answer.kindDescription)") }
        return try Receipt(object)
    }

    /// eth_call of `data` to `to` at `block`: the returned bytes.
    /// - Throws: ``JSONRPCFailure``; ``JSONRPCFailure/rpc(_:)`` when the call reverts (its data
    ///   carries the revert reason).
    public func call(to: Address, data: [UInt8], from: Address? = nil, block: BlockTag = .latest) throws(JSONRPCFailure) -> [UInt8] {
        var fields: [(key: String, value: JSONValue)] = [("to", .string(to.checksummed)), ("data", .string(Hex.encode(data)))]
        if let from { fields.insert(("from", .string(from.checksummed)), at: 0) }
        let answer = try rpc.call("eth_call", [.object(JSONObjectValue(fields)), .string(block.parameter)])
        guard case .string(let text) = answer, let bytes = try? Hex.decode(text) else {
            throw .malformed("eth_call answered \(JSONWriter.text(answer)), not hex data")
        }
        return bytes
    }

    // MARK: - Quantities

    static func uint256(_ json: JSONValue, _ what: String) throws(JSONRPCFailure) -> UInt256 {
        guard case .string(let text) = json, text.hasPrefix("0x"), let value = UInt256(hex: text.dropFirst(2)) else {
            throw .malformed("\(what) is \(JSONWriter.text(json)), not a hex quantity")
        }
        return value
    }

    static func uint64(_ json: JSONValue, _ what: String) throws(JSONRPCFailure) -> UInt64 {
        guard let value = try uint256(json, what).uint64 else { throw .malformed("\(what) \(JSONWriter.text(json)) is over 2^64-1") }
        return value
    }
}

/// A transaction receipt (Ethereum execution API, eth_getTransactionReceipt).
public struct Receipt: Equatable, Sendable {
    /// True for status 0x1, false for 0x0 (reverted).
    public let succeeded: Bool
    public let blockNumber: UInt64
    public let blockHash: String
    public let gasUsed: UInt256
    public let effectiveGasPrice: UInt256?
    public let contractAddress: Address?
    /// The logs as the node sent them.
    public let logs: JSONValue

    init(_ object: JSONObjectValue) throws(JSONRPCFailure) {
        guard let status = object["status"] else { throw .malformed("the receipt has no status (a pre-Byzantium chain?)") }
        succeeded = try EthereumNode.uint256(status, "receipt status") == UInt256(1)
        blockNumber = try EthereumNode.uint64(object["blockNumber"] ?? .null, "receipt blockNumber")
        guard case .string(let hash)? = object["blockHash"] else { throw .malformed("the receipt has no blockHash") }
        blockHash = hash.lowercased()
        gasUsed = try EthereumNode.uint256(object["gasUsed"] ?? .null, "receipt gasUsed")
        if let price = object["effectiveGasPrice"], price != .null {
            effectiveGasPrice = try EthereumNode.uint256(price, "receipt effectiveGasPrice")
        } else {
            effectiveGasPrice = nil
        }
        if case .string(let address)? = object["contractAddress"] {
            contractAddress = try? Address(address)
        } else {
            contractAddress = nil
        }
        logs = object["logs"] ?? .array([])
    }
}
