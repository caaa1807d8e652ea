import Encoding
import Files
import Glibc

/// `--token-cache FILE`: the WattTime token kept between runs (mode 0600), since logins are
/// rate-limited (100 per 5 minutes) and cron may run every minute. A token is reused until it
/// expires: the `exp` of a JWT, else 30 minutes after the login (the service's token life),
/// with a minute of margin.
public final class TokenCache {
    public let path: String

    public init(path: String) {
        self.path = path
    }

    /// The cached token for this service and user, if it has not expired.
    public func token(api: WattTime.API, root: String, user: String, now: Int) -> String? {
        guard let bytes = read(), let object = (try? JSONParser.parse(bytes))?.objectValue,
              object["api"]?.stringValue == api.rawValue, object["root"]?.stringValue == root,
              object["user"]?.stringValue == user, case .number(let expiry)? = object["expires_epoch"],
              let expires = Int(expiry), now + 60 < expires, let token = object["token"]?.stringValue else { return nil }
        return token
    }

    /// Replaces the cache with `token` (atomically, mode 0600).
    /// - Throws: ``FileFailure`` when the cache cannot be written.
    public func store(token: String, api: WattTime.API, root: String, user: String, expires: Int) throws(FileFailure) {
        let object = JSONObjectValue([("api", .string(api.rawValue)), ("root", .string(root)), ("user", .string(user)),
                                      ("token", .string(token)), ("expires_epoch", .number(String(expires)))])
        var bytes: [UInt8] = []
        JSONWriter.append(.object(object), to: &bytes)
        bytes.append(0x0A)
        try AtomicFile.replace(path, contents: bytes, mode: 0o600)
    }

    /// When `token` expires: the `exp` claim of a JWT (RFC 7519), else 30 minutes after login.
    static func expiry(of token: String, loggedInAt now: Int) -> Int {
        let parts = token.split(separator: ".")
        if parts.count == 3, let payload = Base64.decode(String(parts[1])),
           let claims = (try? JSONParser.parse(payload))?.objectValue, case .number(let text)? = claims["exp"], let exp = Int(text) {
            return exp
        }
        return now + 30 * 60
    }

    private func read() -> [UInt8]? {
        (try? StateFile.read(path, limit: 65_536)) ?? nil
    }
}
