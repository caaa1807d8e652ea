@testable import BondCLI
import Testing

/// The parser's rules, on a table made for the purpose: a subcommand with verbs and one
/// without, options of every kind, globals like bond's.
@Suite("Argument parser")
struct ArgumentParserTests {
    static let check = OptionSpec("check", help: "a flag")
    static let file = OptionSpec("file", .path, help: "a path")
    static let retries = OptionSpec("retries", .integer(placeholder: "N"), help: "a number")
    static let timeout = OptionSpec("timeout", .duration, help: "a duration")
    static let api = OptionSpec("api", .choice(["v1", "v2", "v3"]), help: "a choice")
    static let arg = OptionSpec("arg", short: "a", .text(placeholder: "VALUE"), repeatable: true, help: "repeatable")
    static let noInput = OptionSpec("no-input", short: "n", help: "a flag with a short alias")

    static let root = CommandSpec(
        "bond", summary: "test root",
        verbs: [
            CommandSpec("tool", summary: "a subcommand with verbs", verbs: [
                CommandSpec("make", summary: "a verb", options: [check, file, retries, timeout, api, arg, noInput], positionals: [PositionalSpec("ITEM", optional: true, variadic: true, help: "items")], run: { _ in .ok }),
                CommandSpec("take", summary: "another verb", positionals: [PositionalSpec("FILE", .path, help: "one file")], run: { _ in .ok }),
            ]),
            CommandSpec("plain", summary: "no verbs, no positionals", run: { _ in .ok }),
        ],
        options: GlobalOptions.specs
    )

    func parse(_ words: [String]) throws(ArgumentParser.Failure) -> ArgumentParser.Outcome {
        try ArgumentParser(root: Self.root).parse(words)
    }

    func parsed(_ words: [String]) throws -> ParsedArguments {
        guard case .run(let parsed) = try parse(words) else {
            Issue.record("expected a run for \(words)")
            return ParsedArguments()
        }
        return parsed
    }

    func failure(_ words: [String]) -> ArgumentParser.Failure? {
        do {
            _ = try parse(words)
            return nil
        } catch {
            return error
        }
    }

    @Test("takes an option's value from the next word or after '='")
    func valueForms() throws {
        #expect(try parsed(["tool", "make", "--file", "a.txt"]).text(Self.file) == "a.txt")
        #expect(try parsed(["tool", "make", "--file=a.txt"]).text(Self.file) == "a.txt")
        #expect(try parsed(["tool", "make", "--file=a=b"]).text(Self.file) == "a=b")
        #expect(try parsed(["tool", "make", "--arg="]).texts(Self.arg) == [""])
    }

    @Test("reads short aliases, bundled flags and a short option's attached value")
    func shortForms() throws {
        let bundled = try parsed(["tool", "make", "-vvn", "-aX", "-a", "Y"])
        #expect(bundled.count(GlobalOptions.verbose) == 2)
        #expect(bundled.flag(Self.noInput))
        #expect(bundled.texts(Self.arg) == ["X", "Y"])
    }

    @Test("accepts global options before and after the subcommand")
    func globalsAnywhere() throws {
        let before = try parsed(["-q", "--log-file", "l.txt", "tool", "make"])
        #expect(before.flag(GlobalOptions.quiet) && before.text(GlobalOptions.logFile) == "l.txt")
        let after = try parsed(["tool", "make", "x", "-v", "--log-file=l.txt"])
        #expect(after.count(GlobalOptions.verbose) == 1 && after.text(GlobalOptions.logFile) == "l.txt" && after.positionals == ["x"])
        let between = try parsed(["tool", "-v", "make"])
        #expect(between.count(GlobalOptions.verbose) == 1 && between.path == ["tool", "make"])
    }

    @Test("treats everything after '--' as positional, and '-' as a positional")
    func doubleDashAndStdin() throws {
        let words = try parsed(["tool", "make", "-", "--", "--check", "-v", "--"])
        #expect(words.positionals == ["-", "--check", "-v", "--"])
        #expect(!words.flag(Self.check) && words.count(GlobalOptions.verbose) == 0)
        #expect(try parsed(["tool", "take", "-"]).positionals == ["-"])
    }

    @Test("keeps every value of a repeatable option in order, and refuses a second of any other")
    func repetition() throws {
        #expect(try parsed(["tool", "make", "--arg", "1", "--arg=2", "-a3"]).texts(Self.arg) == ["1", "2", "3"])
        #expect(failure(["tool", "make", "--file", "a", "--file", "b"])?.message == "option '--file' given more than once")
        #expect(failure(["tool", "make", "--check", "--check"])?.message == "option '--check' given more than once")
    }

    @Test("reads boolean flags, and refuses a value given to one")
    func flags() throws {
        #expect(try parsed(["tool", "make", "--check"]).flag(Self.check))
        #expect(try !parsed(["tool", "make"]).flag(Self.check))
        #expect(failure(["tool", "make", "--check=yes"])?.message == "option '--check' takes no value")
    }

