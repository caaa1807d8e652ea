import COpenSSL

/// SHA-256 (FIPS 180-4) computed by OpenSSL's libcrypto through its EVP interface.
///
/// Use ``SHA256/hash(_:)`` for a message held in memory, or create a value, feed it with
/// ``update(_:)`` and read the 32-byte digest with ``finalize()`` for a message that arrives in
/// pieces. A value is a single-use hasher: after ``finalize()`` it must not be updated again.
public struct SHA256: ~Copyable {
    /// The size of a digest, in bytes.
    public static let digestByteCount = 32

    private let context: OpaquePointer

    /// Starts a new digest.
    ///
    /// Traps only if OpenSSL cannot allocate a digest context, which means the process is out of
    /// memory; no input can cause it.
    public init() {
        guard let context = bond_EVP_MD_CTX_new() else {
            fatalError("OpenSSL could not allocate an EVP_MD_CTX (out of memory)")
        }
        guard bond_EVP_DigestInit_ex2(context, SHA256.algorithm, nil) == 1 else {
            fatalError("OpenSSL could not initialise SHA-256")
        }
        self.context = context
    }

    deinit {
        bond_EVP_MD_CTX_free(context)
    }

    /// Feeds `bytes` (any length, including zero) into the digest.
    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        _ = bond_EVP_DigestUpdate(context, base, bytes.count)
    }

    /// Feeds `bytes` into the digest.
    public mutating func update(_ bytes: some ByteContainer) {
        bytes.withUnsafeBytes { update($0) }
    }

    /// Ends the digest and returns it.
    public consuming func finalize() -> Bytes32 {
        let context = context
        return Bytes32 { out in
            _ = bond_EVP_DigestFinal_ex(context, out.baseAddress!.assumingMemoryBound(to: UInt8.self), nil)
        }
    }

    /// Returns SHA-256 of `message` (any length).
    public static func hash(_ message: some ByteContainer) -> Bytes32 {
        message.withUnsafeBytes { input in
            Bytes32 { out in
                let digest = out.baseAddress!.assumingMemoryBound(to: UInt8.self)
                // An empty message may come with no base address; any valid pointer will do then.
                let start = input.baseAddress ?? UnsafeRawPointer(digest)
                _ = bond_EVP_Digest(start, input.count, digest, nil, algorithm, nil)
            }
        }
    }

    /// Returns SHA-256(SHA-256(`message`)). Bitcoin's "hash256", used by Base58Check.
    public static func doubleHash(_ message: some ByteContainer) -> Bytes32 {
        hash(hash(message))
    }

    /// The SHA-256 implementation, fetched once per process. Fetching it explicitly spares
    /// OpenSSL 3 the implicit lookup it would otherwise do on every digest.
    nonisolated(unsafe) private static let algorithm: OpaquePointer = {
        guard let md = bond_EVP_MD_fetch(nil, "SHA256", nil) else {
            fatalError("OpenSSL's default provider has no SHA-256")
        }
        return md
    }()
}
