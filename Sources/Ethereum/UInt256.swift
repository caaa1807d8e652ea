/// An unsigned 256-bit integer: the EVM word, and the range of Ethereum quantities (wei
/// amounts, fees) and of ABI `uint256` values.
///
/// Four 64-bit limbs, least significant first. Arithmetic reports overflow instead of trapping,
/// so that values from outside can be checked (`2^256` is not a wei amount).
public struct UInt256: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Limbs, least significant first.
    public private(set) var limbs: (UInt64, UInt64, UInt64, UInt64)

    public static let zero = UInt256(0)
    public static let max = UInt256(limbs: (.max, .max, .max, .max))

    public init(_ value: UInt64) {
        limbs = (value, 0, 0, 0)
    }

    public init(limbs: (UInt64, UInt64, UInt64, UInt64)) {
        self.limbs = limbs
    }

    /// The number whose big-endian bytes are `bytes` (at most 32 of them), or nil if longer.
    public init?(bigEndian bytes: some Collection<UInt8>) {
        guard bytes.count <= 32 else { return nil }
        var words: [UInt64] = [0, 0, 0, 0]
        for (i, byte) in bytes.reversed().enumerated() {
            words[i / 8] |= UInt64(byte) << (UInt64(i % 8) * 8)
        }
        limbs = (words[0], words[1], words[2], words[3])
    }

    /// Limb `i` (0 = least significant).
    public subscript(limb i: Int) -> UInt64 {
        get {
            switch i {
            case 0: return limbs.0
            case 1: return limbs.1
            case 2: return limbs.2
            default: return limbs.3
            }
        }
        set {
            switch i {
            case 0: limbs.0 = newValue
            case 1: limbs.1 = newValue
            case 2: limbs.2 = newValue
            default: limbs.3 = newValue
            }
        }
    }

    public var isZero: Bool { limbs.0 | limbs.1 | limbs.2 | limbs.3 == 0 }

    /// The number of significant bits (0 for zero).
    public var bitWidth: Int {
        for i in stride(from: 3, through: 0, by: -1) where self[limb: i] != 0 {
            return i * 64 + 64 - self[limb: i].leadingZeroBitCount
        }
        return 0
    }

    /// The value as a `UInt64`, or nil when it does not fit.
    public var uint64: UInt64? { limbs.1 | limbs.2 | limbs.3 == 0 ? limbs.0 : nil }

    /// The 32 big-endian bytes.
    public var bigEndianBytes: [UInt8] {
        var out = [UInt8](repeating: 0, count: 32)
        for i in 0..<32 {
            out[31 - i] = UInt8(truncatingIfNeeded: self[limb: i / 8] >> (UInt64(i % 8) * 8))
        }
        return out
    }

    /// The big-endian bytes without leading zeros: empty for zero (RLP's integer form).
    public var minimalBigEndianBytes: [UInt8] {
        Array(bigEndianBytes.drop { $0 == 0 })
    }

    /// `self + other`, and whether it overflowed 2^256.
    public func addingReportingOverflow(_ other: UInt256) -> (partialValue: UInt256, overflow: Bool) {
        var result = UInt256.zero
        var carry = false
        for i in 0..<4 {
            let (sum1, o1) = self[limb: i].addingReportingOverflow(other[limb: i])
            let (sum2, o2) = sum1.addingReportingOverflow(carry ? 1 : 0)
            result[limb: i] = sum2
            carry = o1 || o2
        }
        return (result, carry)
    }

    /// `self - other` modulo 2^256, and whether it went below zero.
    public func subtractingReportingOverflow(_ other: UInt256) -> (partialValue: UInt256, overflow: Bool) {
        var result = UInt256.zero
        var borrow = false
        for i in 0..<4 {
            let (difference1, o1) = self[limb: i].subtractingReportingOverflow(other[limb: i])
            let (difference2, o2) = difference1.subtractingReportingOverflow(borrow ? 1 : 0)
            result[limb: i] = difference2
            borrow = o1 || o2
        }
        return (result, borrow)
    }

    /// `self * factor`, and whether it overflowed 2^256.
    public func multipliedReportingOverflow(by factor: UInt64) -> (partialValue: UInt256, overflow: Bool) {
        var result = UInt256.zero
        var carry: UInt64 = 0
        for i in 0..<4 {
            let product = self[limb: i].multipliedFullWidth(by: factor)
            let (low, o) = product.low.addingReportingOverflow(carry)
            result[limb: i] = low
            carry = product.high &+ (o ? 1 : 0)
        }
        return (result, carry != 0)
    }

    /// `self / divisor` and `self % divisor` for a nonzero 64-bit divisor.
    public func quotientAndRemainder(dividingBy divisor: UInt64) -> (quotient: UInt256, remainder: UInt64) {
        var quotient = UInt256.zero
        var remainder: UInt64 = 0
        for i in stride(from: 3, through: 0, by: -1) {
            let (q, r) = divisor.dividingFullWidth((remainder, self[limb: i]))
            quotient[limb: i] = q
            remainder = r
        }
        return (quotient, remainder)
    }

    /// 2^256 - self (mod 2^256): the two's complement, as ABI `int<M>` writes negative values.
    public var twosComplement: UInt256 {
        UInt256(limbs: (~limbs.0, ~limbs.1, ~limbs.2, ~limbs.3)).addingReportingOverflow(UInt256(1)).partialValue
    }

    /// 10^exponent for exponent 0...77, or nil beyond 2^256.
    public static func powerOfTen(_ exponent: Int) -> UInt256? {
        var value = UInt256(1)
        for _ in 0..<exponent {
            let (next, overflow) = value.multipliedReportingOverflow(by: 10)
            if overflow { return nil }
            value = next
        }
        return value
    }

    /// Parses decimal digits (no sign, no separators); nil if empty, not all digits, or over
    /// 2^256 - 1.
    public init?(decimal text: some StringProtocol) {
        guard !text.isEmpty else { return nil }
        var value = UInt256.zero
        for byte in text.utf8 {
            guard byte >= 48 && byte <= 57 else { return nil }
            let (times10, o1) = value.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times10.addingReportingOverflow(UInt256(UInt64(byte - 48)))
            if o1 || o2 { return nil }
            value = sum
        }
        self = value
    }

    /// Parses hex digits (no prefix); nil if empty, not all hex, or over 2^256 - 1.
    public init?(hex text: some StringProtocol) {
        let digits = text.drop { $0 == "0" }
        guard !text.isEmpty, digits.count <= 64 else { return nil }
        var value = UInt256.zero
        for (i, character) in digits.reversed().enumerated() {
            guard let digit = character.hexDigitValue else { return nil }
            value[limb: i / 16] |= UInt64(digit) << (UInt64(i % 16) * 4)
        }
        self = value
    }

    /// Decimal digits.
    public var description: String {
        if isZero { return "0" }
        var chunks: [UInt64] = []
        var rest = self
        while !rest.isZero {
            let (quotient, remainder) = rest.quotientAndRemainder(dividingBy: 10_000_000_000_000_000_000)
            chunks.append(remainder)
            rest = quotient
        }
        var text = String(chunks.removeLast())
        for chunk in chunks.reversed() {
            let digits = String(chunk)
            text += String(repeating: "0", count: 19 - digits.count) + digits
        }
        return text
    }

    /// `0x` and lower-case hex digits without leading zeros (`0x0` for zero), as JSON-RPC
    /// writes quantities.
    public var hexQuantity: String {
        let bytes = minimalBigEndianBytes
        guard let first = bytes.first else { return "0x0" }
        var text = "0x" + String(first, radix: 16)
        for byte in bytes.dropFirst() {
            text += byte < 16 ? "0" + String(byte, radix: 16) : String(byte, radix: 16)
        }
        return text
    }

    public static func < (a: UInt256, b: UInt256) -> Bool {
        for i in stride(from: 3, through: 0, by: -1) where a[limb: i] != b[limb: i] {
            return a[limb: i] < b[limb: i]
        }
        return false
    }

    public static func == (a: UInt256, b: UInt256) -> Bool {
        a.limbs.0 == b.limbs.0 && a.limbs.1 == b.limbs.1 && a.limbs.2 == b.limbs.2 && a.limbs.3 == b.limbs.3
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(limbs.0)
        hasher.combine(limbs.1)
        hasher.combine(limbs.2)
        hasher.combine(limbs.3)
    }
}
