import ErrorCategories

/// Why a hex item could not be decoded.
public enum HexError: CategorizedError, Equatable, Sendable {
    /// A character that is not a hex digit (0-9, a-f, A-F), and where it is.
    case invalidDigit(OffendingCharacter)
    /// The digits are valid but odd in number, so they do not make whole bytes.
    case oddLength(digitCount: Int)

    public var category: ErrorCategory { .badInput }

    public var description: String {
        switch self {
        case .invalidDigit(let character):
            return "invalid hex digit \(character)"
        case .oddLength(let count):
            return "odd number of hex digits (\(count)): bytes take two digits each"
        }
    }
}

/// Why a Base58 or Base58Check item could not be decoded.
public enum Base58Error: CategorizedError, Equatable, Sendable {
    /// A character outside the Bitcoin alphabet (`0`, `O`, `I`, `l`, punctuation, whitespace,
    /// any non-ASCII character), and where it is.
    case invalidCharacter(OffendingCharacter)
    /// Base58Check: the text decodes to `byteCount` bytes, fewer than the 4-byte checksum.
    case checksumMissing(byteCount: Int)
    /// Base58Check: the last 4 bytes (`carried`) are not the checksum of the payload (`computed`).
    case checksumMismatch(carried: [UInt8], computed: [UInt8])

    public var category: ErrorCategory { .badInput }

    public var description: String {
        switch self {
        case .invalidCharacter(let character):
            return "invalid Base58 character \(character)"
        case .checksumMissing(let count):
            return "Base58Check item decodes to \(count) byte\(count == 1 ? "" : "s"), fewer than its 4-byte checksum"
        case .checksumMismatch(let carried, let computed):
            return "Base58Check checksum mismatch: the item carries \(Hex.encode(carried)), its payload's checksum is \(Hex.encode(computed))"
        }
    }
}

/// Why a text is not the JSON bond expected, and where.
public struct JSONError: CategorizedError, Equatable, Sendable {
    /// 1-based line of the problem within the text parsed.
    public let line: Int
    /// 1-based column, in characters.
    public let column: Int
    public let message: String
    /// Whether the text ended before the value did: more lines may complete it.
    public let incomplete: Bool

    public init(line: Int, column: Int, message: String, incomplete: Bool = false) {
        self.line = line
        self.column = column
        self.message = message
        self.incomplete = incomplete
    }

    /// `invalid JSON at column C: …` for a one-line text, `at line L, column C` otherwise.
    public var category: ErrorCategory { .badInput }

    public var description: String {
        line == 1 ? "invalid JSON at column \(column): \(message)" : "invalid JSON at line \(line), column \(column): \(message)"
    }
}

/// Why bytes are not one canonical RLP item.
public enum RLPError: CategorizedError, Equatable, Sendable {
    /// The input ends (or its enclosing list ends) where a prefix or length byte was expected.
    case truncated(offset: Int)
    /// The item at `offset` announces more bytes than its input or enclosing list has.
    case lengthExceeds(offset: Int, announced: Int, available: Int)
    /// A length of 8 or more bytes: larger than any input.
    case lengthTooLarge(offset: Int)
    /// The item at `offset` is not in its one canonical form.
    case nonCanonical(offset: Int, reason: String)
    /// `count` bytes follow the item, from `offset`.
    case trailingBytes(offset: Int, count: Int)

    public var category: ErrorCategory { .badInput }

    public var description: String {
        switch self {
        case .truncated(let offset):
            return "RLP ends early at byte \(offset)"
        case .lengthExceeds(let offset, let announced, let available):
            return "RLP item at byte \(offset) announces \(announced) bytes but only \(available) follow"
        case .lengthTooLarge(let offset):
            return "RLP item at byte \(offset) has a length of more than 7 bytes"
        case .nonCanonical(let offset, let reason):
            return "non-canonical RLP at byte \(offset): \(reason)"
        case .trailingBytes(let offset, let count):
            return "\(count) byte\(count == 1 ? "" : "s") after the RLP item, from byte \(offset)"
        }
    }
}
