import Encoding
import ErrorCategories
import Files
import HTTP

/// Why a source could not be read: it refused the credentials, failed for now (429 or 5xx
/// after the retries, unreachable, timed out), refused otherwise, or answered with what the
/// driver cannot use; or the driver's own file (a token cache) could not be written.
public enum SourceError: CategorizedError, Equatable, Sendable {
    /// HTTP 401 or 403: the credentials (named, never shown) were refused; `message` is the
    /// service's reason, when it gave one.
    case unauthorized(url: String, status: Int, credentials: String, message: String?)
    /// Another 4xx: the service's own message, when it sent one.
    case refused(url: String, status: Int, message: String?)
    /// 429 or 5xx, after the retries.
    case unavailable(url: String, status: Int, message: String?)
    /// The exchange itself failed: no connection, a timeout, TLS, a redirect bond does not
    /// follow, an answer too large.
    case transport(HTTPError)
    /// The source answered a step of the protocol (a login, a region lookup) with what the
    /// driver cannot use.
    case answer(PayloadError)
    /// A file the driver keeps (the token cache) could not be written.
    case file(FileFailure)

    /// The HTTP status the source answered with, when it answered with an error status.
    public var httpStatus: Int? {
        switch self {
        case .unauthorized(_, let status, _, _), .refused(_, let status, _), .unavailable(_, let status, _): return status
        case .transport(.status(_, let code, _)): return code
        default: return nil
        }
    }

    public var category: ErrorCategory {
        switch self {
        case .unauthorized: return .unauthorized
        case .refused: return .refused
        case .unavailable: return .temporary
        case .transport(let error): return error.category
        case .answer(let error): return error.category
        case .file(let failure): return failure.category
        }
    }

    public var description: String { description(naming: { _ in nil }) }

    public func description(naming name: (String) -> String?) -> String {
        switch self {
        case .unauthorized(let url, let status, let credentials, let message):
            return "\(URLText.redacted(url)) answered HTTP \(status): \(credentials) refused" + (message.map { " (\($0))" } ?? "")
        case .refused(let url, let status, let message), .unavailable(let url, let status, let message):
            return "\(URLText.redacted(url)) answered HTTP \(status)" + (message.map { ": \($0)" } ?? "")
        case .transport(let error): return error.description(naming: name)
        case .answer(let error): return error.description
        case .file(let failure): return failure.description
        }
    }
}

/// Why a source's answer cannot be read as a reading: it is not what the driver reads, or the
/// parser it needs cannot be loaded.
public enum PayloadError: CategorizedError, Equatable, Sendable {
    /// What is wrong, naming the element (an XML path or a JSON pointer) and, for XML, the line.
    case invalid(String)
    /// The parser's library (libxml2) could not be loaded: the message names it and what is
    /// missing.
    case parserUnavailable(String)

    public var category: ErrorCategory {
        switch self {
        case .invalid: return .badInput
        case .parserUnavailable: return .unavailable
        }
    }

    public var description: String {
        switch self {
        case .invalid(let reason), .parserUnavailable(let reason): return reason
        }
    }
}

/// A cursor file that bond cannot use.
public enum CursorError: CategorizedError, Equatable, Sendable {
    case malformed(String, String)
    /// The file belongs to another asset: reading on from it would skip or repeat intervals.
    case otherAsset(String, recorded: String, asked: String)
    /// The file or its lock could not be opened or read.
    case file(FileFailure)

    public var category: ErrorCategory {
        if case .file(let failure) = self { return failure.category }
        return .badInput
    }

    public var description: String {
        switch self {
        case .malformed(let path, let reason):
            return "cursor file \(FileFailure.quoted(path)): \(reason)"
        case .otherAsset(let path, let recorded, let asked):
            return "cursor file \(FileFailure.quoted(path)) belongs to asset \(recorded), not \(asked): give each asset its own cursor file"
        case .file(let failure):
            return failure.description
        }
    }
}
