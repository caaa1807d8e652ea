import Encoding
import EthCrypto
import Hashing

/// A signed transaction: its fields, signature, sender, raw encoding and hash.
public struct SignedTransaction: Equatable, Sendable {
    public let transaction: Transaction
    public let signature: RecoverableSignature
    /// The signer's address.
    public let from: Address

    init(transaction: Transaction, signature: RecoverableSignature, from: Address) {
        self.transaction = transaction
        self.signature = signature
        self.from = from
    }

    /// Legacy v: chain id * 2 + 35 + recovery id (EIP-155), or 27 + recovery id without a
    /// chain id. Nil for typed transactions, which carry ``yParity``.
    public var v: UInt256? {
        guard transaction.type == .legacy else { return nil }
        guard let chainID = transaction.chainID else { return UInt256(27 + UInt64(signature.recoveryID)) }
        let (doubled, _) = UInt256(chainID).multipliedReportingOverflow(by: 2)
        return doubled.addingReportingOverflow(UInt256(35 + UInt64(signature.recoveryID))).partialValue
    }

    /// The signature's y parity (0 or 1) for typed transactions; nil for legacy.
    public var yParity: UInt8? {
        transaction.type == .legacy ? nil : signature.recoveryID
    }

    /// The raw transaction: RLP of the fields and v, r, s (legacy), or the type byte then RLP
    /// of the payload and y parity, r, s (EIP-2718 envelope).
    public var raw: [UInt8] {
        let signatureItems: [RLPItem] = [
            .bytes(Array(signature.r.drop { $0 == 0 })),
            .bytes(Array(signature.s.drop { $0 == 0 })),
        ]
        switch transaction.type {
        case .legacy:
            return RLP.encode(.list(transaction.payloadItems + [.integer(v ?? .zero)] + signatureItems))
        case .accessList, .dynamicFee:
            return [transaction.type.rawValue]
                + RLP.encode(.list(transaction.payloadItems + [.integer(UInt64(signature.recoveryID))] + signatureItems))
        }
    }

    /// Keccak-256 of ``raw``: the transaction hash.
    public var hash: Bytes32 { Keccak256.hash(raw) }

    /// Decodes a raw signed transaction of any of the three types and recovers its sender.
    /// - Throws: ``TransactionError`` for bytes that are not one canonical transaction: unknown
    ///   type, wrong field count, non-canonical integers, out-of-range values, a high s, or a
    ///   signature from which no key recovers.
    public static func decode(raw: [UInt8]) throws(TransactionError) -> SignedTransaction {
        guard let first = raw.first else { throw .malformed("empty input") }
        if first >= 0xC0 { return try decodeLegacy(raw) }
        guard first == 1 || first == 2 else { throw .malformed("unknown transaction type 0x\(String(first, radix: 16))") }
        let type: TransactionType = first == 1 ? .accessList : .dynamicFee
        let fields = try fieldList(Array(raw.dropFirst()), expected: type == .accessList ? 11 : 12, name: "type \(first)")
        var reader = FieldReader(fields: fields)
        let chainID = try reader.uint64("chainId")
        let nonce = try reader.uint64("nonce")
        var gasPrice: UInt256?
        var maxPriority: UInt256?
        var maxFee: UInt256?
        if type == .accessList {
            gasPrice = try reader.uint256("gasPrice")
        } else {
            maxPriority = try reader.uint256("maxPriorityFeePerGas")
            maxFee = try reader.uint256("maxFeePerGas")
        }
        let gas = try reader.uint64("gas")
        let to = try reader.address("to")
        let value = try reader.uint256("value")
        let data = try reader.bytes("data")
        let accessList = try reader.accessList()
        let parity = try reader.uint64("yParity")
        guard parity <= 1 else { throw .malformed("yParity is \(parity), not 0 or 1") }
        let r = try reader.scalar("r")
        let s = try reader.scalar("s")
        let transaction = try Transaction(type: type, chainID: chainID, nonce: nonce, gasPrice: gasPrice,
                                          maxPriorityFeePerGas: maxPriority, maxFeePerGas: maxFee, gas: gas, to: to,
                                          value: value, data: data, accessList: accessList)
        return try recovered(transaction, RecoverableSignature(r: r, s: s, recoveryID: UInt8(parity)))
    }

    /// Checks that `raw` is shaped like a signed transaction (a known type, canonical RLP, the
    /// right number of fields) without recovering its sender: a quick check before handing it
    /// to a node, which verifies the signature itself.
    /// - Throws: ``TransactionError/malformed(_:)`` as ``decode(raw:)`` does for the shape.
    public static func checkShape(raw: [UInt8]) throws(TransactionError) {
        guard let first = raw.first else { throw .malformed("empty input") }
        if first >= 0xC0 {
            _ = try fieldList(raw, expected: 9, name: "legacy")
            return
        }
        guard first == 1 || first == 2 else { throw .malformed("unknown transaction type 0x\(String(first, radix: 16))") }
        _ = try fieldList(Array(raw.dropFirst()), expected: first == 1 ? 11 : 12, name: "type \(first)")
    }

