import COpenSSL

/// scrypt (RFC 7914): PBKDF2-HMAC-SHA-256 around the memory-hard ROMix of Salsa20/8.
///
/// The two PBKDF2 steps run in OpenSSL; ROMix is written here because OpenSSL refuses
/// parameters that geth and the ethereum/tests keystore examples use: it enforces RFC 7914's
/// N < 2^(128·r/8), under which n = 2^18 with r = 1 is invalid, while geth accepts any power
/// of two above 1.
enum Scrypt {
    /// scrypt of `password` and `salt` with cost `n` (a power of two above 1), block size `r`
    /// and parallelism `p`; `length` bytes out. Uses 128·r·n bytes for ROMix's table.
    static func derive(password: [UInt8], salt: [UInt8], n: Int, r: Int, p: Int, length: Int) throws(KeystoreError) -> [UInt8] {
        let blockBytes = 128 * r
        var blocks = try pbkdf2(password: password, salt: salt, length: p * blockBytes)
        let words = blockBytes / 4
        // The table V (n blocks) and two working blocks, as 32-bit little-endian words.
        let table = UnsafeMutablePointer<UInt32>.allocate(capacity: n * words)
        defer { table.deallocate() }
        let x = UnsafeMutablePointer<UInt32>.allocate(capacity: words)
        let y = UnsafeMutablePointer<UInt32>.allocate(capacity: words)
        defer { x.deallocate(); y.deallocate() }
        for block in 0..<p {
            blocks.withUnsafeMutableBytes { bytes in
                let start = bytes.baseAddress! + block * blockBytes
                for i in 0..<words {
                    x[i] = UInt32(littleEndian: start.loadUnaligned(fromByteOffset: i * 4, as: UInt32.self))
                }
                romix(x: x, y: y, table: table, n: n, r: r)
                for i in 0..<words {
                    start.storeBytes(of: x[i].littleEndian, toByteOffset: i * 4, as: UInt32.self)
                }
            }
        }
        return try pbkdf2(password: password, salt: blocks, length: length)
    }

    private static func pbkdf2(password: [UInt8], salt: [UInt8], length: Int) throws(KeystoreError) -> [UInt8] {
        try KeyDerivation.pbkdf2SHA256(password: password, salt: salt, iterations: 1, length: length)
    }

    /// ROMix (RFC 7914, section 5) of the block at `x` in place.
    private static func romix(x: UnsafeMutablePointer<UInt32>, y: UnsafeMutablePointer<UInt32>,
                              table: UnsafeMutablePointer<UInt32>, n: Int, r: Int) {
        let words = 32 * r
        for i in 0..<n {
            (table + i * words).update(from: x, count: words)
            blockMix(x, into: y, r: r)
            x.update(from: y, count: words)
        }
        let mask = UInt64(n - 1)
        for _ in 0..<n {
            // Integerify: the first 64 bits of the last 64-byte sub-block, little-endian.
            let last = x + (2 * r - 1) * 16
            let j = Int((UInt64(last[1]) << 32 | UInt64(last[0])) & mask)
            let v = table + j * words
            for k in 0..<words { x[k] ^= v[k] }
            blockMix(x, into: y, r: r)
            x.update(from: y, count: words)
        }
    }

    /// BlockMix (RFC 7914, section 4) of `input` (2r 64-byte sub-blocks) into `output`: even
    /// results first, then odd.
    private static func blockMix(_ input: UnsafeMutablePointer<UInt32>, into output: UnsafeMutablePointer<UInt32>, r: Int) {
        var state = (input + (2 * r - 1) * 16).withMemoryRebound(to: SalsaBlock.self, capacity: 1) { $0.pointee }
        for i in 0..<(2 * r) {
            let sub = (input + i * 16).withMemoryRebound(to: SalsaBlock.self, capacity: 1) { $0.pointee }
            state.xor(sub)
            state.salsa208()
            let destination = i % 2 == 0 ? i / 2 : r + i / 2
            (output + destination * 16).withMemoryRebound(to: SalsaBlock.self, capacity: 1) { $0.pointee = state }
        }
    }
}

