import Hashing

/// Base58Check: Base58 of a payload followed by a 4-byte checksum, the first 4 bytes of
/// SHA-256(SHA-256(payload)) (Bitcoin Core, `base58.cpp`, `EncodeBase58Check`).
public enum Base58Check {
    /// The size of the checksum, in bytes.
    public static let checksumByteCount = 4

    /// The result of encoding or decoding: the payload, its checksum and the Base58 text.
    public struct Item: Equatable, Sendable {
        /// The payload without the checksum.
        public let payload: [UInt8]
        /// The 4 checksum bytes.
        public let checksum: [UInt8]
        /// Base58 of `payload` followed by `checksum`.
        public let base58: String
    }

    /// Returns the checksum of `payload`: the first 4 bytes of SHA-256(SHA-256(payload)).
    public static func checksum(of payload: some ByteContainer) -> [UInt8] {
        Array(SHA256.doubleHash(payload).prefix(checksumByteCount))
    }

    /// Encodes `payload` (any length) with its checksum appended.
    public static func encode(_ payload: [UInt8]) -> Item {
        let sum = checksum(of: payload)
        return Item(payload: payload, checksum: sum, base58: Base58.encode(payload + sum))
    }

    /// Decodes Base58Check text, verifies its checksum and strips it.
    ///
    /// - Parameter text: UTF-8 Base58 digits.
    /// - Returns: the payload (the decoded bytes but the last 4) and the checksum.
    /// - Throws: ``Base58Error/invalidCharacter(_:)`` as ``Base58/decode(_:)-(UnsafeBufferPointer<UInt8>)``
    ///   does; ``Base58Error/checksumMissing(byteCount:)`` when the text decodes to fewer than 4
    ///   bytes; ``Base58Error/checksumMismatch(carried:computed:)`` when the last 4 bytes are not
    ///   the checksum of the rest.
    public static func decode(_ text: UnsafeBufferPointer<UInt8>) throws(Base58Error) -> Item {
        let bytes = try Base58.decode(text)
        guard bytes.count >= checksumByteCount else { throw .checksumMissing(byteCount: bytes.count) }
        let payload = Array(bytes.dropLast(checksumByteCount))
        let carried = Array(bytes.suffix(checksumByteCount))
        let computed = checksum(of: payload)
        guard carried == computed else { throw .checksumMismatch(carried: carried, computed: computed) }
        return Item(payload: payload, checksum: carried, base58: String(decoding: text, as: UTF8.self))
    }

    /// Decodes Base58Check text held in a `String`; see ``decode(_:)-(UnsafeBufferPointer<UInt8>)``.
    /// - Throws: ``Base58Error``, as the buffer form.
    public static func decode(_ text: String) throws(Base58Error) -> Item {
        var copy = text
        let result = copy.withUTF8 { utf8 in Result { () throws(Base58Error) -> Item in try decode(utf8) } }
        return try result.get()
    }
}
