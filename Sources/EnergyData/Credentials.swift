import HTTP

/// How a driver authenticates to its source: not at all, HTTP Basic (RFC 7617), or an API
/// key sent as `X-API-Key`. Messages name them, never show them.
public enum Credentials: Sendable, Equatable {
    case anonymous
    case basic(user: String, password: String)
    case apiKey(String)

    /// How a refusal names them: `the credentials of user 'admin'`.
    public var name: String {
        switch self {
        case .anonymous: return "access without credentials"
        case .basic(let user, _): return "the credentials of user '\(user)'"
        case .apiKey: return "the API key"
        }
    }

    /// The user, for Basic credentials.
    public var user: String? {
        if case .basic(let user, _) = self { return user }
        return nil
    }

    /// `request` with the credentials applied.
    func apply(_ request: inout HTTPRequest) {
        switch self {
        case .anonymous: break
        case .basic(let user, let password): request.basicAuth = (user, password)
        case .apiKey(let key): request.headers.append(("X-API-Key", key))
        }
    }
}
