/// An HTTP request bond makes.
public struct HTTPRequest: Sendable {
    public var method: String
    public var url: String
    /// Extra header lines, as name and value.
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]?
    /// HTTP Basic credentials (RFC 7617); never logged.
    public var basicAuth: (user: String, password: String)?

    public init(method: String = "GET", url: String, headers: [(name: String, value: String)] = [],
                body: [UInt8]? = nil, basicAuth: (user: String, password: String)? = nil) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.basicAuth = basicAuth
    }
}

/// An HTTP response: status, headers (of the final response), body (decompressed).
public struct HTTPResponse: Sendable {
    public let status: Int
    public let headers: [(name: String, value: String)]
    public let body: [UInt8]
    /// The URL that answered, after redirects.
    public let url: String

    public init(status: Int, headers: [(name: String, value: String)], body: [UInt8], url: String) {
        self.status = status
        self.headers = headers
        self.body = body
        self.url = url
    }

    /// The value of header `name` (case-insensitive), the last one if repeated.
    public func header(_ name: String) -> String? {
        let lower = name.lowercased()
        return headers.last { $0.name.lowercased() == lower }?.value
    }
}

/// How bond talks HTTP: timeouts, retries, TLS trust and the plain-HTTP rule.
public struct HTTPOptions: Sendable {
    /// Time allowed to connect (`--connect-timeout`, default 5 s).
    public var connectTimeout: Duration = .seconds(5)
    /// Time allowed for a whole exchange (`--timeout`, default 30 s).
    public var timeout: Duration = .seconds(30)
    /// Further attempts after a temporary failure (`--retries`, default 3).
    public var retries: Int = 3
    /// A CA bundle to trust instead of the system's (`--cacert`).
    public var caFile: String?
    /// Allow plain http to any host (`--allow-http`).
    public var allowHTTP = false
    /// Sent as User-Agent.
    public var userAgent = "bond"
    /// The first retry waits about this long; each later one twice as long (with jitter).
    public var retryBaseDelay: Duration = .milliseconds(250)
    /// No retry waits longer than this, Retry-After included.
    public var maximumRetryDelay: Duration = .seconds(30)

    public init() {}
}
