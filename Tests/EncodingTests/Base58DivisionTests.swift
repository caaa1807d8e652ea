@testable import Encoding
import Testing

/// The word-level divisions Base58 encoding is built on, checked against the hardware
/// 128-by-64 division (`dividingFullWidth`) on edge and random operands.
@Suite("Base58 division steps")
struct Base58DivisionTests {
    static func power(_ base: UInt64, _ exponent: Int) -> UInt64 { (0..<exponent).reduce(1) { value, _ in value * base } }

    @Test("the constants are 58^10, 29^13 and their reciprocals floor((2^128 - 1) / d) - 2^64")
    func constants() {
        #expect(Base58.wideBase == Self.power(58, 10))
        #expect(Base58.chunkOddBase == Self.power(29, 13))
        #expect(Base58.normalizedWideBase.leadingZeroBitCount == 0 && Base58.chunkOddBase.leadingZeroBitCount == 0)
        // (2^128 - 1) / d - 2^64 = ((2^64 - 1 - d) * 2^64 + 2^64 - 1) / d, whose quotient fits a word.
        for (divisor, reciprocal) in [(Base58.normalizedWideBase, Base58.wideReciprocal), (Base58.chunkOddBase, Base58.chunkReciprocal)] {
            #expect(reciprocal == divisor.dividingFullWidth((high: ~divisor, low: UInt64.max)).quotient)
        }
    }

    /// Random and edge pairs (remainder below `divisor`, any word).
    static func operands(below divisor: UInt64) -> [(UInt64, UInt64)] {
        var generator = SystemRandomNumberGenerator()
        let edges: [UInt64] = [0, 1, divisor - 1, UInt64.max, UInt64.max - 1, 1 << 63, divisor]
        var pairs: [(UInt64, UInt64)] = []
        for a in edges { for b in edges { pairs.append((a % divisor, b)) } }
        for _ in 0..<20_000 {
            pairs.append((UInt64.random(in: 0..<divisor, using: &generator), UInt64.random(in: 0...UInt64.max, using: &generator)))
        }
        return pairs
    }

    @Test("a 58^10 step (normalized by a shift of 5) divides two words like the hardware")
    func wideStep() {
        for (remainder, word) in Self.operands(below: Base58.wideBase) {
            var normalized = remainder << Base58.wideShift
            let quotient = Base58.divideStep(&normalized, word)
            let expected = Base58.wideBase.dividingFullWidth((high: remainder, low: word))
            if quotient != expected.quotient || normalized >> Base58.wideShift != expected.remainder {
                Issue.record("58^10 step wrong for (\(remainder), \(word))")
                return
            }
        }
    }

    @Test("a 29^13 step divides two words like the hardware")
    func chunkStep() {
        for (remainder, word) in Self.operands(below: Base58.chunkOddBase) {
            var rest = remainder
            let quotient = Base58.chunkStep(&rest, word)
            let expected = Base58.chunkOddBase.dividingFullWidth((high: remainder, low: word))
            if quotient != expected.quotient || rest != expected.remainder {
                Issue.record("29^13 step wrong for (\(remainder), \(word))")
                return
            }
        }
    }
}
