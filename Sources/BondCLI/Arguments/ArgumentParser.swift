import Ethereum
import Encoding
/// bond's hand-written command-line parser, driven by the ``CommandSpec`` table.
///
/// Rules (bond(1), OPTIONS AND INPUT): the subcommand and its verb come first among the
/// words; options and positional arguments may then be mixed; global options (the root's) are
/// accepted before or after the subcommand; `--opt value` and `--opt=value` both work; short
/// aliases may be bundled (`-vv`), and a short option's value may follow it in the same word or
/// the next; `--` ends options; `-` is an ordinary positional (standard input). A value that
/// starts with `--` must be attached with `=`. Options not declared repeatable may appear once.
public struct ArgumentParser: Sendable {
    /// What the command line asks for.
    public enum Outcome: Sendable, Equatable {
        /// Run the leaf at `arguments.path`.
        case run(ParsedArguments)
        /// Print help for the node at `path` (from `--help`, `-h` or `bond help ...`).
        case help(path: [String])
        /// Print the version.
        case version
    }

    /// A command line that does not fit the table; always exit 64.
    public struct Failure: Error, Equatable, Sendable {
        /// The subcommand reached before the failure (`base58`), for the message prefix.
        public let subcommand: String?
        public let message: String
    }

    public let root: CommandSpec

    public init(root: CommandSpec) {
        self.root = root
    }

