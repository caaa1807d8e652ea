/// What an option takes, which decides how it is parsed, how `--help` shows it and what a
/// shell completes after it.
public enum ValueKind: Sendable, Equatable {
    /// A boolean flag: present or absent; takes no value (`--check`).
    case flag
    /// A flag that may be repeated and is counted (`-vv`).
    case count
    /// Free text shown as `placeholder` (`--profile NAME`).
    case text(placeholder: String)
    /// A file path; `-` means standard input or output where the option's help says so.
    case path
    /// A directory path.
    case directory
    /// A whole number in decimal, 0 to 2^64-1 (`--retries N`).
    case integer(placeholder: String)
    /// A quantity: a whole number, a `0x` hex quantity or an amount with a unit (`10gwei`),
    /// checked here for its form; its range (2^64-1 for a nonce) is checked where it is used,
    /// and exits 65, not 64.
    case quantity(placeholder: String)
    /// A whole number in decimal or `0x` hex, no unit (a nonce, gas, a chain id); its range is
    /// checked where it is used (exit 65).
    case wholeNumber(placeholder: String)
    /// Bytes as hex digits, `0x` optional (`--data`).
    case hex(placeholder: String)
    /// A duration: seconds with optional decimals (`2.5`), or a number with `ms`, `s`, `m` or
    /// `h` (bond(1), OPTIONS AND INPUT).
    case duration
    /// One of a fixed set of words (`--api v1|v2|v3`).
    case choice([String])

    /// Whether the option takes a value.
    public var takesValue: Bool {
        switch self {
        case .flag, .count: return false
        default: return true
        }
    }

    /// How the value is shown in help, man pages and messages (`PATH`, `N`, `SECONDS`).
    public var placeholder: String {
        switch self {
        case .flag, .count: return ""
        case .text(let placeholder), .integer(let placeholder), .quantity(let placeholder),
             .wholeNumber(let placeholder), .hex(let placeholder): return placeholder
        case .path: return "PATH"
        case .directory: return "DIR"
        case .duration: return "SECONDS"
        case .choice(let words): return words.joined(separator: "|")
        }
    }
}

extension Result {
    /// The error, or nil for a success.
    var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
