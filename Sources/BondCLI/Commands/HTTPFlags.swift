import Ethereum
import HTTP

/// The options of subcommands that talk HTTP, and the client options they make.
enum HTTPFlags {
    static let options: [OptionSpec] = [
        OptionSpec("timeout", .duration, help: "time allowed for each HTTP exchange (default 30 s)"),
        OptionSpec("connect-timeout", .duration, help: "time allowed to connect (default 5 s)"),
        OptionSpec("retries", .integer(placeholder: "N"), help: "retries after a connection failure, 429 or 5xx (default 3)"),
        OptionSpec("cacert", .path, help: "trust the CA certificates in PATH instead of the system's"),
        OptionSpec("allow-http", domainKey: "PlainHTTPRule.override", help: "allow plain http to any host (by default only to local networks)"),
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

    /// An HTTP client with the parsed options, noting retries at `-v`.
    static func client(_ invocation: Invocation) throws -> HTTPClient {
        let http = try HTTPClient(options: try httpOptions(invocation.arguments))
        let diagnostics = invocation.diagnostics
        http.onRetry = { diagnostics.note($0) }
        return http
    }

    /// The node at `url`, checked against the plain-HTTP rule.
    static func node(_ url: String, _ invocation: Invocation) throws -> EthereumNode {
        try PlainHTTPRule.check(url, allowHTTP: invocation.arguments.flag("allow-http"))
        return EthereumNode(rpc: JSONRPCClient(url: url, http: try client(invocation)))
    }

    /// The node of `--rpc`, else `BOND_RPC_URL`, else `ETH_RPC_URL` (as cast reads it).
    /// - Throws: ``CommandFailure`` (64) when none is given.
    static func rpcNode(_ invocation: Invocation) throws -> EthereumNode {
        guard let url = invocation.arguments.text("rpc") ?? Environment.value("BOND_RPC_URL") ?? Environment.value("ETH_RPC_URL") else {
            throw CommandFailure.usage("no node: give --rpc URL, or set BOND_RPC_URL or ETH_RPC_URL")
        }
        return try node(url, invocation)
    }
}
