@testable import BondCLI
import Foundation
import Testing

/// What every subcommand shares: help, version, usage errors, diagnostics, a closed stdout.
@Suite("bond command line")
struct GeneralCLITests {
    @Test("--help, -h and 'bond help' print help on stdout and exit 0")
    func help() throws {
        for arguments in [["--help"], ["-h"], ["help"]] {
            let result = try BondBinary.run(arguments)
            #expect(result.status == 0)
            #expect(result.stdout.hasPrefix("bond \(BondVersion.current): "))
            #expect(result.stdout.contains("  base58 "))
            #expect(result.stderr == "")
        }
        let subcommand = try BondBinary.run(["help", "base58"])
        #expect(subcommand.stdout == (try BondBinary.run(["base58", "--help"])).stdout)
        #expect(subcommand.stdout.contains("Verbs:\n  encode"))
        let verb = try BondBinary.run(["help", "base58", "encode"])
        #expect(verb.stdout == (try BondBinary.run(["base58", "encode", "-h"])).stdout)
        #expect(verb.stdout.hasPrefix("bond base58 encode: encode hex items, or raw bytes, as Base58\n\nUsage: bond base58 encode [OPTIONS] [HEX ...]\n"))
    }

    @Test("'bond help' of an unknown subcommand exits 64 with the closest name")
    func helpUnknown() throws {
        let result = try BondBinary.run(["help", "base85"])
        #expect(result.status == 64)
        #expect(result.stderr == "bond help: error: unknown subcommand 'base85' (did you mean 'base58'?)\n")
    }

    @Test("--version prints the version from one place")
    func version() throws {
        let result = try BondBinary.run(["--version"])
        #expect(result.status == 0)
        #expect(result.stdout == "bond \(BondVersion.current)\n")
    }

    @Test("usage errors exit 64 with one line on stderr and nothing on stdout", arguments: [
        (["base58", "encode", "--chek", "00"], "bond base58: error: unknown option '--chek' (did you mean '--check'?)"),
        (["base85"], "bond: error: unknown subcommand 'base85' (did you mean 'base58'?)"),
        (["base58", "encod"], "bond base58: error: unknown verb 'encod' (did you mean 'encode'?)"),
        (["base58"], "bond base58: error: missing verb (encode, decode); see 'bond base58 --help'"),
        ([], "bond: error: missing subcommand; 'bond --help' lists them"),
        (["base58", "encode", "--file"], "bond base58: error: option '--file' needs a value (PATH)"),
        (["base58", "encode", "--check=1"], "bond base58: error: option '--check' takes no value"),
        (["base58", "decode", "--binary"], "bond base58: error: unknown option '--binary' (an option of 'bond base58 encode')"),
        (["--log-file"], "bond: error: option '--log-file' needs a value (PATH)"),
        (["completions", "tcsh"], "bond completions: error: SHELL must be one of bash, zsh, fish, got 'tcsh'"),
        (["version"], "bond: error: unknown subcommand 'version' (did you mean '--version'?)"),
    ])
    func usageErrors(arguments: [String], message: String) throws {
        let result = try BondBinary.run(arguments)
        #expect(result.status == 64)
        #expect(result.stdout == "")
        #expect(result.stderr == message + "\n")
    }

    @Test("global options work before and after the subcommand")
    func globalsEitherSide() throws {
        let before = try BondBinary.run(["-v", "base58", "encode", "00"])
        let after = try BondBinary.run(["base58", "encode", "00", "--verbose"])
        #expect(before.stdout == after.stdout)
        #expect(before.stderr.contains("bond base58: note: encoded 1 item, 0 failed"))
        #expect(after.stderr.contains("bond base58: note: encoded 1 item, 0 failed"))
    }

