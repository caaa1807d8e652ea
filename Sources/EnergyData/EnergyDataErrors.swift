import Encoding
import ErrorCategories
import Files
import HTTP

/// A source that answered, but not with a reading: refused credentials, a temporary failure
/// (429 or 5xx after the retries), or another refusal.
public enum SourceError: CategorizedError, Equatable, Sendable {
    /// HTTP 401 or 403: the credentials (named, never shown) were refused; `message` is the
    /// service's reason, when it gave one.
    case unauthorized(url: String, status: Int, credentials: String, message: String?)
    /// Another 4xx: the service's own message, when it sent one.
    case refused(url: String, status: Int, message: String?)
    /// 429 or 5xx, after the retries.
    case unavailable(url: String, status: Int, message: String?)

    public var status: Int {
        switch self {
        case .unauthorized(_, let status, _, _), .refused(_, let status, _), .unavailable(_, let status, _): return status
        }
    }

    public var category: ErrorCategory {
        switch self {
        case .unauthorized: return .unauthorized
        case .refused: return .refused
        case .unavailable: return .temporary
        }
    }

    public var description: String {
        switch self {
        case .unauthorized(let url, let status, let credentials, let message):
            return "\(URLText.redacted(url)) answered HTTP \(status): \(credentials) refused" + (message.map { " (\($0))" } ?? "")
        case .refused(let url, let status, let message), .unavailable(let url, let status, let message):
            return "\(URLText.redacted(url)) answered HTTP \(status)" + (message.map { ": \($0)" } ?? "")
        }
    }
}

/// Why a source's answer cannot be read as a reading: it is not what the driver reads.
public enum PayloadError: CategorizedError, Equatable, Sendable {
    /// What is wrong, naming the element (an XML path or a JSON pointer) and, for XML, the line.
    case invalid(String)

    public var category: ErrorCategory { .badInput }

    public var description: String {
        switch self {
        case .invalid(let reason): return reason
        }
    }
}

/// A cursor file that bond cannot use.
public enum CursorError: CategorizedError, Equatable, Sendable {
    case malformed(String, String)
    /// The file belongs to another asset: reading on from it would skip or repeat intervals.
    case otherAsset(String, recorded: String, asked: String)

    public var category: ErrorCategory { .badInput }

    public var description: String {
        switch self {
        case .malformed(let path, let reason):
            return "cursor file \(FileFailure.quoted(path)): \(reason)"
        case .otherAsset(let path, let recorded, let asked):
            return "cursor file \(FileFailure.quoted(path)) belongs to asset \(recorded), not \(asked): give each asset its own cursor file"
        }
    }
}

/// libxml2 could not be loaded: the message names the library and what is missing.
public struct XMLUnavailable: CategorizedError {
    public let message: String
    public var category: ErrorCategory { .unavailable }

    public var description: String { message }
}
