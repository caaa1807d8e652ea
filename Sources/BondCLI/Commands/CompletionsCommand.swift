/// `bond completions SHELL`: prints the completion script for bash, zsh or fish, generated
/// from the command table. The files in completions/ are this command's output (a test checks).
enum CompletionsCommand {
    static let shells = ["bash", "zsh", "fish"]

    static let spec = CommandSpec(
        "completions",
        summary: "print a shell completion script (bash, zsh or fish)",
        details: "Load it from your shell's start-up file, e.g. 'source <(bond completions bash)', or install the files under completions/ (make install does).",
        positionals: [PositionalSpec("SHELL", .choice(shells), help: "bash, zsh or fish")],
        run: run
    )

    static func run(_ invocation: Invocation) throws -> ExitStatus {
        let script: String
        switch invocation.arguments.positionals[0] {
        case "bash": script = BashCompletion.script(for: CommandTable.root)
        case "zsh": script = ZshCompletion.script(for: CommandTable.root)
        default: script = FishCompletion.script(for: CommandTable.root)
        }
        try invocation.output.write(line: Array(script.utf8))
        return .ok
    }
}
