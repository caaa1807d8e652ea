import Encoding
import EthCrypto
import Hashing

/// The transaction types bond signs, by their EIP-2718 type number.
public enum TransactionType: UInt8, Sendable {
    /// Legacy: with EIP-155 replay protection when it has a chain id, before it otherwise.
    case legacy = 0
    /// EIP-2930: a chain id, a gas price and an access list.
    case accessList = 1
    /// EIP-1559: a priority fee and a fee cap instead of a gas price.
    case dynamicFee = 2
}

/// An unsigned Ethereum transaction of one of the three types.
///
/// Field ranges follow the EIPs and what clients accept: nonce, gas and chain id are 64-bit;
/// value and fees 256-bit. Which fee fields are set must match the type (a gas price for types
/// 0 and 1, the two EIP-1559 fees for type 2): ``init(type:...)`` checks it.
public struct Transaction: Equatable, Sendable {
    public let type: TransactionType
    /// The chain id; nil only for a legacy transaction signed without EIP-155.
    public let chainID: UInt64?
    public let nonce: UInt64
    /// Wei per gas (types 0 and 1).
    public let gasPrice: UInt256?
    /// Wei per gas to the block producer at most (type 2).
    public let maxPriorityFeePerGas: UInt256?
    /// Wei per gas at most, base fee included (type 2).
    public let maxFeePerGas: UInt256?
    /// The gas limit.
    public let gas: UInt64
    /// The recipient; nil creates a contract from `data`.
    public let to: Address?
    /// Wei sent.
    public let value: UInt256
    public let data: [UInt8]
    /// EIP-2930 access list (types 1 and 2; empty for legacy).
    public let accessList: [AccessListEntry]

    /// Builds a transaction, checking that the fee fields and chain id fit `type`.
    /// - Throws: ``TransactionError`` naming the field that does not fit.
    public init(type: TransactionType, chainID: UInt64?, nonce: UInt64, gasPrice: UInt256?,
                maxPriorityFeePerGas: UInt256?, maxFeePerGas: UInt256?, gas: UInt64, to: Address?,
                value: UInt256, data: [UInt8], accessList: [AccessListEntry]) throws(TransactionError) {
        switch type {
        case .legacy, .accessList:
            guard maxPriorityFeePerGas == nil, maxFeePerGas == nil else {
                throw .feeMismatch("a type \(type.rawValue) transaction takes gasPrice, not maxFeePerGas or maxPriorityFeePerGas")
            }
            guard gasPrice != nil else { throw .missingField(.gasPrice) }
        case .dynamicFee:
            guard gasPrice == nil else {
                throw .feeMismatch("a type 2 (EIP-1559) transaction takes maxFeePerGas and maxPriorityFeePerGas, not gasPrice")
            }
            switch (maxFeePerGas, maxPriorityFeePerGas) {
            case (nil, nil):
                throw .missingField(.dynamicFees)
            case (nil, _), (_, nil):
                throw .feeMismatch("a type 2 transaction needs maxFeePerGas and maxPriorityFeePerGas together; give both in it (fee options fill only transactions without any fee field)")
            default:
                break
            }
        }
        if type == .legacy && !accessList.isEmpty { throw .feeMismatch("a legacy transaction has no access list") }
        if type != .legacy && chainID == nil { throw .missingField(.chainID) }
        self.type = type
        self.chainID = chainID
        self.nonce = nonce
        self.gasPrice = gasPrice
        self.maxPriorityFeePerGas = maxPriorityFeePerGas
        self.maxFeePerGas = maxFeePerGas
        self.gas = gas
        self.to = to
        self.value = value
        self.data = data
        self.accessList = accessList
    }

    /// The fields every type shares after its fees, as RLP items: gas, to, value, data.
    private var commonTail: [RLPItem] {
        [.integer(gas), .bytes(to?.bytes ?? []), .integer(value), .bytes(data)]
    }

    /// The RLP items of the unsigned payload (without signature fields).
    var payloadItems: [RLPItem] {
        switch type {
        case .legacy:
            return [.integer(nonce), .integer(gasPrice ?? .zero)] + commonTail
        case .accessList:
            return [.integer(chainID ?? 0), .integer(nonce), .integer(gasPrice ?? .zero)] + commonTail + [accessListItem]
        case .dynamicFee:
            return [.integer(chainID ?? 0), .integer(nonce), .integer(maxPriorityFeePerGas ?? .zero),
                    .integer(maxFeePerGas ?? .zero)] + commonTail + [accessListItem]
        }
    }

    private var accessListItem: RLPItem {
        .list(accessList.map { .list([.bytes($0.address.bytes), .list($0.storageKeys.map { .bytes($0) })]) })
    }

    /// The bytes whose Keccak-256 is signed: for legacy, RLP of the six fields (pre-EIP-155) or
    /// of the six fields, chain id, 0, 0 (EIP-155); for typed transactions, the type byte then
    /// RLP of the payload (EIP-2930, EIP-1559).
    public var signingPayload: [UInt8] {
        switch type {
        case .legacy:
            if let chainID {
                return RLP.encode(.list(payloadItems + [.integer(chainID), .bytes([]), .bytes([])]))
            }
            return RLP.encode(.list(payloadItems))
        case .accessList, .dynamicFee:
            return [type.rawValue] + RLP.encode(.list(payloadItems))
        }
    }

    /// Keccak-256 of ``signingPayload``.
    public var signingHash: Bytes32 { Keccak256.hash(signingPayload) }

    /// Signs with `signer`: ECDSA over ``signingHash`` with a low s (a key in memory uses an
    /// RFC 6979 nonce).
    /// - Parameter from: the signer's address, when the caller has it already (signing a
    ///   stream).
    /// - Throws: ``CryptoError`` when the signer cannot sign.
    public func signed(with signer: some Signer, from: Address? = nil) throws(CryptoError) -> SignedTransaction {
        let signature = try signer.sign(hash: signingHash)
        return SignedTransaction(transaction: self, signature: signature, from: from ?? Address(publicKey: signer.publicKey.uncompressed))
    }
}

extension RLPItem {
    /// An unsigned integer in RLP's canonical form: big-endian, no leading zero bytes.
    static func integer(_ value: UInt64) -> RLPItem {
        .bytes(Array(withUnsafeBytes(of: value.bigEndian) { Array($0) }.drop { $0 == 0 }))
    }

    /// An unsigned 256-bit integer in RLP's canonical form.
    static func integer(_ value: UInt256) -> RLPItem {
        .bytes(value.minimalBigEndianBytes)
    }
}
