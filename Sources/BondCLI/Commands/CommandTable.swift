/// The table of bond's command line: every subcommand that works, in the order help lists them.
/// Each later subcommand adds its ``CommandSpec`` here.
public enum CommandTable {
    public static let root = CommandSpec(
        "bond",
        summary: "a command-line toolkit for energy devices that report to an EVM blockchain",
        details: "Each subcommand does one step and prints one JSON object per line on stdout, so shell pipelines and cron jobs chain them.",
        verbs: [
            ReadMeterCommand.spec,
            ChainLogCommand.spec,
            SignTxCommand.spec,
            SendTxCommand.spec,
            CallCommand.spec,
            KeyCommand.spec,
            Base58Command.spec,
            ConfigCommand.spec,
            CompletionsCommand.spec,
            HelpCommand.spec,
        ],
        options: GlobalOptions.specs
    )
}
