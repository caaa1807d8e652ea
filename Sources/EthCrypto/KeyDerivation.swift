import COpenSSL

/// The key derivation functions of Web3 Secret Storage, computed by OpenSSL's libcrypto.
public enum KeyDerivation {
    /// scrypt (RFC 7914) of `password` with `salt`; `n` a power of two above 1, `r` and `p` at
    /// least 1; returns `length` bytes. See ``Scrypt`` for why its core is not OpenSSL's.
    /// - Throws: ``KeystoreError/invalidParameters(_:)`` for parameters out of range, or that
    ///   need more than 2 GiB (geth's standard n = 2^18, r = 8 takes 256 MiB).
    public static func scrypt(password: [UInt8], salt: [UInt8], n: UInt64, r: UInt64, p: UInt64,
                              length: Int) throws(KeystoreError) -> [UInt8] {
        guard n > 1, n & (n - 1) == 0 else { throw .invalidParameters("scrypt n=\(n) is not a power of two above 1") }
        guard r >= 1, p >= 1, r <= 1 << 20, p <= 1 << 20 else {
            throw .invalidParameters("scrypt r=\(r), p=\(p) are outside 1-1,048,576")
        }
        guard length >= 1, length <= 1024 else { throw .invalidParameters("scrypt output of \(length) bytes is outside 1-1024") }
        let (memory, overflow) = (128 * r).multipliedReportingOverflow(by: n)
        guard !overflow, memory <= 2 << 30, r * p < 1 << 30 else {
            throw .invalidParameters("scrypt n=\(n), r=\(r), p=\(p) needs more than 2 GiB")
        }
        return try Scrypt.derive(password: password, salt: salt, n: Int(n), r: Int(r), p: Int(p), length: length)
    }

    /// PBKDF2 (RFC 8018, section 5.2) with HMAC-SHA-256 of `password` with `salt` and
    /// `iterations` rounds; returns `length` bytes.
    /// - Throws: ``KeystoreError/invalidParameters(_:)`` for a count or length out of range, or
    ///   when OpenSSL fails.
    public static func pbkdf2SHA256(password: [UInt8], salt: [UInt8], iterations: Int,
                                    length: Int) throws(KeystoreError) -> [UInt8] {
        guard iterations >= 1, iterations <= Int(Int32.max) else {
            throw .invalidParameters("pbkdf2 iteration count \(iterations) is outside 1-2,147,483,647")
        }
        guard length >= 1, length <= 1 << 30 else { throw .invalidParameters("pbkdf2 output of \(length) bytes is out of range") }
        var out = [UInt8](repeating: 0, count: length)
        let status = bond_PKCS5_PBKDF2_HMAC(password.map { CChar(bitPattern: $0) }, Int32(password.count), salt, Int32(salt.count),
                                       Int32(iterations), bond_EVP_sha256(), Int32(length), &out)
        guard status == 1 else { throw .invalidParameters("OpenSSL rejected pbkdf2") }
        return out
    }

    /// AES-128 in CTR mode (NIST SP 800-38A) of `input` with a 16-byte `key` and 16-byte
    /// initial counter block `iv`; the same call encrypts and decrypts.
    /// - Throws: ``KeystoreError/invalidParameters(_:)`` for a key or iv that is not 16 bytes, or
    ///   when OpenSSL fails.
    public static func aes128CTR(key: [UInt8], iv: [UInt8], input: [UInt8]) throws(KeystoreError) -> [UInt8] {
        guard key.count == 16, iv.count == 16 else { throw .invalidParameters("aes-128-ctr needs a 16-byte key and iv") }
        guard let context = bond_EVP_CIPHER_CTX_new() else { throw .invalidParameters("OpenSSL could not allocate a cipher") }
        defer { bond_EVP_CIPHER_CTX_free(context) }
        var out = [UInt8](repeating: 0, count: input.count + 16)
        var written: Int32 = 0
        var final: Int32 = 0
        guard bond_EVP_EncryptInit_ex(context, bond_EVP_aes_128_ctr(), nil, key, iv) == 1,
              bond_EVP_EncryptUpdate(context, &out, &written, input, Int32(input.count)) == 1 else {
            throw .invalidParameters("OpenSSL aes-128-ctr failed")
        }
        let finalStatus = out.withUnsafeMutableBufferPointer { bond_EVP_EncryptFinal_ex(context, $0.baseAddress! + Int(written), &final) }
        guard finalStatus == 1 else { throw .invalidParameters("OpenSSL aes-128-ctr failed") }
        return Array(out[0..<Int(written + final)])
    }
}
