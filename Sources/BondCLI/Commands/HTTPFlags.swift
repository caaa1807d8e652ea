import HTTP

/// The options of subcommands that talk HTTP, and the client options they make.
enum HTTPFlags {
    static let options: [OptionSpec] = [
        OptionSpec("timeout", .duration, help: "time allowed for each HTTP exchange (default 30 s)"),
        OptionSpec("connect-timeout", .duration, help: "time allowed to connect (default 5 s)"),
        OptionSpec("retries", .integer(placeholder: "N"), help: "retries after a connection failure, 429 or 5xx (default 3)"),
        OptionSpec("cacert", .path, help: "trust the CA certificates in PATH instead of the system's"),
        OptionSpec("allow-http", help: "allow plain http to any host (by default only to local networks)"),
    ]

    /// The client options the parsed flags ask for.
    /// - Throws: ``CommandFailure`` (64) for a timeout of zero, which libcurl would take as
    ///   no limit at all.
    static func httpOptions(_ arguments: ParsedArguments) throws -> HTTPOptions {
        var options = HTTPOptions()
        for name in ["timeout", "connect-timeout"] where arguments.duration(name) == .zero {
            throw CommandFailure.usage("--\(name) must be more than 0 (bond never waits without a limit)")
        }
        if let timeout = arguments.duration("timeout") { options.timeout = timeout }
        if let timeout = arguments.duration("connect-timeout") { options.connectTimeout = timeout }
        if let retries = arguments.integer("retries") { options.retries = Int(min(retries, 100)) }
        options.caFile = arguments.text("cacert")
        options.allowHTTP = arguments.flag("allow-http")
        options.userAgent = "bond/\(BondVersion.current)"
        return options
    }
}
