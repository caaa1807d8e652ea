/// What a subcommand's handler gets: its parsed arguments and the process's output channels.
public final class Invocation {
    /// The checked options and positional arguments.
    public let arguments: ParsedArguments
    let output: StandardOutput
    let diagnostics: Diagnostics

    init(arguments: ParsedArguments, output: StandardOutput, diagnostics: Diagnostics) {
        self.arguments = arguments
        self.output = output
        self.diagnostics = diagnostics
    }

    /// `bond base58`: how this run names itself in messages.
    var program: String { (["bond"] + arguments.path.prefix(1)).joined(separator: " ") }
}
