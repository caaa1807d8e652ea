import Glibc

/// The command line of bond: hands argv to the parser and the chosen subcommand, prints errors,
/// and returns the exit status. `Sources/bond/main.swift` calls ``run(_:)`` and exits with it.
public enum Bond {
    /// Runs bond with `arguments` (argv without the program name) and returns the exit status.
    public static func run(_ arguments: [String]) -> Int32 {
        // A closed stdout must surface as EPIPE from write(2), so bond can stop quietly.
        signal(SIGPIPE, SIG_IGN)
        let diagnostics = Diagnostics()
        let output = StandardOutput()
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
                try GlobalOptions.apply(parsed, to: diagnostics)
                guard let node = CommandTable.root.descendant(parsed.path), let handler = node.handler else {
                    throw CommandFailure(.software, "no handler for '\(parsed.path.joined(separator: " "))'")
                }
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
            // Lines of the items that completed go out before the error is reported.
            do { try output.flush() } catch is OutputClosed { return 0 } catch {}
            let (status, message) = ErrorStatus.classify(error)
            diagnostics.error(message)
            return status.rawValue
        }
    }
}
