import Encoding
/// Ethereum quantities as bond reads them from JSON and options: whole numbers in decimal,
/// `0x` hex quantities, and amounts with a unit as Foundry's cast accepts them (`1ether`,
/// `10gwei`, `0.5gwei`, `21000wei`, `1.5 ether`).
///
/// Units are powers of ten of wei: `wei` (1), `kwei` (10^3), `mwei` (10^6), `gwei` (10^9),
/// `szabo` (10^12), `finney` (10^15), `ether` (10^18). A JSON number may use a fraction or an
/// exponent (`1e18`) as long as its value is whole.
public enum Quantity {
    /// The units and their powers of ten.
    public static let units: [(name: String, exponent: Int)] = [
        ("wei", 0), ("kwei", 3), ("mwei", 6), ("gwei", 9), ("szabo", 12), ("finney", 15), ("ether", 18),
    ]

    /// Parses `text`: decimal digits, a `0x` hex quantity, or a decimal number with a unit.
    /// - Parameter maximum: the largest value allowed (2^256 - 1 by default; a nonce takes
    ///   2^64 - 1).
    /// - Throws: ``QuantityError`` for a value that is not a number, negative, above `maximum`,
    ///   or with a fraction of a wei.
    public static func parse(_ text: String, maximum: UInt256 = .max) throws(QuantityError) -> UInt256 {
        let trimmed = text.trimmingASCIIWhitespace
        if trimmed.hasPrefix("-") { throw .negative(text) }
        let value: UInt256
        if trimmed.hasPrefix("0x") || trimmed.hasPrefix("0X") {
            let digits = trimmed.dropFirst(2)
            guard !digits.isEmpty, digits.allSatisfy(\.isHexDigit) else { throw .notANumber(text) }
            guard let parsed = UInt256(hex: digits) else { throw .tooLarge(text, maximum: maximum) }
            value = parsed
        } else {
            var number = Substring(trimmed)
            var exponent = 0
            for unit in units.reversed() where number.hasSuffix(unit.name) {
                number = number.dropLast(unit.name.count)
                exponent = unit.exponent
                break
            }
            value = try decimal(String(number.trimmingASCIIWhitespace), timesTenTo: exponent, original: text, maximum: maximum)
        }
        guard value <= maximum else { throw .tooLarge(text, maximum: maximum) }
        return value
    }

    /// Parses a JSON number literal (exact text) as a whole number.
    /// - Throws: ``QuantityError``: negative, not a whole number, or above `maximum`.
    public static func parse(jsonNumber text: String, maximum: UInt256 = .max) throws(QuantityError) -> UInt256 {
        if text.hasPrefix("-") {
            // JSON's -0 (in any spelling) is zero; anything else below zero is negative.
            let digits = text.dropFirst().prefix { $0 != "e" && $0 != "E" }
            guard digits.allSatisfy({ $0 == "0" || $0 == "." }) else { throw .negative(text) }
            return .zero
        }
        var mantissa = Substring(text)
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = text[..<e]
            guard let parsed = Int(text[text.index(after: e)...]) else { throw .notANumber(text) }
            let digits = mantissa.filter(\.isASCIIDigit)
            if digits.allSatisfy({ $0 == "0" }) { return .zero }
            guard parsed <= 100 else { throw .tooLarge(text, maximum: maximum) }
            guard parsed >= -100 else { throw .fractionOfWei(text) }
            exponent = parsed
        }
        let value = try decimal(String(mantissa), timesTenTo: exponent, original: text, maximum: maximum)
        guard value <= maximum else { throw .tooLarge(text, maximum: maximum) }
        return value
    }

    /// `digits[.fraction] * 10^exponent`, exactly, or an error when not whole.
    private static func decimal(_ number: String, timesTenTo exponent: Int, original: String,
                                maximum: UInt256) throws(QuantityError) -> UInt256 {
        let parts = number.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let whole = parts[0]
        let fraction = parts.count == 2 ? parts[1] : ""
        guard !whole.isEmpty || !fraction.isEmpty,
              whole.allSatisfy(\.isASCIIDigit), fraction.allSatisfy(\.isASCIIDigit),
              parts.count == 1 || !fraction.isEmpty else { throw .notANumber(original) }
        // value = (whole ++ fraction) * 10^(exponent - fraction digits)
        var digits = String(whole) + String(fraction)
        var scale = exponent - fraction.count
        while scale < 0 {
            guard digits.last == "0" else { throw .fractionOfWei(original) }
            digits.removeLast()
            scale += 1
        }
        let significant = digits.drop { $0 == "0" }
        guard significant.count + scale <= 78, let base = UInt256(decimal: significant.isEmpty ? "0" : significant) else {
            throw .tooLarge(original, maximum: maximum)
        }
        var value = base
        for _ in 0..<scale {
            let (next, overflow) = value.multipliedReportingOverflow(by: 10)
            if overflow { throw .tooLarge(original, maximum: maximum) }
            value = next
        }
        return value
    }
}
