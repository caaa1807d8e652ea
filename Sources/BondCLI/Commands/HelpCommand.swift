import Encoding
/// `bond help [SUBCOMMAND [VERB]]`: the same text as `bond SUBCOMMAND [VERB] --help`.
enum HelpCommand {
    static let spec = CommandSpec(
        "help",
        summary: "show help for a subcommand",
        positionals: [
            PositionalSpec("SUBCOMMAND", optional: true, help: "the subcommand to describe"),
            PositionalSpec("VERB", optional: true, help: "one of its verbs"),
        ],
        run: run
    )

    static func run(_ invocation: Invocation) throws -> ExitStatus {
        let root = CommandTable.root
        var node = root
        var path: [String] = []
        for word in invocation.arguments.positionals {
            guard let next = node.verb(word) else {
                let what = path.isEmpty ? "subcommand" : "verb"
                throw CommandFailure.usage("unknown \(what) \(MessageText.quoted(word))"
                                           + Suggestion.hint(for: word, among: node.verbs.map(\.name), quoted: true))
            }
            node = next
            path.append(word)
        }
        try invocation.output.write(line: Array(HelpText.render(root: root, path: path, version: BondVersion.current).utf8))
        return .ok
    }
}
