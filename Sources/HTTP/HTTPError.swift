import ErrorCategories

/// Why an HTTP exchange failed. Unreachable hosts, timeouts, and 429 and 5xx after the
/// retries are temporary; 401 and 403 refused credentials; other statuses and what bond does
/// not follow (a bad certificate, a redirect the rules refuse) refusals; a URL the rules refuse
/// an invalid request. The advice of a refused plain-HTTP URL names the override by the key
/// `PlainHTTPRule.override`.
public enum HTTPError: CategorizedError, Equatable, Sendable {
    /// libcurl.so.4 is missing or lacks a function.
    case libcurlUnavailable(String)
    /// Not an http or https URL.
    case badURL(String)
    /// Plain HTTP to a host outside the local networks, without `--allow-http`.
    case plainHTTPRefused(String)
    /// No connection: refused, host unknown, network down.
    case unreachable(url: String, detail: String)
    /// The connection or the whole exchange took longer than allowed.
    case timeout(url: String, detail: String)
    /// TLS failed: a certificate that does not verify, a handshake error.
    case tls(url: String, detail: String)
    /// The server answered with an error status; `message` is what it said, when it said
    /// something readable.
    case status(url: String, code: Int, message: String?)
    /// More than the allowed number of redirects.
    case tooManyRedirects(String)
    /// The server redirected to a URL the rules refuse (not http or https, or plain HTTP to a
    /// public host): the server's doing, not the user's.
    case redirectRefused(url: String, target: String)
    /// The response is larger than bond accepts.
    case tooLarge(url: String, limit: Int)
    /// Any other transfer failure libcurl reports.
    case transfer(url: String, detail: String)

    /// Whether a later attempt may succeed: what retries retry, and cron may retry later.
    public var isTemporary: Bool {
        switch self {
        case .unreachable, .timeout: return true
        case .status(_, let code, _): return code == 429 || (500...599).contains(code)
        case .transfer: return true
        default: return false
        }
    }

    public var category: ErrorCategory {
        switch self {
        case .libcurlUnavailable: return .unavailable
        case .badURL, .plainHTTPRefused: return .invalidRequest
        case .status(_, let code, _) where code == 401 || code == 403: return .unauthorized
        default: return isTemporary ? .temporary : .refused
        }
    }

    public func description(naming name: (String) -> String?) -> String {
        guard case .plainHTTPRefused(let url) = self, let override = name("PlainHTTPRule.override") else { return description }
        return "refusing plain http to '\(URLText.redacted(url))': use https, or \(override) (plain http is allowed to loopback, private and .local hosts)"
    }

    public var description: String {
        switch self {
        case .libcurlUnavailable(let detail): return detail
        case .badURL(let url): return "'\(URLText.redacted(url))' is not an http or https URL"
        case .plainHTTPRefused(let url):
            return "refusing plain http to '\(URLText.redacted(url))': use https (plain http is allowed to loopback, private and .local hosts)"
        case .unreachable(let url, let detail): return "cannot reach \(URLText.redacted(url)): \(detail)"
        case .timeout(let url, let detail): return "\(URLText.redacted(url)) timed out: \(detail)"
        case .tls(let url, let detail): return "TLS with \(URLText.redacted(url)) failed: \(detail)"
        case .status(let url, let code, let message):
            return "\(URLText.redacted(url)) answered HTTP \(code)" + (message.map { ": \($0)" } ?? "")
        case .tooManyRedirects(let url): return "\(URLText.redacted(url)): too many redirects"
        case .redirectRefused(let url, let target):
            return "\(URLText.redacted(url)) redirected to '\(URLText.redacted(target))', which bond does not follow (not https, or not http to a local network)"
        case .tooLarge(let url, let limit): return "\(URLText.redacted(url)): the response is larger than \(limit >> 20) MiB"
        case .transfer(let url, let detail): return "\(URLText.redacted(url)): \(detail)"
        }
    }
}
