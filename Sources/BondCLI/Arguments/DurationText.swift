import Encoding

/// Durations as bond's options take them (bond(1), OPTIONS AND INPUT):
/// seconds with optional decimals (`30`, `2.5`), or a number followed by `ms`, `s`, `m` or `h`
/// (`500ms`, `1.5m`, `2h`). Negative values and exponents are not accepted.
enum DurationText {
    /// The duration written in `text`, or nil when `text` is not one.
    static func parse(_ text: String) -> Duration? {
        let units: [(suffix: String, milliseconds: Int64)] = [("ms", 1), ("s", 1_000), ("m", 60_000), ("h", 3_600_000)]
        var number = Substring(text)
        var scale: Int64 = 1_000
        for unit in units where number.hasSuffix(unit.suffix) {
            number = number.dropLast(unit.suffix.count)
            scale = unit.milliseconds
            break
        }
        let parts = number.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let whole = parts.first, !whole.isEmpty, whole.allSatisfy(\.isASCIIDigit),
              parts.count == 1 || (parts[1].allSatisfy(\.isASCIIDigit) && !parts[1].isEmpty),
              whole.count <= 12 else { return nil }
        // Keep exact to the nanosecond: whole part and up to 9 fraction digits of the unit.
        let fraction = parts.count == 2 ? String(parts[1].prefix(9)) : ""
        guard let wholeValue = Int64(whole),
              let fractionValue = Int64(fraction.isEmpty ? "0" : fraction) else { return nil }
        var fractionNanos = fractionValue
        for _ in fraction.count..<9 { fractionNanos *= 10 }
        let unitNanos = scale * 1_000_000
        let (wholeNanos, overflow) = wholeValue.multipliedReportingOverflow(by: unitNanos)
        guard !overflow, wholeNanos <= Int64.max - 3_600_000_000_000 else { return nil }
        return .nanoseconds(wholeNanos + fractionNanos * scale / 1_000)
    }
}