    @Test("-v notes carry an RFC 3339 timestamp; -q leaves only errors")
    func verbosity() throws {
        let verbose = try BondBinary.run(["base58", "decode", "-v", "2g"])
        let pattern = #/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z bond base58: note: decoded 1 item, 0 failed\n$/#
        #expect(verbose.stderr.wholeMatch(of: pattern) != nil, "got \(verbose.stderr)")
        let quiet = try BondBinary.run(["-q", "base58", "decode", "-v", "2g", "0"])
        #expect(quiet.status == 65)
        #expect(quiet.stderr == "bond base58: error: '0': invalid Base58 character '0' at position 1\n")
        let normal = try BondBinary.run(["base58", "decode", "2g"])
        #expect(normal.stderr == "")
        let debug = try BondBinary.run(["-vv", "base58", "decode"], input: "2g\n\n3\n")
        let lines = debug.stderr.split(separator: "\n").map { $0.split(separator: " ", maxSplits: 1).last.map(String.init) ?? "" }
        #expect(lines == ["bond base58: debug: reading items from standard input, one per line",
                          "bond base58: debug: line 1: 2 bytes", "bond base58: debug: line 3: 1 byte",
                          "bond base58: note: decoded 2 items, 0 failed"])
    }

    @Test("--log-file appends every diagnostic, timestamped, as well as stderr")
    func logFile() throws {
        let directory = try TemporaryDirectory()
        let log = directory.path("bond.log")
        try Data("earlier line\n".utf8).write(to: URL(fileURLWithPath: log))
        let result = try BondBinary.run(["--log-file", log, "-v", "base58", "decode", "2g", "0OO"])
        #expect(result.status == 65)
        let lines = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(lines.count == 2)
        #expect(lines[0] == "earlier line")
        #expect(lines[1].hasSuffix(" bond base58: error: '0OO': invalid Base58 character '0' at position 1"))
        #expect(lines[1].wholeMatch(of: #/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z .*/#) != nil)
        let noted = try BondBinary.run(["--log-file", log, "-v", "base58", "decode", "2g"])
        #expect(noted.status == 0)
        let after = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n")
        #expect(after.count == 3 && after[2].hasSuffix("bond base58: note: decoded 1 item, 0 failed"))
    }

    @Test("a log file that cannot be created is an error before any work")
    func badLogFile() throws {
        let result = try BondBinary.run(["--log-file", "/nonexistent/dir/bond.log", "base58", "encode", "00"])
        #expect(result.status == 73)
        #expect(result.stdout == "")
        #expect(result.stderr == "bond base58: error: cannot open for writing '/nonexistent/dir/bond.log': No such file or directory\n")
    }

    @Test("a closed stdout ends bond quietly, as in 'bond base58 encode < big | head -1'")
    func closedStdout() throws {
        let directory = try TemporaryDirectory()
        let input = directory.path("items.txt")
        try Data(String(repeating: "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff0011\n", count: 200_000).utf8)
            .write(to: URL(fileURLWithPath: input))
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/bin/bash")
        shell.arguments = ["-c", "\"$0\" base58 encode < \"$1\" 2>\"$2\" | head -1 >/dev/null; echo ${PIPESTATUS[0]}",
                           BondBinary.url.path, input, directory.path("stderr.txt")]
        let output = Pipe()
        shell.standardOutput = output
        try shell.run()
        let status = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        shell.waitUntilExit()
        #expect(status == "0\n")
        #expect(try String(contentsOfFile: directory.path("stderr.txt"), encoding: .utf8) == "")
    }

    @Test("a closed stdout with a log file: the JSON goes nowhere else, and the run exits 74")
    func closedStdoutWithLogFile() throws {
        let directory = try TemporaryDirectory()
        let log = directory.path("bond.log")
        let result = try ShellCommand.run("/bin/bash", ["-c", "\"$0\" --log-file \"$1\" base58 encode 00 >&-; echo $?", BondBinary.url.path, log])
        #expect(result.stdout == "74\n")
        let logged = try String(contentsOfFile: log, encoding: .utf8)
        #expect(!logged.contains("\"base58\""))
        #expect(logged.hasSuffix("bond base58: error: cannot write to standard output: Bad file descriptor\n"))
    }

    @Test("an argument that is not UTF-8 is refused rather than repaired into another name")
    func nonUTF8Argument() throws {
        let result = try ShellCommand.run("/bin/bash", ["-c", "\"$0\" base58 encode --file $'caf\\xe9.bin'; echo $?", BondBinary.url.path])
        #expect(result.stdout == "64\n")
        #expect(result.stderr == "bond: error: argument 4 is not valid UTF-8: bond takes UTF-8 paths and values\n")
    }

    @Test("characters that would reorder or hide text are shown by code point, never raw")
    func unsafeCharacters() throws {
        let result = try BondBinary.run(["base58", "decode"], input: "2g\u{202E}\n")
        #expect(result.stderr == "bond base58: error: line 1: invalid Base58 character U+202E at position 3\n")
        let argument = try BondBinary.run(["base58", "encode", "\u{FEFF}00"])
        #expect(argument.stderr == "bond base58: error: '\\u{feff}00': invalid hex digit U+FEFF at position 1\n")
    }

    @Test("option words that are not options are named whole")
    func oddOptionWords() throws {
        #expect(try BondBinary.run(["base58", "encode", "--=x"]).stderr == "bond base58: error: unknown option '--=x'\n")
        #expect(try BondBinary.run(["-v-q", "base58", "encode", "00"]).stderr == "bond: error: unknown option '-v-q'\n")
        let log = try BondBinary.run(["--log-file", "-", "base58", "encode", "00"])
        #expect(log.status == 64 && log.stderr == "bond base58: error: --log-file takes a file; diagnostics go to stderr already\n")
    }

    @Test("exit statuses are the sysexits.h values DESIGN.md lists")
    func exitStatuses() {
        #expect(ExitStatus.allCases.map(\.rawValue) == [0, 64, 65, 66, 69, 70, 73, 74, 75, 77, 78])
    }
}
