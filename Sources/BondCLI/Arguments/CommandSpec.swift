/// A subcommand or verb in the declarative table of bond's command line.
///
/// A node either has verbs (`base58` has `encode` and `decode`) or is a leaf that runs. The
/// root node is `bond` itself, whose verbs are the subcommands and whose options are the
/// global ones, accepted before or after any subcommand.
public struct CommandSpec: Sendable {
    public typealias Handler = @Sendable (Invocation) throws -> ExitStatus

    public let name: String
    /// One line for lists of subcommands, lower case, no final period.
    public let summary: String
    /// A paragraph `--help` prints under the usage line.
    public let details: String
    public let options: [OptionSpec]
    public let positionals: [PositionalSpec]
    public let verbs: [CommandSpec]
    /// The key by which domain messages refer to the operation this command runs
    /// (`ChainLog.verify`), so that their advice names the command (``OptionNames``).
    public let domainKey: String?
    let handler: Handler?

    /// A leaf that runs `handler`.
    public init(_ name: String, summary: String, details: String = "", options: [OptionSpec] = [],
                positionals: [PositionalSpec] = [], domainKey: String? = nil, run handler: @escaping Handler) {
        self.name = name
        self.domainKey = domainKey
        self.summary = summary
        self.details = details
        self.options = options
        self.positionals = positionals
        self.verbs = []
        self.handler = handler
    }

    /// A node whose verbs do the work.
    public init(_ name: String, summary: String, details: String = "", verbs: [CommandSpec],
                options: [OptionSpec] = [], domainKey: String? = nil) {
        self.name = name
        self.summary = summary
        self.details = details
        self.options = options
        self.positionals = []
        self.verbs = verbs
        self.domainKey = domainKey
        self.handler = nil
    }

    /// The verb called `name`, if this node has one.
    public func verb(_ name: String) -> CommandSpec? { verbs.first { $0.name == name } }

    /// The option with long name `name`, if this node declares one.
    public func option(named name: String) -> OptionSpec? { options.first { $0.name == name } }

    /// The option with one-letter alias `short`, if this node declares one.
    public func option(short: Character) -> OptionSpec? { options.first { $0.short == short } }

    /// The node reached by following `path` (verb names) from this one.
    public func descendant(_ path: [String]) -> CommandSpec? {
        var node = self
        for name in path {
            guard let next = node.verb(name) else { return nil }
            node = next
        }
        return node
    }

    /// Every node under this one with its path, this one first (path `[]`), depth first.
    public func walk() -> [(path: [String], node: CommandSpec)] {
        var result: [(path: [String], node: CommandSpec)] = [([], self)]
        for verb in verbs {
            result += verb.walk().map { ([verb.name] + $0.path, $0.node) }
        }
        return result
    }
}
