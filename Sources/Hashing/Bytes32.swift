/// A 32-byte value, held inline: a SHA-256 (FIPS 180-4) or Keccak-256 digest, a chain hash,
/// a Merkle tree node (RFC 9162), a signature's r or s, an event topic — Solidity's `bytes32`.
///
/// Its bytes are a collection in the order they are written (big-endian for numbers), so a
/// digest's prefix, suffix or hex are read as from an array; but the type says the size, so
/// code that holds one never checks a length again. Values from outside become one through
/// ``init(_:)``, which refuses any other length.
public struct Bytes32: Hashable, Sendable, RandomAccessCollection, ByteContainer {
    private var storage: SIMD32<UInt8>

    /// Thirty-two zero bytes (the genesis chain hash, an empty topic).
    public static let zero = Bytes32(storage: SIMD32())

    private init(storage: SIMD32<UInt8>) {
        self.storage = storage
    }

    /// The value of `bytes`, or nil unless they are exactly 32.
    public init?(_ bytes: some Collection<UInt8>) {
        guard bytes.count == 32 else { return nil }
        var storage = SIMD32<UInt8>()
        for (index, byte) in bytes.enumerated() { storage[index] = byte }
        self.storage = storage
    }

    /// A value whose 32 bytes `fill` writes (a digest's output).
    public init(filling fill: (UnsafeMutableRawBufferPointer) -> Void) {
        var storage = SIMD32<UInt8>()
        withUnsafeMutableBytes(of: &storage) { fill($0) }
        self.storage = storage
    }

    /// The 32 bytes as an array.
    public var bytes: [UInt8] { Array(self) }

    public var startIndex: Int { 0 }
    public var endIndex: Int { 32 }

    /// Byte `index`, 0 to 31.
    public subscript(index: Int) -> UInt8 { storage[index] }

    public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try Swift.withUnsafeBytes(of: storage) { try body($0) }
    }
}
