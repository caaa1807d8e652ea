import Ethereum
import HTTP

/// The options of subcommands that talk HTTP, and the client options they make.
enum HTTPFlags {
    static let timeout = OptionSpec("timeout", .duration, help: "time allowed for each HTTP exchange (default 30 s)")
    static let connectTimeout = OptionSpec("connect-timeout", .duration, help: "time allowed to connect (default 5 s)")
    static let retries = OptionSpec("retries", .integer(placeholder: "N"), help: "retries after a connection failure, 429 or 5xx (default 3)")
    static let cacert = OptionSpec("cacert", .path, help: "trust the CA certificates in PATH instead of the system's")
    static let allowHTTP = OptionSpec("allow-http", domainKey: "PlainHTTPRule.override", help: "allow plain http to any host (by default only to local networks)")

    static let options = [timeout, connectTimeout, retries, cacert, allowHTTP]

    /// `--rpc` of the commands that talk to a node by choice: the node's URL, else the
    /// environment's (as cast reads it).
    static let rpc = OptionSpec("rpc", .text(placeholder: "URL"), domainKey: "node", help: "the node's JSON-RPC URL (else BOND_RPC_URL, else ETH_RPC_URL)")
        .standing(for: "BOND_RPC_URL", "ETH_RPC_URL")

    /// The client options the parsed flags ask for.
    /// - Throws: ``CommandFailure`` (64) for a timeout of zero, which libcurl would take as
    ///   no limit at all.
    static func httpOptions(_ arguments: ParsedArguments) throws -> HTTPOptions {
        var options = HTTPOptions()
        for option in [timeout, connectTimeout] where arguments.duration(option) == .zero {
            throw CommandFailure.usage("\(option.longForm) must be more than 0 (bond never waits without a limit)")
        }
        if let timeout = arguments.duration(timeout) { options.timeout = timeout }
        if let timeout = arguments.duration(connectTimeout) { options.connectTimeout = timeout }
        if let retries = arguments.integer(retries) { options.retries = Int(min(retries, 100)) }
        options.caFile = arguments.text(cacert)
        options.allowHTTP = arguments.flag(allowHTTP)
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
        try PlainHTTPRule.check(url, allowHTTP: invocation.arguments.flag(allowHTTP))
        return EthereumNode(rpc: JSONRPCClient(url: url, http: try client(invocation)))
    }

    /// The node of `--rpc`, else `BOND_RPC_URL`, else `ETH_RPC_URL` (as cast reads it).
    /// - Throws: ``CommandFailure`` (64) when none is given.
    static func rpcNode(_ invocation: Invocation) throws -> EthereumNode {
        guard let url = invocation.arguments.text(rpc) ?? rpc.environment.lazy.compactMap(Environment.value).first else {
            throw CommandFailure.usage("no node: give --rpc URL, or set BOND_RPC_URL or ETH_RPC_URL")
        }
        return try node(url, invocation)
    }
}
