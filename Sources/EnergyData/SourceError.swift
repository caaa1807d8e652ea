import Encoding
import HTTP

/// A source that answered, but not with a reading: the CLI maps these onto exit statuses
/// (refused credentials 77, temporary 75, other refusals 69).
public enum SourceError: Error, Equatable, Sendable, CustomStringConvertible {
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

    public var description: String {
        switch self {
        case .unauthorized(let url, let status, let credentials, let message):
            return "\(URLText.redacted(url)) answered HTTP \(status): \(credentials) refused" + (message.map { " (\($0))" } ?? "")
        case .refused(let url, let status, let message), .unavailable(let url, let status, let message):
            return "\(URLText.redacted(url)) answered HTTP \(status)" + (message.map { ": \($0)" } ?? "")
        }
    }

    /// Checks `response`: 2xx passes; errors become ``SourceError``s with the service's message.
    static func check(_ response: HTTPResponse, credentials: String) throws -> HTTPResponse {
        switch response.status {
        case 200..<300:
            return response
        case 401, 403:
            throw SourceError.unauthorized(url: response.url, status: response.status, credentials: credentials,
                                           message: serviceMessage(response))
        case 429, 500...599:
            throw SourceError.unavailable(url: response.url, status: response.status, message: serviceMessage(response))
        default:
            throw SourceError.refused(url: response.url, status: response.status, message: serviceMessage(response))
        }
    }

    /// What the service said: `message` or `error` of a JSON body, else a short text body.
    static func serviceMessage(_ response: HTTPResponse) -> String? {
        if let json = try? JSONValueReader.object(response.body) {
            for key in ["message", "error", "detail"] {
                if let text = json[key]?.stringValue { return text }
                if let inner = json[key]?.objectValue, let text = inner["message"]?.stringValue { return text }
            }
        }
        let text = String(decoding: response.body.prefix(200), as: UTF8.self).trimmingASCIIWhitespace
        guard !text.isEmpty, !text.hasPrefix("<") else { return nil }
        return text.unicodeScalars.allSatisfy({ !$0.properties.generalCategory.isControl || $0 == "\n" }) ? text : nil
    }
}

extension Unicode.GeneralCategory {
    var isControl: Bool { self == .control }
}
