import Encoding

/// The command table flattened for the completion script generators: each node's path, the
/// words that may follow it, its options, and what a value or positional argument completes to.
struct CompletionModel {
    /// What a shell offers for an option's value or a positional argument.
    enum ValueCompletion: Equatable {
        case none
        case files
        case directories
        case words([String])

        init(_ kind: ValueKind) {
            switch kind {
            case .path: self = .files
            case .directory: self = .directories
            case .choice(let words): self = .words(words)
            default: self = .none
            }
        }
    }

    struct Node {
        /// Space-separated verb names (`""` for bond itself, `base58 encode`).
        let path: String
        /// Subcommands or verbs with their summaries.
        let children: [(name: String, summary: String)]
        /// The node's own options (global ones are separate).
        let options: [OptionSpec]
        /// What the node's positional arguments complete to.
        let positional: ValueCompletion
    }

    let nodes: [Node]
    let globals: [OptionSpec]
    /// Every option form that takes a value (`--file`, `-o`), with what it completes to. An
    /// option name means the same thing wherever it appears (a test checks), so one list serves
    /// every subcommand.
    let valued: [(form: String, completion: ValueCompletion)]

    init(root: CommandSpec) {
        // `bond help SUBCOMMAND` completes the subcommands; other positionals by their kind.
        let subcommands = root.verbs.map(\.name).filter { $0 != HelpCommand.spec.name }
        nodes = root.walk().map { entry in
            Node(path: entry.path.joined(separator: " "),
                 children: entry.node.verbs.map { ($0.name, $0.summary) },
                 options: entry.path.isEmpty ? [] : entry.node.options,
                 positional: entry.path == [HelpCommand.spec.name] ? .words(subcommands)
                     : entry.node.positionals.first.map { ValueCompletion($0.kind) } ?? .none)
        }
        globals = root.options
        var seen = Set<String>()
        var valued: [(form: String, completion: ValueCompletion)] = []
        for option in root.walk().flatMap(\.node.options) where option.kind.takesValue {
            for form in [option.longForm] + (option.short.map { ["-\($0)"] } ?? []) where seen.insert(form).inserted {
                valued.append((form, ValueCompletion(option.kind)))
            }
        }
        self.valued = valued
    }

    /// `--name` and, when it has one, `-n`.
    static func forms(_ option: OptionSpec) -> [String] {
        (option.short.map { ["-\($0)"] } ?? []) + [option.longForm]
    }

    /// `text` in single quotes for a POSIX shell or zsh.
    static func singleQuoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
