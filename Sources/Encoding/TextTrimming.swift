/// Small text tests bond's parsers share, ASCII only (no Unicode tables on hot paths).
extension StringProtocol {
    /// The text without leading and trailing ASCII whitespace (space, tab, CR, LF).
    public var trimmingASCIIWhitespace: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[first...last])
    }
}

extension Character {
    /// Whether this is one of the ASCII digits 0-9.
    public var isASCIIDigit: Bool { isASCII && isWholeNumber }
}
