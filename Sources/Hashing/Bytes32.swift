/// A 32-byte value, held inline: a SHA-256 (FIPS 180-4) or Keccak-256 digest, a chain hash,
/// a Merkle tree node (RFC 9162), a signature's r or s, an event topic — Solidity's `bytes32`.
///
/// Its bytes are a collection in the order they are written (big-endian for numbers), so a
/// digest's prefix, suffix or hex are read as from an array; but the type says the size, so
/// code that holds one never checks a length again. Values from outside become one through
/// ``init(_:)``, which refuses any other length.
public struct Bytes32: Hashable, Sendable, RandomAccessCollection, ByteContainer {
    // Inlinable throughout: a digest or a signature half is built and read in hot loops of
    // other modules (sign-tx signs tens of thousands a second), which must not go through
    // unspecialized generic code.
    @usableFromInline var storage: SIMD32<UInt8>

    /// Thirty-two zero bytes (the genesis chain hash, an empty topic).
    public static let zero = Bytes32(storage: SIMD32())

    /// The value whose byte i is lane i of `storage`.
    @inlinable
    public init(storage: SIMD32<UInt8>) {
        self.storage = storage
    }

    /// The value of `bytes`, or nil unless they are exactly 32.
    @inlinable
    public init?(_ bytes: some Collection<UInt8>) {
        guard bytes.count == 32 else { return nil }
        var storage = SIMD32<UInt8>()
        let copied: Void? = bytes.withContiguousStorageIfAvailable { source in
            withUnsafeMutableBytes(of: &storage) { $0.copyMemory(from: UnsafeRawBufferPointer(source)) }
        }
        if copied == nil {
            var index = 0
            for byte in bytes {
                storage[index] = byte
                index += 1
            }
        }
        self.storage = storage
    }

    /// A value whose 32 bytes `fill` writes (a digest's output).
    @inlinable
    public init(filling fill: (UnsafeMutableRawBufferPointer) -> Void) {
        var storage = SIMD32<UInt8>()
        withUnsafeMutableBytes(of: &storage) { fill($0) }
        self.storage = storage
    }

    /// The 32 bytes as an array.
    @inlinable
    public var bytes: [UInt8] {
        withUnsafeBytes { Array($0) }
    }

    @inlinable public var startIndex: Int { 0 }
    @inlinable public var endIndex: Int { 32 }

    /// Byte `index`, 0 to 31.
    @inlinable
    public subscript(index: Int) -> UInt8 { storage[index] }

    @inlinable
    public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try Swift.withUnsafeBytes(of: storage) { try body($0) }
    }
}
