/// Small text tests bond's parsers share, ASCII only (no Unicode tables on hot paths).
extension StringProtocol {
    /// The text without leading and trailing ASCII whitespace (space, tab, CR, LF).
    public var trimmingASCIIWhitespace: String {
        // Scalars, not Characters: "\r\n" is one Character, equal to neither "\r" nor "\n".
        let scalars = Array(unicodeScalars)
        let isSpace: (Unicode.Scalar) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let first = scalars.firstIndex(where: { !isSpace($0) }), let last = scalars.lastIndex(where: { !isSpace($0) }) else { return "" }
        var out = String.UnicodeScalarView()
        out.append(contentsOf: scalars[first...last])
        return String(out)
    }
}

extension StringProtocol {
    /// The text with every `target` replaced by `replacement` (without Foundation).
    public func replacingOccurrences(of target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return String(self) }
        var out = ""
        var rest = Substring(self)
        while let range = rest.firstRange(of: target) {
            out += rest[..<range.lowerBound]
            out += replacement
            rest = rest[range.upperBound...]
        }
        return out + rest
    }
}

extension Character {
    /// Whether this is one of the ASCII digits 0-9.
    public var isASCIIDigit: Bool { isASCII && isWholeNumber }
}
