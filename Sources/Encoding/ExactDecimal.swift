/// A decimal number held exactly: an integer times a power of ten, as measured values travel
/// through bond (energy in Wh, MOER in lb/MWh, CO2 rates): `11277.41` stays `11277.41`, never a
/// binary floating-point neighbour (bond(1), OUTPUT).
///
/// The significand has up to 76 decimal digits; arithmetic that would need more throws.
public struct ExactDecimal: Equatable, Comparable, Sendable, CustomStringConvertible {
    /// The digits, as a magnitude (up to 76 of them).
    public private(set) var significand: Digits
    /// The number of digits after the decimal point (0 or more).
    public private(set) var scale: Int
    public private(set) var isNegative: Bool

    /// A non-negative integer significand of up to 76 decimal digits, little-endian limbs of 10^19.
    public typealias Digits = [UInt64]

    static let limbBase: UInt64 = 10_000_000_000_000_000_000
    static let maximumDigits = 76

    public static let zero = ExactDecimal(significand: [], scale: 0, isNegative: false)

    init(significand: Digits, scale: Int, isNegative: Bool) {
        var digits = significand
        while digits.last == 0 { digits.removeLast() }
        self.significand = digits
        self.scale = scale
        self.isNegative = isNegative && !digits.isEmpty
    }

    /// An integer.
    public init(_ value: Int) {
        self.init(significand: ExactDecimal.limbs(of: value.magnitude), scale: 0, isNegative: value < 0)
    }

