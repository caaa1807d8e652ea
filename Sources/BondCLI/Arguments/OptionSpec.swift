/// One option in a subcommand's table: its names, what it takes, whether it may repeat, its
/// help line, and its relations to other options (what it needs, what it does not go with,
/// which environment variables stand for it, whether a profile may set it). The same value
/// drives parsing, the relation checks (``OptionRules``), profiles (``ProfileOptions``),
/// `--help`, completions and the tests that check the man pages.
public final class OptionSpec: Sendable, Equatable {
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
    /// Options of which this one needs one (``requiring(_:dependent:message:)``).
    public let requirement: OptionRelation?
    /// Options that do not go with this one (``conflicting(with:message:status:allowedOnCommandLine:)``);
    /// either side of a pair may declare it.
    public let conflicts: [OptionRelation]
    /// Environment variables that stand for this option: one that is set keeps a profile's
    /// value out (precedence: flag, environment, profile).
    public let environment: [String]
    /// Whether only the command line may give it: it changes what the command does rather than
    /// how (`sign-tx --decode`), or picks the profile itself.
    public let commandLineOnly: Bool

    // A class, not a struct: the command table is built at every start and a spec is placed in
    // several lists, so a copy is one reference, not ten.
    public init(_ name: String, short: Character? = nil, _ kind: ValueKind = .flag,
                repeatable: Bool = false, domainKey: String? = nil, help: String) {
        self.name = name
        self.short = short
        self.kind = kind
        self.repeatable = repeatable || kind == .count
        self.domainKey = domainKey
        self.help = help
        requirement = nil
        conflicts = []
        environment = []
        commandLineOnly = false
    }

    private init(_ base: OptionSpec, requirement: OptionRelation?, conflicts: [OptionRelation], environment: [String], commandLineOnly: Bool) {
        name = base.name
        short = base.short
        kind = base.kind
        repeatable = base.repeatable
        domainKey = base.domainKey
        help = base.help
        self.requirement = requirement
        self.conflicts = conflicts
        self.environment = environment
        self.commandLineOnly = commandLineOnly
    }

    /// This option, needing one of `names`. `dependent`: it belongs to them (an `--arg` to its
    /// `--function`), so that a profile's value is not used when the command line gives them.
    /// `message` replaces `--NAME needs --OTHER VALUE`; `{option}` in it stands for this
    /// option's long form.
    public func requiring(_ names: String..., dependent: Bool = false, message: String? = nil) -> OptionSpec {
        OptionSpec(self, requirement: OptionRelation(options: names, message: message, dependent: dependent), conflicts: conflicts,
                   environment: environment, commandLineOnly: commandLineOnly)
    }

    /// This option, not going with any of `names`. `message` replaces `give --A or --B, not
    /// both`; `{option}` and `{other}` in it stand for the two long forms. `status` is usage
    /// (64) unless the two are values that contradict each other (65). With
    /// `allowedOnCommandLine`, the command line may give both (the command decides: `-q` wins
    /// over `-v`), and only a profile keeps them apart.
    public func conflicting(with names: String..., message: String? = nil, status: ExitStatus = .usage,
                            allowedOnCommandLine: Bool = false) -> OptionSpec {
        let conflict = OptionRelation(options: names, message: message, status: status, enforced: !allowedOnCommandLine)
        return OptionSpec(self, requirement: requirement, conflicts: conflicts + [conflict], environment: environment, commandLineOnly: commandLineOnly)
    }

    /// This option, with `variables` standing for it (the first set wins where the command
    /// reads them).
    public func standing(for variables: String...) -> OptionSpec {
        OptionSpec(self, requirement: requirement, conflicts: conflicts, environment: variables, commandLineOnly: commandLineOnly)
    }

    /// This option, which only the command line may give.
    public func onlyOnCommandLine() -> OptionSpec {
        OptionSpec(self, requirement: requirement, conflicts: conflicts, environment: environment, commandLineOnly: true)
    }

    public static func == (a: OptionSpec, b: OptionSpec) -> Bool {
        a.name == b.name && a.short == b.short && a.kind == b.kind && a.repeatable == b.repeatable && a.help == b.help
            && a.domainKey == b.domainKey && a.requirement == b.requirement && a.conflicts == b.conflicts
            && a.environment == b.environment && a.commandLineOnly == b.commandLineOnly
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

/// A relation of an option to others, by their long names: what it needs, or what it does not
/// go with; the message that says so, when the standard one does not fit.
public struct OptionRelation: Sendable, Equatable {
    public let options: [String]
    public let message: String?
    /// For a requirement: whether the option belongs to the one it needs.
    public var dependent = false
    /// The status a violation exits with.
    public var status: ExitStatus = .usage
    /// For a conflict: whether the command line is refused when it gives both.
    public var enforced = true
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
