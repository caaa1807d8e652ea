import CSecp256k1
import Hashing

/// A secp256k1 private key: a 32-byte big-endian scalar k with 0 < k < n (SEC 1, section
/// 3.2.1; n is the order of the curve's group).
///
/// Its description never shows the key, so it cannot leak into a message or a log.
public struct PrivateKey: Signer, CustomStringConvertible {
    /// The 32 bytes of the scalar.
    public let bytes: [UInt8]
    /// The public key k·G, computed once when the key is made: signers use it for every
    /// transaction's sender.
    public let publicKey: PublicKey

    /// Checks `bytes` as a private key.
    /// - Throws: ``CryptoError/invalidPrivateKey(_:)`` for another length than 32 bytes, for
    ///   zero, or for a value not below n.
    public init(bytes: [UInt8]) throws(CryptoError) {
        guard bytes.count == 32 else { throw .invalidPrivateKey("\(bytes.count) bytes, not 32") }
        guard bytes.contains(where: { $0 != 0 }) else { throw .invalidPrivateKey("zero") }
        let valid = secp256k1_ec_seckey_verify(Secp256k1Context.shared, bytes)
        guard valid == 1 else { throw .invalidPrivateKey("not below the secp256k1 group order") }
        self.bytes = bytes
        self.publicKey = PrivateKey.publicKey(of: bytes)
    }

    /// A new key from OpenSSL's RAND_bytes (retried in the 2^-128 case of an invalid scalar).
    /// - Throws: ``CryptoError/randomUnavailable`` when OpenSSL has no random bytes.
    public static func random() throws(CryptoError) -> PrivateKey {
        while true {
            if let key = try? PrivateKey(bytes: try SecureRandom.bytes(32)) { return key }
        }
    }

    /// The public key k·G of a valid scalar.
    private static func publicKey(of bytes: [UInt8]) -> PublicKey {
        var point = secp256k1_pubkey()
        var serialized = [UInt8](repeating: 0, count: 65)
        var length = 65
        _ = secp256k1_ec_pubkey_create(Secp256k1Context.shared, &point, bytes)
        _ = secp256k1_ec_pubkey_serialize(Secp256k1Context.shared, &serialized, &length, &point, UInt32(SECP256K1_EC_UNCOMPRESSED))
        return PublicKey(uncompressed: Array(serialized.dropFirst()))
    }

    /// Signs a message hash: ECDSA with an RFC 6979 deterministic nonce and a low s (s ≤ n/2,
    /// EIP-2), with the recovery id that lets the public key be recovered from it. Never fails
    /// for a valid key, which this is.
    public func sign(hash: Bytes32) -> RecoverableSignature {
        var signature = secp256k1_ecdsa_recoverable_signature()
        hash.withByteBuffer { digest in
            _ = secp256k1_ecdsa_sign_recoverable(Secp256k1Context.shared, &signature, digest.baseAddress!, bytes, nil, nil)
        }
        var recoveryID: Int32 = 0
        var compact = SIMD64<UInt8>()
        withUnsafeMutableBytes(of: &compact) { out in
            _ = secp256k1_ecdsa_recoverable_signature_serialize_compact(Secp256k1Context.shared, out.baseAddress!.assumingMemoryBound(to: UInt8.self),
                                                                        &recoveryID, &signature)
        }
        let r = Bytes32(storage: compact.lowHalf)
        let s = Bytes32(storage: compact.highHalf)
        return RecoverableSignature(r: r, s: s, recoveryID: UInt8(recoveryID))
    }

    public var description: String { "PrivateKey(hidden)" }
}
