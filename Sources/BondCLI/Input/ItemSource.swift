import Encoding
/// Where a subcommand's items come from: its positional arguments when there are any, else the
/// lines of a file or standard input (bond(1), OPTIONS AND INPUT).
enum ItemSource {
    /// The items named on the command line.
    case arguments([String])
    /// One item per non-blank line of `path` (`-`: standard input).
    case lines(path: String)
    /// JSON values from `path`, one per line, or spread over several lines (a pretty-printed
    /// object): a line that leaves an object or array open continues on the next ones.
    case jsonValues(path: String)
    /// One item already read whole (a file holding one pretty-printed JSON object).
    case whole(label: ItemLabel, bytes: [UInt8])

    /// `.arguments` when `arguments` is not empty, else `.lines` of `path`.
    static func from(_ arguments: [String], orLinesOf path: String = "-") -> ItemSource {
        arguments.isEmpty ? .lines(path: path) : .arguments(arguments)
    }
}

/// How an item is named in an error message: by its text when it was an argument, by its line
/// number when it came from a stream.
enum ItemLabel: CustomStringConvertible, Sendable {
    case argument(String)
    case line(Int)
    /// The whole of a file, named by its path.
    case file(String)

    var description: String {
        switch self {
        case .argument(let text): return MessageText.quoted(text)
        case .line(let number): return "line \(number)"
        case .file(let path): return InputFile.displayName(path)
        }
    }
}