    /// Parses decimal text: an optional `-`, digits with an optional fraction, and an optional
    /// exponent (`1.5e3`), as JSON numbers and SunSpec points write them; leading `+` and
    /// surrounding spaces are not accepted. Nil when `text` is not such a number or needs more
    /// than 76 significant digits.
    public init?(_ text: String) {
        var rest = Substring(text)
        let negative = rest.hasPrefix("-")
        if negative { rest = rest.dropFirst() }
        var exponent = 0
        if let e = rest.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            guard let parsed = Int(rest[rest.index(after: e)...]), abs(parsed) <= 1000 else { return nil }
            exponent = parsed
            rest = rest[..<e]
        }
        let parts = rest.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let whole = parts.first, !whole.isEmpty, whole.allSatisfy(\.isASCIIDigit) else { return nil }
        let fraction = parts.count == 2 ? parts[1] : ""
        guard parts.count == 1 || (!fraction.isEmpty && fraction.allSatisfy(\.isASCIIDigit)) else { return nil }
        let digits = (whole + fraction).drop { $0 == "0" }
        guard digits.count <= ExactDecimal.maximumDigits else { return nil }
        var limbs: Digits = []
        var index = digits.endIndex
        while index > digits.startIndex {
            let start = digits.index(index, offsetBy: -19, limitedBy: digits.startIndex) ?? digits.startIndex
            limbs.append(UInt64(digits[start..<index]) ?? 0)
            index = start
        }
        let value = ExactDecimal(significand: limbs, scale: fraction.count, isNegative: negative)
        guard let scaled = value.scaledByPowerOfTen(exponent) else { return nil }
        self = scaled.normalized
    }

    /// The value with no trailing zeros after the decimal point (`2.50` becomes `2.5`).
    public var normalized: ExactDecimal {
        var value = self
        while value.scale > 0, let (quotient, remainder) = Optional(ExactDecimal.divide(value.significand, by: 10)), remainder == 0 {
            value.significand = quotient
            value.scale -= 1
        }
        if value.significand.isEmpty { value.scale = 0 }
        return value
    }

    public var isZero: Bool { significand.isEmpty }

    /// `self * other`, exactly; nil past 76 digits.
    public func multiplied(by other: ExactDecimal) -> ExactDecimal? {
        var product = [UInt64](repeating: 0, count: significand.count + other.significand.count + 1)
        for (i, a) in significand.enumerated() {
            var carry: UInt64 = 0
            for (j, b) in other.significand.enumerated() {
                let (high, low) = a.multipliedFullWidth(by: b)
                // high * 2^64 + low + product[i+j] + carry, split at 10^19.
                let (sumLow, overflow1) = low.addingReportingOverflow(product[i + j])
                let (sumLow2, overflow2) = sumLow.addingReportingOverflow(carry)
                let sumHigh = high + (overflow1 ? 1 : 0) + (overflow2 ? 1 : 0)
                let (quotient, remainder) = ExactDecimal.limbBase.dividingFullWidth((sumHigh, sumLow2))
                product[i + j] = remainder
                carry = quotient
            }
            var k = i + other.significand.count
            while carry > 0 {
                (product[k], carry) = ExactDecimal.addLimbs(product[k], carry, 0)
                k += 1
            }
        }
        let result = ExactDecimal(significand: product, scale: scale + other.scale, isNegative: isNegative != other.isNegative)
        return result.digitCount <= ExactDecimal.maximumDigits ? result.normalized : nil
    }

    /// `self + other`, exactly; nil past 76 digits.
    public func adding(_ other: ExactDecimal) -> ExactDecimal? {
        let scale = max(self.scale, other.scale)
        guard let a = multipliedByPowerOfTen(scale - self.scale), let b = other.multipliedByPowerOfTen(scale - other.scale) else { return nil }
        let result: ExactDecimal
        if a.isNegative == b.isNegative {
            result = ExactDecimal(significand: ExactDecimal.add(a.significand, b.significand), scale: scale, isNegative: a.isNegative)
        } else if ExactDecimal.compare(a.significand, b.significand) >= 0 {
            result = ExactDecimal(significand: ExactDecimal.subtract(a.significand, b.significand), scale: scale, isNegative: a.isNegative)
        } else {
            result = ExactDecimal(significand: ExactDecimal.subtract(b.significand, a.significand), scale: scale, isNegative: b.isNegative)
        }
        return result.digitCount <= ExactDecimal.maximumDigits ? result.normalized : nil
    }

    /// `self - other`, exactly.
    public func subtracting(_ other: ExactDecimal) -> ExactDecimal? {
        var negated = other
        negated.isNegative = !other.isNegative && !other.isZero
        return adding(negated)
    }

    /// `self / divisor` rounded half to even at `places` decimals (`divisor` > 0). Exact when
    /// the quotient has no more decimals than that.
    public func divided(by divisor: UInt64, places: Int) -> ExactDecimal? {
        guard divisor > 0, places >= 0 else { return nil }
        var numerator = self
        if places > scale {
            guard let widened = multipliedByPowerOfTen(places - scale) else { return nil }
            numerator = widened
        }
        var (quotient, remainder) = ExactDecimal.divide(numerator.significand, by: divisor)
        var currentScale = numerator.scale
        // Round: either on the remainder (no extra digits to drop), or on the dropped digits.
        var roundUp: Bool
        if currentScale == places {
            let twice = remainder.multipliedReportingOverflow(by: 2)
            if twice.overflow || twice.partialValue > divisor {
                roundUp = true
            } else if twice.partialValue < divisor {
                roundUp = false
            } else {
                roundUp = ExactDecimal.divide(quotient, by: 2).remainder == 1
            }
        } else {
            var sticky = remainder != 0
            var dropped: UInt64 = 0
            while currentScale > places {
                if dropped != 0 { sticky = true }
                let split = ExactDecimal.divide(quotient, by: 10)
                quotient = split.quotient
                dropped = split.remainder
                currentScale -= 1
            }
            if dropped > 5 || (dropped == 5 && sticky) {
                roundUp = true
            } else if dropped == 5 {
                roundUp = ExactDecimal.divide(quotient, by: 2).remainder == 1
            } else {
                roundUp = false
            }
        }
        if roundUp { quotient = ExactDecimal.add(quotient, [1]) }
        remainder = 0
        return ExactDecimal(significand: quotient, scale: places, isNegative: isNegative).normalized
    }

    /// `self` with the digits after `places` decimals dropped (towards zero).
    public func truncated(toPlaces places: Int) -> ExactDecimal {
        var value = self
        while value.scale > places {
            value.significand = ExactDecimal.divide(value.significand, by: 10).quotient
            value.scale -= 1
        }
        return ExactDecimal(significand: value.significand, scale: value.scale, isNegative: value.isNegative).normalized
    }

    /// `self * 10^exponent` (exponent ≥ 0) with the scale kept, or nil past 76 digits.
    func multipliedByPowerOfTen(_ exponent: Int) -> ExactDecimal? {
        guard exponent > 0 else { return self }
        var digits = significand
        for _ in 0..<exponent { digits = ExactDecimal.multiply(digits, by: 10) }
        let value = ExactDecimal(significand: digits, scale: scale + exponent, isNegative: isNegative)
        return value.digitCount <= ExactDecimal.maximumDigits ? value : nil
    }

    /// `self * 10^exponent` (an exponent of either sign), exactly; nil past 76 digits.
    public func scaledByPowerOfTen(_ exponent: Int) -> ExactDecimal? {
        var value = self
        if exponent <= 0 || value.scale >= exponent {
            value.scale -= exponent
            if value.scale < 0 {
                guard let widened = value.multipliedByPowerOfTen(-value.scale) else { return nil }
                value = widened
                value.scale = 0
            }
            return value.normalized
        }
        let extra = exponent - value.scale
        value.scale = 0
        guard var shifted = value.multipliedByPowerOfTen(extra) else { return nil }
        shifted.scale = 0
        return shifted.normalized
    }

    /// The number of decimal digits of the significand.
    var digitCount: Int {
        guard let top = significand.last else { return 0 }
        return (significand.count - 1) * 19 + String(top).count
    }

    /// Decimal text with exactly the value's digits: no exponent, no trailing zeros after the
    /// point (`0.000644826913192`, `250125`, `-1.5`).
    public var description: String {
        guard !significand.isEmpty else { return "0" }
        var digits = String(significand.last ?? 0)
        for limb in significand.dropLast().reversed() {
            let text = String(limb)
            digits += String(repeating: "0", count: 19 - text.count) + text
        }
        if scale > 0 {
            if digits.count <= scale { digits = String(repeating: "0", count: scale - digits.count + 1) + digits }
            digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -scale))
        }
        return (isNegative ? "-" : "") + digits
    }

    public static func < (a: ExactDecimal, b: ExactDecimal) -> Bool {
        guard let difference = a.subtracting(b) else { return false }
        return difference.isNegative
    }

    public static func == (a: ExactDecimal, b: ExactDecimal) -> Bool {
        let x = a.normalized
        let y = b.normalized
        return x.significand == y.significand && x.scale == y.scale && x.isNegative == y.isNegative
    }

    // MARK: - Limb arithmetic (base 10^19, little-endian)

    static func limbs(of value: UInt) -> Digits {
        var rest = UInt64(value)
        var out: Digits = []
        while rest > 0 {
            out.append(rest % limbBase)
            rest /= limbBase
        }
        return out
    }

    static func multiply(_ digits: Digits, by factor: UInt64) -> Digits {
        var out: Digits = []
        var carry: UInt64 = 0
        for limb in digits {
            let (high, low) = limb.multipliedFullWidth(by: factor)
            let (sum, overflow) = low.addingReportingOverflow(carry)
            let (quotient, remainder) = limbBase.dividingFullWidth((high + (overflow ? 1 : 0), sum))
            out.append(remainder)
            carry = quotient
        }
        while carry > 0 {
            out.append(carry % limbBase)
            carry /= limbBase
        }
        return out
    }

    static func divide(_ digits: Digits, by divisor: UInt64) -> (quotient: Digits, remainder: UInt64) {
        var quotient = Digits(repeating: 0, count: digits.count)
        var remainder: UInt64 = 0
        for i in stride(from: digits.count - 1, through: 0, by: -1) {
            // remainder * 10^19 + digits[i], divided by divisor.
            let (high, low) = remainder.multipliedFullWidth(by: limbBase)
            let (sum, overflow) = low.addingReportingOverflow(digits[i])
            let (q, r) = divisor.dividingFullWidth((high + (overflow ? 1 : 0), sum))
            quotient[i] = q
            remainder = r
        }
        while quotient.last == 0 { quotient.removeLast() }
        return (quotient, remainder)
    }

    static func add(_ a: Digits, _ b: Digits) -> Digits {
        var out: Digits = []
        var carry: UInt64 = 0
        for i in 0..<max(a.count, b.count) {
            let limb: UInt64
            (limb, carry) = addLimbs(i < a.count ? a[i] : 0, i < b.count ? b[i] : 0, carry)
            out.append(limb)
        }
        if carry > 0 { out.append(carry) }
        return out
    }

    /// `x + y + carry` as a limb and a carry, for limbs below 10^19 and a carry below
    /// 2^64 - 2 x 10^19: the sum may pass 2^64, so it is taken with its overflow.
    static func addLimbs(_ x: UInt64, _ y: UInt64, _ carry: UInt64) -> (limb: UInt64, carry: UInt64) {
        let (partial, overflow1) = x.addingReportingOverflow(y)
        let (sum, overflow2) = partial.addingReportingOverflow(carry)
        // The true sum is sum + 2^64 per overflow; it is below 2 x 2^64, so one subtraction of
        // 2^64 mod 10^19 steps handles it: take it apart in 128 bits.
        let high: UInt64 = (overflow1 ? 1 : 0) + (overflow2 ? 1 : 0)
        let (quotient, remainder) = limbBase.dividingFullWidth((high, sum))
        return (remainder, quotient)
    }

    /// a - b for a ≥ b.
    static func subtract(_ a: Digits, _ b: Digits) -> Digits {
        var out: Digits = []
        var borrow: UInt64 = 0
        for i in 0..<a.count {
            let subtrahend = (i < b.count ? b[i] : 0) + borrow
            if a[i] >= subtrahend {
                out.append(a[i] - subtrahend)
                borrow = 0
            } else {
                out.append(limbBase - subtrahend + a[i])  // in this order: a[i] + 10^19 could pass 2^64
                borrow = 1
            }
        }
        while out.last == 0 { out.removeLast() }
        return out
    }

    static func compare(_ a: Digits, _ b: Digits) -> Int {
        let x = Array(a.reversed().drop { $0 == 0 }.reversed())
        let y = Array(b.reversed().drop { $0 == 0 }.reversed())
        if x.count != y.count { return x.count < y.count ? -1 : 1 }
        for i in stride(from: x.count - 1, through: 0, by: -1) where x[i] != y[i] {
            return x[i] < y[i] ? -1 : 1
        }
        return 0
    }
}