    @Test("names an unknown option and the closest known one, with the subcommand")
    func unknownOption() {
        let failure = failure(["tool", "make", "--chek"])
        #expect(failure?.subcommand == "tool")
        #expect(failure?.message == "unknown option '--chek' (did you mean '--check'?)")
        #expect(self.failure(["tool", "make", "--retires=3"])?.message == "unknown option '--retires' (did you mean '--retries'?)")
        #expect(self.failure(["tool", "make", "--zzzzzz"])?.message == "unknown option '--zzzzzz'")
        #expect(self.failure(["tool", "make", "-x"])?.message == "unknown option '-x'")
        #expect(self.failure(["--verbsoe", "plain"])?.message == "unknown option '--verbsoe' (did you mean '--verbose'?)")
    }

    @Test("says where a verb's option goes when it comes before the verb")
    func optionBeforeVerb() {
        #expect(failure(["tool", "--api", "v1", "make"])?.message
                == "unknown option '--api' here: it belongs after the verb ('bond tool make --api')")
    }

    @Test("names an unknown subcommand or verb and the closest known one")
    func unknownWords() {
        let subcommand = failure(["tol"])
        #expect(subcommand?.subcommand == nil)
        #expect(subcommand?.message == "unknown subcommand 'tol' (did you mean 'tool'?)")
        #expect(failure(["tool", "mkae"])?.message == "unknown verb 'mkae' (did you mean 'make'?)")
        #expect(failure(["tool"])?.message == "missing verb (make, take); see 'bond tool --help'")
        #expect(failure([])?.message == "missing subcommand; 'bond --help' lists them")
    }

    @Test("refuses an option whose value is missing, naming the option and what it takes")
    func missingValue() {
        #expect(failure(["tool", "make", "--file"])?.message == "option '--file' needs a value (PATH)")
        #expect(failure(["tool", "make", "--file", "--check"])?.message
                == "option '--file' needs a value (PATH); write --file=VALUE for a value that starts with '--'")
        #expect(failure(["tool", "make", "-a"])?.message == "option '-a' (--arg) needs a value (VALUE)")
        #expect(failure(["tool", "make", "--file="])?.message == "option '--file' needs a non-empty PATH")
    }

    @Test("refuses a value not of the option's kind, naming the option and the value")
    func badKinds() {
        #expect(failure(["tool", "make", "--retries", "abc"])?.message == "option '--retries' expects a whole number, got 'abc'")
        #expect(failure(["tool", "make", "--retries", "-1"])?.message == "option '--retries' expects a whole number, got '-1'")
        #expect(failure(["tool", "make", "--retries", "18446744073709551616"])?.message
                == "option '--retries' expects a whole number, got '18446744073709551616'")
        #expect(failure(["tool", "make", "--timeout", "5x"])?.message
                == "option '--timeout' expects a duration (seconds, or a number with ms, s, m or h), got '5x'")
        #expect(failure(["tool", "make", "--api", "v4"])?.message == "option '--api' expects one of v1, v2, v3, got 'v4' (did you mean 'v1'?)")
    }

    @Test("converts whole numbers and durations", arguments: [
        ("30", 30_000_000_000), ("2.5", 2_500_000_000), ("500ms", 500_000_000), ("1.5m", 90_000_000_000),
        ("2h", 7_200_000_000_000), ("0", 0), ("0.000000001", 1),
    ] as [(String, Int64)])
    func durations(text: String, nanoseconds: Int64) throws {
        #expect(try parsed(["tool", "make", "--timeout", text]).duration(Self.timeout) == .nanoseconds(nanoseconds))
    }

    @Test("rejects durations that are not one", arguments: ["", "-1", "1e3", "1.", ".5", "5 s", "1d", "99999999999999h"])
    func badDurations(text: String) {
        #expect(DurationText.parse(text) == nil)
    }

    @Test("answers --help, -h and --version wherever they appear")
    func helpAndVersion() throws {
        #expect(try parse(["--help"]) == .help(path: []))
        #expect(try parse(["tool", "-h"]) == .help(path: ["tool"]))
        #expect(try parse(["tool", "make", "--check", "--help"]) == .help(path: ["tool", "make"]))
        #expect(try parse(["tool", "-h", "make", "x"]) == .help(path: ["tool", "make"]))
        #expect(try parse(["-h", "tool", "-v", "take"]) == .help(path: ["tool", "take"]))
        #expect(try parse(["tool", "-h", "nonsense"]) == .help(path: ["tool"]))
        #expect(try parse(["--version"]) == .version)
        #expect(try parse(["tool", "make", "--version"]) == .version)
    }

    @Test("counts positional arguments against the table")
    func positionalCounts() {
        #expect(failure(["plain", "x"])?.message == "unexpected argument 'x' (this command takes none)")
        #expect(failure(["tool", "take"])?.message == "missing argument FILE")
        #expect(failure(["tool", "take", "a", "b"])?.message == "unexpected argument 'b'")
    }

    @Test("shows control characters in a bad argument escaped, on one line")
    func sanitizesMessages() {
        #expect(failure(["tool", "make", "--retries", "1\n2"])?.message == "option '--retries' expects a whole number, got '1\\u{a}2'")
    }
}