    /// Parses `arguments` (argv without the program name).
    /// - Throws: ``Failure`` naming the unknown subcommand, verb or option (with the closest
    ///   known name), the option missing its value, or the value not of the option's kind.
    public func parse(_ arguments: [String]) throws(Failure) -> Outcome {
        var state = State(root: root)
        var index = 0
        var onlyPositionals = false
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if onlyPositionals {
                state.parsed.positionals.append(argument)
            } else if argument == "--" {
                onlyPositionals = true
            } else if argument.hasPrefix("--") {
                try parseLong(argument, arguments, &index, &state)
            } else if argument.hasPrefix("-") && argument.count > 1 {
                try parseShortCluster(argument, arguments, &index, &state)
            } else if state.parsed.positionals.isEmpty && !state.node.verbs.isEmpty {
                try descend(into: argument, &state)
            } else {
                state.parsed.positionals.append(argument)
            }
            if state.wantsVersion { return .version }
            if state.wantsHelp { return .help(path: helpPath(state, after: arguments[index...])) }
        }
        return try finish(&state)
    }

    // MARK: - The pieces

    private struct State {
        var node: CommandSpec
        var parsed = ParsedArguments()
        var wantsHelp = false
        var wantsVersion = false

        init(root: CommandSpec) { node = root }
    }

    /// The path `--help` describes: the one reached so far, extended by verb names that follow
    /// (`bond base58 -h encode` describes encode).
    private func helpPath(_ state: State, after rest: ArraySlice<String>) -> [String] {
        var node = state.node
        var path = state.parsed.path
        for word in rest where !word.hasPrefix("-") {
            guard let verb = node.verb(word) else { break }
            node = verb
            path.append(word)
        }
        return path
    }

    private func fail(_ state: State, _ message: String) -> Failure {
        Failure(subcommand: state.parsed.path.first, message: message)
    }

    private func descend(into word: String, _ state: inout State) throws(Failure) {
        guard let verb = state.node.verb(word) else {
            let what = state.parsed.path.isEmpty ? "subcommand" : "verb"
            let known = state.node.verbs.map(\.name)
            var hint = Suggestion.hint(for: word, among: known, quoted: true)
            if hint.isEmpty, root.option(named: word) != nil {
                hint = " (did you mean '--\(word)'?)"
            }
            throw fail(state, "unknown \(what) \(MessageText.quoted(word))" + hint)
        }
        state.node = verb
        state.parsed.path.append(word)
    }

    private func parseLong(_ argument: String, _ arguments: [String], _ index: inout Int,
                           _ state: inout State) throws(Failure) {
        let body = argument.dropFirst(2)
        let name: String
        let inline: String?
        if let equals = body.firstIndex(of: "=") {
            name = String(body[..<equals])
            inline = String(body[body.index(after: equals)...])
        } else {
            name = String(body)
            inline = nil
        }
        guard !name.isEmpty, let spec = state.node.option(named: name) ?? root.option(named: name) else {
            throw fail(state, unknownOption(name.isEmpty ? argument : "--" + name, state))
        }
        if spec.kind.takesValue {
            let value: String
            if let inline {
                value = inline
            } else if index < arguments.count && !arguments[index].hasPrefix("--") {
                value = arguments[index]
                index += 1
            } else {
                throw fail(state, "option '\(spec.longForm)' needs a value (\(spec.kind.placeholder))"
                           + (index < arguments.count ? "; write \(spec.longForm)=VALUE for a value that starts with '--'" : ""))
            }
            try store(spec, value, &state)
        } else {
            if inline != nil { throw fail(state, "option '\(spec.longForm)' takes no value") }
            try store(spec, nil, &state)
        }
    }

    private func parseShortCluster(_ argument: String, _ arguments: [String], _ index: inout Int,
                                   _ state: inout State) throws(Failure) {
        var letters = Substring(argument.dropFirst())
        while let letter = letters.first {
            letters = letters.dropFirst()
            guard let spec = state.node.option(short: letter) ?? root.option(short: letter) else {
                throw fail(state, unknownOption(letter.isLetter || letter.isNumber ? "-" + String(letter) : argument, state))
            }
            guard spec.kind.takesValue else {
                try store(spec, nil, &state)
                continue
            }
            if !letters.isEmpty {
                try store(spec, String(letters), &state)
            } else if index < arguments.count && !arguments[index].hasPrefix("--") {
                try store(spec, arguments[index], &state)
                index += 1
            } else {
                throw fail(state, "option '-\(letter)' (\(spec.longForm)) needs a value (\(spec.kind.placeholder))")
            }
            return
        }
    }

    private func unknownOption(_ written: String, _ state: State) -> String {
        let message = "unknown option \(MessageText.quoted(written))"
        let known = (state.node.options + root.options).map(\.longForm)
        // An exact option of a verb nearby beats a merely similar name here.
        // An option of a verb given before the verb, or of another verb: say where it goes.
        if written.hasPrefix("--") {
            let name = String(written.dropFirst(2).prefix { $0 != "=" })
            let owners = state.node.verbs.filter { $0.option(named: name) != nil }.map(\.name)
            if !owners.isEmpty {
                let path = (["bond"] + state.parsed.path).joined(separator: " ")
                return message + " here: it belongs after the verb ('\(path) \(owners[0]) --\(name)')"
            }
            if let parent = root.descendant(Array(state.parsed.path.dropLast())), state.parsed.path.count >= 2 {
                let siblings = parent.verbs.filter { $0.name != state.node.name && $0.option(named: name) != nil }.map(\.name)
                if !siblings.isEmpty {
                    let path = (["bond"] + state.parsed.path.dropLast()).joined(separator: " ")
                    return message + " (an option of " + siblings.map { "'\(path) \($0)'" }.joined(separator: " and ") + ")"
                }
            }
        }
        let hint = Suggestion.hint(for: written, among: known, quoted: true)
        return message + hint
    }

    private func store(_ spec: OptionSpec, _ raw: String?, _ state: inout State) throws(Failure) {
        if spec.name == GlobalOptions.help.name { state.wantsHelp = true; return }
        if spec.name == GlobalOptions.version.name { state.wantsVersion = true; return }
        if !spec.repeatable && state.parsed.values[spec.name] != nil {
            throw fail(state, "option '\(spec.longForm)' given more than once")
        }
        let value: ParsedArguments.Value
        if let raw {
            value = try checked(raw, for: spec, state)
        } else {
            value = .present
        }
        state.parsed.values[spec.name, default: []].append(value)
    }

    private func checked(_ raw: String, for spec: OptionSpec, _ state: State) throws(Failure) -> ParsedArguments.Value {
        switch ArgumentParser.check(raw, for: spec) {
        case .success(let value): return value
        case .failure(let problem): throw fail(state, problem.message)
        }
    }

    /// A value's problem: the message a usage error gives.
    struct ValueProblem: Error {
        let message: String
    }

    /// Checks `raw` against `spec`'s kind, as on the command line (a profile's values go
    /// through here too): the parsed value, or what is wrong with it.
    static func check(_ raw: String, for spec: OptionSpec) -> Result<ParsedArguments.Value, ValueProblem> {
        let shown = MessageText.quoted(raw)
        switch spec.kind {
        case .flag, .count:
            return .success(.present)
        case .text:
            return .success(.text(raw))
        case .path, .directory:
            guard !raw.isEmpty else { return .failure(ValueProblem(message: "option '\(spec.longForm)' needs a non-empty \(spec.kind.placeholder)")) }
            return .success(.text(raw))
        case .integer:
            guard !raw.isEmpty, raw.allSatisfy(\.isASCIIDigit), let number = UInt64(raw) else {
                return .failure(ValueProblem(message: "option '\(spec.longForm)' expects a whole number, got \(shown)"))
            }
            return .success(.integer(number))
        case .quantity:
            if case .notANumber? = Result(catching: { () throws(QuantityError) in try Quantity.parse(raw) }).failure {
                return .failure(ValueProblem(message: "option '\(spec.longForm)' expects a number (whole, 0x hex, or with a unit such as 10gwei), got \(shown)"))
            }
            return .success(.text(raw))
        case .wholeNumber:
            let digits = raw.hasPrefix("0x") || raw.hasPrefix("0X") ? Substring(raw.dropFirst(2)) : Substring(raw)
            let hex = digits.count != raw.count
            guard !digits.isEmpty, digits.allSatisfy({ hex ? $0.isHexDigit : $0.isASCIIDigit }) else {
                return .failure(ValueProblem(message: "option '\(spec.longForm)' expects a whole number (decimal or 0x hex), got \(shown)"))
            }
            return .success(.text(raw))
        case .hex:
            if case .failure(let error) = Result(catching: { () throws(HexError) in try Hex.decode(raw) }) {
                return .failure(ValueProblem(message: "option '\(spec.longForm)' expects hex bytes: \(error.description)"))
            }
            return .success(.text(raw))
        case .duration:
            guard let duration = DurationText.parse(raw) else {
                return .failure(ValueProblem(message: "option '\(spec.longForm)' expects a duration (seconds, or a number with ms, s, m or h), got \(shown)"))
            }
            return .success(.duration(duration))
        case .choice(let words):
            guard words.contains(raw) else {
                return .failure(ValueProblem(message: "option '\(spec.longForm)' expects one of \(words.joined(separator: ", ")), got \(shown)"
                           + Suggestion.hint(for: raw, among: words, quoted: true)))
            }
            return .success(.text(raw))
        }
    }

    private func finish(_ state: inout State) throws(Failure) -> Outcome {
        let node = state.node
        if !node.verbs.isEmpty {
            if state.parsed.path.isEmpty {
                throw fail(state, "missing subcommand; 'bond --help' lists them")
            }
            let names = node.verbs.map(\.name).joined(separator: ", ")
            throw fail(state, "missing verb (\(names)); see 'bond \(state.parsed.path.joined(separator: " ")) --help'")
        }
        let given = state.parsed.positionals
        let required = node.positionals.filter { !$0.optional }.count
        let variadic = node.positionals.contains { $0.variadic }
        if given.count < required {
            let missing = node.positionals.filter { !$0.optional }[given.count]
            throw fail(state, "missing argument \(missing.name)")
        }
        if !variadic && given.count > node.positionals.count {
            let extra = given[node.positionals.count]
            throw fail(state, "unexpected argument \(MessageText.quoted(extra))"
                       + (node.positionals.isEmpty ? " (this command takes none)" : ""))
        }
        for (spec, value) in zip(node.positionals, given) {
            if case .choice(let words) = spec.kind, !words.contains(value) {
                throw fail(state, "\(spec.name) must be one of \(words.joined(separator: ", ")), got \(MessageText.quoted(value))"
                           + Suggestion.hint(for: value, among: words, quoted: true))
            }
        }
        return .run(state.parsed)
    }
}