    private static func decodeLegacy(_ raw: [UInt8]) throws(TransactionError) -> SignedTransaction {
        let fields = try fieldList(raw, expected: 9, name: "legacy")
        var reader = FieldReader(fields: fields)
        let nonce = try reader.uint64("nonce")
        let gasPrice = try reader.uint256("gasPrice")
        let gas = try reader.uint64("gas")
        let to = try reader.address("to")
        let value = try reader.uint256("value")
        let data = try reader.bytes("data")
        let v = try reader.uint256("v")
        let r = try reader.scalar("r")
        let s = try reader.scalar("s")
        let chainID: UInt64?
        let recoveryID: UInt8
        if v == UInt256(27) || v == UInt256(28) {
            chainID = nil
            recoveryID = UInt8((v.uint64 ?? 27) - 27)
        } else {
            guard v >= UInt256(35) else { throw .malformed("legacy v is \(v), neither 27/28 nor 35 or more (EIP-155)") }
            let (offset, _) = v.subtractingReportingOverflow(UInt256(35))
            let (chain, parity) = offset.quotientAndRemainder(dividingBy: 2)
            guard let id = chain.uint64 else { throw .malformed("legacy v \(v) gives a chain id over 2^64-1") }
            chainID = id
            recoveryID = UInt8(parity)
        }
        let transaction = try Transaction(type: .legacy, chainID: chainID, nonce: nonce, gasPrice: gasPrice,
                                          maxPriorityFeePerGas: nil, maxFeePerGas: nil, gas: gas, to: to,
                                          value: value, data: data, accessList: [])
        return try recovered(transaction, RecoverableSignature(r: r, s: s, recoveryID: recoveryID))
    }

    private static func fieldList(_ bytes: [UInt8], expected: Int, name: String) throws(TransactionError) -> [RLPItem] {
        let item: RLPItem
        do {
            item = try RLP.decode(bytes)
        } catch {
            throw .malformed(error.description)
        }
        guard let fields = item.listValue else { throw .malformed("a \(name) transaction must be an RLP list") }
        guard fields.count == expected else {
            throw .malformed("a signed \(name) transaction has \(expected) fields, this one \(fields.count)")
        }
        return fields
    }

    /// half the secp256k1 group order n, big-endian: the largest s Ethereum accepts (EIP-2).
    private static let halfOrder = Bytes32([
        0x7F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
        0x5D, 0x57, 0x6E, 0x73, 0x57, 0xA4, 0x50, 0x1D, 0xDF, 0xE9, 0x2F, 0x46, 0x68, 0x1B, 0x20, 0xA0,
    ] as [UInt8])!

    private static func recovered(_ transaction: Transaction, _ signature: RecoverableSignature) throws(TransactionError) -> SignedTransaction {
        // s ≤ n/2; both are 32 big-endian bytes, so byte order is numeric order.
        guard signature.s.lexicographicallyPrecedes(halfOrder) || signature.s == halfOrder else {
            throw .malformed("s is above n/2, which Ethereum rejects since Homestead (EIP-2)")
        }
        do {
            let key = try PublicKey.recover(hash: transaction.signingHash, signature: signature)
            return SignedTransaction(transaction: transaction, signature: signature, from: Address(publicKey: key.uncompressed))
        } catch {
            throw .malformed(error.description)
        }
    }
}

/// Reads a decoded transaction's RLP fields in order, checking each one's form.
private struct FieldReader {
    let fields: [RLPItem]
    var index = 0

    mutating func next(_ name: String) throws(TransactionError) -> [UInt8] {
        defer { index += 1 }
        guard let bytes = fields[index].bytesValue else { throw .malformed("\(name) is a list, not a byte string") }
        return bytes
    }

    mutating func integerBytes(_ name: String, maxBytes: Int) throws(TransactionError) -> [UInt8] {
        let bytes = try next(name)
        if bytes.first == 0 { throw .malformed("\(name) has a leading zero byte (non-canonical integer)") }
        if bytes.count > maxBytes { throw .malformed("\(name) is \(bytes.count) bytes, more than \(maxBytes)") }
        return bytes
    }

    mutating func uint64(_ name: String) throws(TransactionError) -> UInt64 {
        try integerBytes(name, maxBytes: 8).reduce(0) { $0 << 8 | UInt64($1) }
    }

    mutating func uint256(_ name: String) throws(TransactionError) -> UInt256 {
        UInt256(bigEndian: try integerBytes(name, maxBytes: 32)) ?? .zero
    }

    /// r or s: a nonzero integer of at most 32 bytes, returned left-padded to 32.
    mutating func scalar(_ name: String) throws(TransactionError) -> Bytes32 {
        let bytes = try integerBytes(name, maxBytes: 32)
        guard !bytes.isEmpty else { throw .malformed("\(name) is zero") }
        return Bytes32([UInt8](repeating: 0, count: 32 - bytes.count) + bytes)!
    }

    mutating func bytes(_ name: String) throws(TransactionError) -> [UInt8] {
        try next(name)
    }

    mutating func address(_ name: String) throws(TransactionError) -> Address? {
        let bytes = try next(name)
        if bytes.isEmpty { return nil }
        guard let address = Address(bytes: bytes) else { throw .malformed("\(name) is \(bytes.count) bytes, not 20 or empty") }
        return address
    }

    mutating func accessList() throws(TransactionError) -> [AccessListEntry] {
        defer { index += 1 }
        guard let entries = fields[index].listValue else { throw .malformed("accessList is not a list") }
        var list: [AccessListEntry] = []
        for (i, entry) in entries.enumerated() {
            guard let pair = entry.listValue, pair.count == 2, let addressBytes = pair[0].bytesValue,
                  let address = Address(bytes: addressBytes), let keys = pair[1].listValue else {
                throw .malformed("accessList entry \(i) is not [address, [storage keys]]")
            }
            var storageKeys: [[UInt8]] = []
            for key in keys {
                guard let bytes = key.bytesValue, bytes.count == 32 else {
                    throw .malformed("accessList entry \(i) has a storage key that is not 32 bytes")
                }
                storageKeys.append(bytes)
            }
            list.append(AccessListEntry(address: address, storageKeys: storageKeys))
        }
        return list
    }
}
