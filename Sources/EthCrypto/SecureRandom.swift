import COpenSSL

/// Cryptographically secure random bytes from OpenSSL's RAND_bytes (its DRBG, seeded from the
/// operating system).
public enum SecureRandom {
    /// Returns `count` random bytes.
    /// - Throws: ``CryptoError/randomUnavailable`` if OpenSSL's generator fails (not seeded).
    public static func bytes(_ count: Int) throws(CryptoError) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: count)
        let status = out.withUnsafeMutableBufferPointer { bond_RAND_bytes($0.baseAddress, Int32(count)) }
        guard status == 1 else { throw .randomUnavailable }
        return out
    }
}
