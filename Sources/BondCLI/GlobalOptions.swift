import Files

/// The options every subcommand accepts, before or after its name (bond(1), GLOBAL OPTIONS).
enum GlobalOptions {
    static let help = OptionSpec("help", short: "h", help: "show help for bond or the subcommand and exit").onlyOnCommandLine()
    static let version = OptionSpec("version", help: "print the version and exit").onlyOnCommandLine()
    static let verbose = OptionSpec("verbose", short: "v", .count, help: "more diagnostics on stderr: -v notes, -vv debug")
    static let quiet = OptionSpec("quiet", short: "q", help: "nothing on stderr but errors")
        .conflicting(with: "verbose", allowedOnCommandLine: true)
    static let logFile = OptionSpec("log-file", .path, help: "append diagnostics, timestamped, to PATH as well")
    static let config = OptionSpec("config", .path, help: "read profiles from PATH (else BOND_CONFIG, ~/.config/bond/config.yaml, /etc/bond/config.yaml)")
        .onlyOnCommandLine()
    static let profile = OptionSpec("profile", .text(placeholder: "NAME"), help: "the config file's profile to use (default: default)")
        .onlyOnCommandLine()

    static let specs = [help, version, verbose, quiet, logFile, config, profile]

    /// Sets the diagnostic level and opens the log file the options ask for.
    /// - Throws: ``FileFailure`` when the log file cannot be opened.
    static func apply(_ parsed: ParsedArguments, to diagnostics: Diagnostics) throws {
        if parsed.flag(quiet) {
            diagnostics.level = .quiet
        } else {
            diagnostics.level = Diagnostics.Level(rawValue: min(parsed.count(verbose), 2)) ?? .normal
        }
        if let path = parsed.text(logFile) {
            guard path != "-" else { throw CommandFailure.usage("--log-file takes a file; diagnostics go to stderr already") }
            try diagnostics.openLogFile(path)
        }
    }
}
