/// Keccak-256 as Ethereum uses it: the Keccak sponge over Keccak-f[1600] with rate 1,088 bits
/// (136 bytes), capacity 512 bits and the original Keccak padding (a 0x01 byte, then zeros,
/// then 0x80 in the block's last byte), as submitted to the SHA-3 competition. FIPS 202's
/// SHA3-256 differs only in its padding byte (0x06) and so gives other digests; OpenSSL 3.0
/// has only that one, hence this implementation.
///
/// Use ``Keccak256/hash(_:)`` for a message held in memory, or create a value, feed it with
/// ``update(_:)`` and read the 32-byte digest with ``finalize()``.
public struct Keccak256: Sendable {
    /// The size of a digest, in bytes.
    public static let digestByteCount = 32
    /// The sponge's rate: the bytes absorbed per permutation.
    public static let rate = 136

    private var state = KeccakState()
    /// Bytes of a block not yet absorbed (fewer than ``rate``).
    private var pending: [UInt8] = []

    public init() {
        pending.reserveCapacity(Keccak256.rate)
    }

    /// Feeds `bytes` (any length, including zero) into the digest.
    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        var offset = 0
        if !pending.isEmpty {
            let take = min(Keccak256.rate - pending.count, bytes.count)
            pending.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[0..<take]))
            offset = take
            if pending.count < Keccak256.rate { return }
            pending.withUnsafeBytes { state.absorb(block: $0.baseAddress!) }
            pending.removeAll(keepingCapacity: true)
        }
        guard let base = bytes.baseAddress else { return }
        while bytes.count - offset >= Keccak256.rate {
            state.absorb(block: base + offset)
            offset += Keccak256.rate
        }
        if offset < bytes.count {
            pending.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[offset...]))
        }
    }

    /// Feeds `bytes` into the digest.
    public mutating func update(_ bytes: some ByteContainer) {
        bytes.withUnsafeBytes { update($0) }
    }

    /// Pads the message, ends the digest and returns it.
    public consuming func finalize() -> Bytes32 {
        var block = [UInt8](repeating: 0, count: Keccak256.rate)
        block.replaceSubrange(0..<pending.count, with: pending)
        block[pending.count] ^= 0x01
        block[Keccak256.rate - 1] ^= 0x80
        block.withUnsafeBytes { state.absorb(block: $0.baseAddress!) }
        return state.squeeze32()
    }

    /// Returns Keccak-256 of `message` (any length).
    public static func hash(_ message: some ByteContainer) -> Bytes32 {
        message.withUnsafeBytes { bytes in
            var state = KeccakState()
            var offset = 0
            let count = bytes.count
            if let base = bytes.baseAddress {
                while count - offset >= rate {
                    state.absorb(block: base + offset)
                    offset += rate
                }
            }
            // The last, padded block: the remaining bytes, 0x01, zeros, 0x80.
            return withUnsafeTemporaryAllocation(byteCount: rate, alignment: 8) { block in
                block.initializeMemory(as: UInt8.self, repeating: 0)
                if count > offset, let base = bytes.baseAddress {
                    block.baseAddress!.copyMemory(from: base + offset, byteCount: count - offset)
                }
                block[count - offset] ^= 0x01
                block[rate - 1] ^= 0x80
                state.absorb(block: UnsafeRawPointer(block.baseAddress!))
                return state.squeeze32()
            }
        }
    }
}

/// The 1,600-bit Keccak state: 25 lanes of 64 bits, lane (x, y) at index x + 5y.
struct KeccakState: Sendable {
    var lanes: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64,
                UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64,
                UInt64, UInt64, UInt64, UInt64, UInt64) =
        (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)

    /// XORs one 136-byte block at `block` into the first 17 lanes (little-endian) and permutes.
    @inline(__always)
    mutating func absorb(block: UnsafeRawPointer) {
        func word(_ index: Int) -> UInt64 {
            UInt64(littleEndian: block.loadUnaligned(fromByteOffset: index * 8, as: UInt64.self))
        }
        lanes.0 ^= word(0); lanes.1 ^= word(1); lanes.2 ^= word(2); lanes.3 ^= word(3)
        lanes.4 ^= word(4); lanes.5 ^= word(5); lanes.6 ^= word(6); lanes.7 ^= word(7)
        lanes.8 ^= word(8); lanes.9 ^= word(9); lanes.10 ^= word(10); lanes.11 ^= word(11)
        lanes.12 ^= word(12); lanes.13 ^= word(13); lanes.14 ^= word(14); lanes.15 ^= word(15)
        lanes.16 ^= word(16)
        keccakF1600(&self)
    }

    /// The first 32 bytes of the state, little-endian lanes: a Keccak-256 digest.
    func squeeze32() -> Bytes32 {
        Bytes32 { raw in
            raw.storeBytes(of: lanes.0.littleEndian, toByteOffset: 0, as: UInt64.self)
            raw.storeBytes(of: lanes.1.littleEndian, toByteOffset: 8, as: UInt64.self)
            raw.storeBytes(of: lanes.2.littleEndian, toByteOffset: 16, as: UInt64.self)
            raw.storeBytes(of: lanes.3.littleEndian, toByteOffset: 24, as: UInt64.self)
        }
    }
}

extension UInt64 {
    /// The bits rotated left by `count` (0 < count < 64): one `rol` instruction.
    @inline(__always)
    func rotatedLeft(_ count: UInt64) -> UInt64 {
        (self &<< count) | (self &>> (64 &- count))
    }
}
