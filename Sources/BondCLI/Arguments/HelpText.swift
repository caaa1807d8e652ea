/// The text `--help` prints for a node of the command table.
enum HelpText {
    /// Help for the node at `path` under `root` (the path must exist).
    static func render(root: CommandSpec, path: [String], version: String) -> String {
        guard let node = root.descendant(path) else { return "" }
        let command = (["bond"] + path).joined(separator: " ")
        var out = ""
        if path.isEmpty {
            out += "bond \(version): \(root.summary)\n\n"
            out += "Usage: bond [GLOBAL OPTIONS] SUBCOMMAND [OPTIONS] [ARGUMENTS]\n"
        } else {
            out += "\(command): \(node.summary)\n\n"
            var usage = "Usage: \(command)"
            if !node.verbs.isEmpty {
                usage += " VERB [OPTIONS]"
            } else {
                if !node.options.isEmpty { usage += " [OPTIONS]" }
                for positional in node.positionals { usage += " " + positional.synopsis }
            }
            out += usage + "\n"
        }
        if !node.details.isEmpty { out += "\n" + wrap(node.details, width: 78) + "\n" }

        if !node.verbs.isEmpty {
            out += path.isEmpty ? "\nSubcommands:\n" : "\nVerbs:\n"
            out += table(node.verbs.map { ($0.name, $0.summary) })
        }
        if !node.positionals.isEmpty {
            out += "\nArguments:\n"
            out += table(node.positionals.map { ($0.synopsis, $0.help) })
        }
        if !node.options.isEmpty && !path.isEmpty {
            out += "\nOptions:\n"
            out += table(node.options.map { ($0.synopsis, $0.help) })
        }
        out += path.isEmpty ? "\nGlobal options (before or after the subcommand):\n" : "\nGlobal options:\n"
        out += table(root.options.map { ($0.synopsis, $0.help) })
        if path.isEmpty {
            out += "\nRun 'bond help SUBCOMMAND [VERB]' for its verbs and options; exit statuses are in bond(1).\n"
        } else if !node.verbs.isEmpty {
            out += "\nRun '\(command) VERB --help' for a verb's options.\n"
        }
        return out
    }

    /// Rows of two columns, the second aligned, as `  left   right`.
    static func table(_ rows: [(String, String)]) -> String {
        let width = min(max(rows.map(\.0.count).max() ?? 0, 12), 30)
        var out = ""
        for (left, right) in rows {
            if left.count > width {
                out += "  \(left)\n" + String(repeating: " ", count: width + 4) + right + "\n"
            } else {
                out += "  " + left + String(repeating: " ", count: width - left.count + 2) + right + "\n"
            }
        }
        return out
    }

    /// `text` broken into lines of at most `width` characters at spaces.
    static func wrap(_ text: String, width: Int) -> String {
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            for word in paragraph.split(separator: " ") {
                if !line.isEmpty && line.count + 1 + word.count > width {
                    lines.append(line)
                    line = ""
                }
                line += (line.isEmpty ? "" : " ") + word
            }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }
}
