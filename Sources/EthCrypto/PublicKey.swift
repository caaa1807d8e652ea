import CSecp256k1
import Hashing

/// A secp256k1 public key: the point's x and y coordinates, 32 big-endian bytes each (the
/// uncompressed SEC 1 encoding without its 0x04 prefix), as Ethereum hashes it into addresses.
public struct PublicKey: Equatable, Sendable {
    /// x then y: 64 bytes.
    public let uncompressed: [UInt8]

    public init(uncompressed: [UInt8]) {
        self.uncompressed = uncompressed
    }

    /// Recovers the key that made `signature` over `hash` (SEC 1, section 4.1.6).
    /// - Throws: ``CryptoError/invalidSignature(_:)`` when r or s is 0 or not below n, the
    ///   recovery id is not 0-3, or no point recovers.
    public static func recover(hash: Bytes32, signature: RecoverableSignature) throws(CryptoError) -> PublicKey {
        guard signature.recoveryID < 4 else { throw .invalidSignature("recovery id \(signature.recoveryID) is not 0-3") }
        var parsed = secp256k1_ecdsa_recoverable_signature()
        let compact = signature.r.bytes + signature.s.bytes
        let parsedOK = secp256k1_ecdsa_recoverable_signature_parse_compact(Secp256k1Context.shared, &parsed, compact, Int32(signature.recoveryID))
        guard parsedOK == 1, compact[0..<32].contains(where: { $0 != 0 }), compact[32..<64].contains(where: { $0 != 0 }) else {
            throw .invalidSignature("r or s is zero or not below the group order")
        }
        var point = secp256k1_pubkey()
        let recovered = hash.withByteBuffer { secp256k1_ecdsa_recover(Secp256k1Context.shared, &point, &parsed, $0.baseAddress!) }
        guard recovered == 1 else { throw .invalidSignature("no public key recovers from it") }
        var serialized = [UInt8](repeating: 0, count: 65)
        var length = 65
        _ = secp256k1_ec_pubkey_serialize(Secp256k1Context.shared, &serialized, &length, &point, UInt32(SECP256K1_EC_UNCOMPRESSED))
        return PublicKey(uncompressed: Array(serialized.dropFirst()))
    }
}

/// An ECDSA signature over secp256k1 with its recovery id.
public struct RecoverableSignature: Equatable, Sendable {
    /// r, big-endian.
    public let r: Bytes32
    /// s, big-endian (low-s when bond made it).
    public let s: Bytes32
    /// 0-3: which of the candidate points is the signer's key (Ethereum's y parity for 0-1).
    public let recoveryID: UInt8

    public init(r: Bytes32, s: Bytes32, recoveryID: UInt8) {
        self.r = r
        self.s = s
        self.recoveryID = recoveryID
    }
}
