import Glibc

/// The command line of bond: hands argv to the parser and the chosen subcommand, prints errors,
/// and returns the exit status. `Sources/bond/main.swift` calls ``run(_:)`` and exits with it.
public enum Bond {
    /// Runs bond with the process's own arguments and standard descriptors.
    ///
    /// Standard input, output and error that the caller closed are reopened on /dev/null
    /// first, so that no file bond opens (a log file) takes their numbers; a closed standard
    /// output then fails the first write, as EBADF. Arguments that are not UTF-8 are refused:
    /// Swift would repair them, and a repaired path names another file.
    public static func main() -> Int32 {
        var closed: Set<Int32> = []
        for descriptor in [STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO] where fcntl(descriptor, F_GETFD) == -1 && errno == EBADF {
            closed.insert(descriptor)
            _ = open("/dev/null", descriptor == STDIN_FILENO ? O_RDONLY : O_WRONLY)
        }
        let argc = Int(CommandLine.argc)
        for index in 1..<max(argc, 1) {
            guard let raw = CommandLine.unsafeArgv[index], String(validatingCString: raw) == nil else { continue }
            Diagnostics().error("argument \(index) is not valid UTF-8: bond takes UTF-8 paths and values")
            return ExitStatus.usage.rawValue
        }
        return run(Array(CommandLine.arguments.dropFirst()), standardOutputClosed: closed.contains(STDOUT_FILENO))
    }

    /// Runs bond with `arguments` (argv without the program name) and returns the exit status.
    public static func run(_ arguments: [String], standardOutputClosed: Bool = false) -> Int32 {
        // A closed stdout must surface as EPIPE from write(2), so bond can stop quietly.
        signal(SIGPIPE, SIG_IGN)
        let diagnostics = Diagnostics()
        let output = StandardOutput(closed: standardOutputClosed)
        let outcome: ArgumentParser.Outcome
        do {
            outcome = try ArgumentParser(root: CommandTable.root).parse(arguments)
        } catch {
            if let subcommand = error.subcommand { diagnostics.program = "bond \(subcommand)" }
            diagnostics.error(error.message)
            return ExitStatus.usage.rawValue
        }
        switch outcome {
        case .version:
            return finish(output, diagnostics) { try output.write(line: Array("bond \(BondVersion.current)\n".utf8)) }
        case .help(let path):
            return finish(output, diagnostics) {
                if let subcommand = path.first { diagnostics.program = "bond \(subcommand)" }
                try output.write(line: Array(HelpText.render(root: CommandTable.root, path: path, version: BondVersion.current).utf8))
            }
        case .run(let parsed):
            if let subcommand = parsed.path.first { diagnostics.program = "bond \(subcommand)" }
            var status = ExitStatus.ok
            let code = finish(output, diagnostics) {
                var parsed = parsed
                if parsed.path.first != "config", let profile = try ProfileOptions.load(parsed) {
                    parsed = try profile.apply(to: parsed)
                }
                try GlobalOptions.apply(parsed, to: diagnostics)
                guard let node = CommandTable.root.descendant(parsed.path), let handler = node.handler else {
                    throw CommandFailure(.software, "no handler for '\(parsed.path.joined(separator: " "))'")
                }
                try OptionRules.check(parsed, node: node, root: CommandTable.root)
                status = try handler(Invocation(arguments: parsed, output: output, diagnostics: diagnostics))
            }
            return code == 0 ? status.rawValue : code
        }
    }

    /// Runs `work`, writes out buffered output, and turns a thrown error into its message and
    /// status. A closed standard output ends the run quietly with status 0.
    private static func finish(_ output: StandardOutput, _ diagnostics: Diagnostics,
                               _ work: () throws -> Void) -> Int32 {
        do {
            try work()
            try output.flush()
            return 0
        } catch is OutputClosed {
            return 0
        } catch {
            // Lines of the items that completed go out before the error is reported (a reader
            // that went away does not hide the error).
            try? output.flush()
            let (status, message) = ErrorClassifier.classify(error)
            diagnostics.error(message)
            return status.rawValue
        }
    }
}
