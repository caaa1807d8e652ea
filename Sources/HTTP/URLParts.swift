/// The parts of an http or https URL that bond's checks need: scheme, host (IPv6 without its
/// brackets) and port. Parsed per RFC 3986's generic syntax, without normalizing the host.
public struct URLParts: Equatable, Sendable {
    public let scheme: String
    public let host: String
    public let port: Int?

    /// Parses `url`; nil when it has no `scheme://host`.
    public init?(_ url: String) {
        guard let separator = url.firstRange(of: "://") else { return nil }
        let scheme = url[..<separator.lowerBound].lowercased()
        guard !scheme.isEmpty, scheme.allSatisfy({ $0.isLetter || $0.isNumber || "+-.".contains($0) }) else { return nil }
        var authority = url[separator.upperBound...]
        if let end = authority.firstIndex(where: { "/?#".contains($0) }) { authority = authority[..<end] }
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        var host: Substring
        var portText: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { return nil }
            host = authority[authority.index(after: authority.startIndex)..<close]
            let rest = authority[authority.index(after: close)...]
            if rest.hasPrefix(":") { portText = rest.dropFirst() } else if !rest.isEmpty { return nil }
        } else if let colon = authority.lastIndex(of: ":") {
            host = authority[..<colon]
            portText = authority[authority.index(after: colon)...]
        } else {
            host = authority
        }
        guard !host.isEmpty else { return nil }
        if let portText {
            guard let port = Int(portText), port > 0, port < 65536 else { return nil }
            self.port = port
        } else {
            self.port = nil
        }
        self.scheme = scheme
        self.host = host.lowercased()
    }

    /// Scheme, host and port (the scheme's default when none is given): where credentials
    /// may go.
    public var origin: String {
        "\(scheme)://\(host):\(port ?? (scheme == "https" ? 443 : 80))"
    }
}

/// URLs as messages show them: credentials in the authority replaced by `***`.
public enum URLText {
    /// `url` with any `user:password@` of its authority shown as `***@`.
    public static func redacted(_ url: String) -> String {
        guard let schemeEnd = url.firstRange(of: "://") else { return url }
        let rest = url[schemeEnd.upperBound...]
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
        guard let at = rest[..<authorityEnd].lastIndex(of: "@") else { return url }
        return String(url[..<schemeEnd.upperBound]) + "***" + String(rest[at...])
    }
}