/// 16 32-bit words: one Salsa20 block.
struct SalsaBlock {
    var w: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32,
            UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32)

    @inline(__always)
    mutating func xor(_ other: SalsaBlock) {
        w.0 ^= other.w.0; w.1 ^= other.w.1; w.2 ^= other.w.2; w.3 ^= other.w.3
        w.4 ^= other.w.4; w.5 ^= other.w.5; w.6 ^= other.w.6; w.7 ^= other.w.7
        w.8 ^= other.w.8; w.9 ^= other.w.9; w.10 ^= other.w.10; w.11 ^= other.w.11
        w.12 ^= other.w.12; w.13 ^= other.w.13; w.14 ^= other.w.14; w.15 ^= other.w.15
    }

    /// The Salsa20/8 core (RFC 7914, section 3; Bernstein's Salsa20 with 8 rounds), in place:
    /// four double rounds, then the input added back.
    @inline(__always)
    mutating func salsa208() {
        @inline(__always) func rotate(_ x: UInt32, _ n: UInt32) -> UInt32 { (x &<< n) | (x &>> (32 &- n)) }
        var (x0, x1, x2, x3, x4, x5, x6, x7) = (w.0, w.1, w.2, w.3, w.4, w.5, w.6, w.7)
        var (x8, x9, x10, x11, x12, x13, x14, x15) = (w.8, w.9, w.10, w.11, w.12, w.13, w.14, w.15)
        for _ in 0..<4 {
            // Column round.
            x4 ^= rotate(x0 &+ x12, 7); x8 ^= rotate(x4 &+ x0, 9)
            x12 ^= rotate(x8 &+ x4, 13); x0 ^= rotate(x12 &+ x8, 18)
            x9 ^= rotate(x5 &+ x1, 7); x13 ^= rotate(x9 &+ x5, 9)
            x1 ^= rotate(x13 &+ x9, 13); x5 ^= rotate(x1 &+ x13, 18)
            x14 ^= rotate(x10 &+ x6, 7); x2 ^= rotate(x14 &+ x10, 9)
            x6 ^= rotate(x2 &+ x14, 13); x10 ^= rotate(x6 &+ x2, 18)
            x3 ^= rotate(x15 &+ x11, 7); x7 ^= rotate(x3 &+ x15, 9)
            x11 ^= rotate(x7 &+ x3, 13); x15 ^= rotate(x11 &+ x7, 18)
            // Row round.
            x1 ^= rotate(x0 &+ x3, 7); x2 ^= rotate(x1 &+ x0, 9)
            x3 ^= rotate(x2 &+ x1, 13); x0 ^= rotate(x3 &+ x2, 18)
            x6 ^= rotate(x5 &+ x4, 7); x7 ^= rotate(x6 &+ x5, 9)
            x4 ^= rotate(x7 &+ x6, 13); x5 ^= rotate(x4 &+ x7, 18)
            x11 ^= rotate(x10 &+ x9, 7); x8 ^= rotate(x11 &+ x10, 9)
            x9 ^= rotate(x8 &+ x11, 13); x10 ^= rotate(x9 &+ x8, 18)
            x12 ^= rotate(x15 &+ x14, 7); x13 ^= rotate(x12 &+ x15, 9)
            x14 ^= rotate(x13 &+ x12, 13); x15 ^= rotate(x14 &+ x13, 18)
        }
        w.0 &+= x0; w.1 &+= x1; w.2 &+= x2; w.3 &+= x3; w.4 &+= x4; w.5 &+= x5; w.6 &+= x6; w.7 &+= x7
        w.8 &+= x8; w.9 &+= x9; w.10 &+= x10; w.11 &+= x11; w.12 &+= x12; w.13 &+= x13; w.14 &+= x14; w.15 &+= x15
    }
}
