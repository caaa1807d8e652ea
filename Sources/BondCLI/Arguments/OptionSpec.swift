/// One option in a subcommand's table: its names, what it takes, whether it may repeat, and
/// its help line. The same value drives parsing, `--help`, completions and the test that checks
/// the man pages.
public struct OptionSpec: Sendable, Equatable {
    /// The long name without dashes (`check` for `--check`).
    public let name: String
    /// The one-letter alias without its dash, if any (`v` for `-v`).
    public let short: Character?
    public let kind: ValueKind
    /// Whether the option may be given more than once (each value is kept, in order).
    public let repeatable: Bool
    /// One line of help, lower case, no final period.
    public let help: String
    /// The key by which domain messages refer to what this option gives (a transaction field
    /// such as `gasPrice`, a domain object such as `NonceFile`), so that their advice names
    /// the option (``OptionNames``).
    public let domainKey: String?

    public init(_ name: String, short: Character? = nil, _ kind: ValueKind = .flag,
                repeatable: Bool = false, domainKey: String? = nil, help: String) {
        self.name = name
        self.short = short
        self.kind = kind
        self.repeatable = repeatable || kind == .count
        self.domainKey = domainKey
        self.help = help
    }

    /// `--name`.
    public var longForm: String { "--" + name }

    /// `-v, --verbose` or `--file PATH`, as help shows it.
    public var synopsis: String {
        var text = short.map { "-\($0), " } ?? "    "
        text += longForm
        if kind.takesValue { text += " " + kind.placeholder }
        return text
    }
}

/// One positional argument of a subcommand.
public struct PositionalSpec: Sendable, Equatable {
    /// The name shown in the synopsis (`HEX`, `FILE`, `SHELL`).
    public let name: String
    /// What the shell completes for it: `.path` for files, `.choice` for fixed words, `.text`
    /// for nothing.
    public let kind: ValueKind
    /// Whether it may be left out.
    public let optional: Bool
    /// Whether it takes every remaining argument (`HEX ...`).
    public let variadic: Bool
    public let help: String

    public init(_ name: String, _ kind: ValueKind = .text(placeholder: ""), optional: Bool = false,
                variadic: Bool = false, help: String) {
        self.name = name
        self.kind = kind
        self.optional = optional
        self.variadic = variadic
        self.help = help
    }

    /// `[HEX ...]`, `FILE`, as the synopsis shows it.
    public var synopsis: String {
        let core = variadic ? "\(name) ..." : name
        return optional ? "[\(core)]" : core
    }
}
