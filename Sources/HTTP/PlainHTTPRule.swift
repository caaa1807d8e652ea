/// bond's rule for plain `http://` (bond(1), OPTIONS AND INPUT): allowed
/// only when the URL's host, as written, is where meters and test nodes live: a loopback,
/// private (10/8, 172.16/12, 192.168/16, 100.64/10, fc00::/7) or link-local (169.254/16,
/// fe80::/10) address, `localhost`, a single-label name, or a name ending in `.local`, `.lan`
/// or `.home.arpa`. Anything else must be `https://` unless the user allows plain HTTP
/// explicitly. Redirects are checked by the same rule.
public enum PlainHTTPRule {
    /// Whether a request to `url` may go out; throws when it may not.
    /// - Throws: ``HTTPError/plainHTTPRefused(_:)`` for plain HTTP to another host, and
    ///   ``HTTPError/badURL(_:)`` for a URL that is not http or https.
    public static func check(_ url: String, allowHTTP: Bool) throws(HTTPError) {
        guard let parts = URLParts(url) else { throw .badURL(url) }
        switch parts.scheme {
        case "https": return
        case "http":
            if allowHTTP || isLocal(host: parts.host) { return }
            throw .plainHTTPRefused(url)
        default:
            throw .badURL(url)
        }
    }

    /// Whether `host` (lower case, IPv6 without brackets) is one plain HTTP may reach.
    public static func isLocal(host: String) -> Bool {
        if host == "localhost" || host.hasSuffix(".localhost") { return true }
        if let octets = ipv4(host) { return isLocalIPv4(octets) }
        if host.contains(":") { return isLocalIPv6(host) }
        if !host.contains(".") { return true }
        return host.hasSuffix(".local") || host.hasSuffix(".lan") || host.hasSuffix(".home.arpa")
    }

    /// The address `host` names when resolvers read it as IPv4, in any of the forms
    /// inet_aton(3) accepts (which libcurl's resolver does too): one to four parts, each
    /// decimal, octal (leading 0) or hex (0x), the last filling the remaining bytes, so that
    /// `134744072` and `0x08080808` are 8.8.8.8, not single-label names.
    private static func ipv4(_ host: String) -> [Int]? {
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...4).contains(parts.count) else { return nil }
        var values: [UInt64] = []
        for part in parts {
            let text = part.lowercased()
            let value: UInt64?
            if text.hasPrefix("0x") {
                value = text.count > 2 ? UInt64(text.dropFirst(2), radix: 16) : 0
            } else if text.hasPrefix("0") && text.count > 1 {
                value = UInt64(text.dropFirst(), radix: 8)
            } else {
                value = text.isEmpty ? nil : UInt64(text, radix: 10)
            }
            guard let value, value <= UInt64(UInt32.max) else { return nil }
            values.append(value)
        }
        let leading = values.dropLast()
        guard leading.allSatisfy({ $0 <= 255 }) else { return nil }
        let remaining = 4 - leading.count
        guard let last = values.last, last < (UInt64(1) << (8 * remaining)) else { return nil }
        var octets = leading.map { Int($0) }
        for index in stride(from: remaining - 1, through: 0, by: -1) {
            octets.append(Int(last >> (8 * UInt64(index)) & 0xFF))
        }
        return octets
    }

    private static func isLocalIPv4(_ o: [Int]) -> Bool {
        o[0] == 127 || o[0] == 10 || (o[0] == 172 && (16...31).contains(o[1])) || (o[0] == 192 && o[1] == 168)
            || (o[0] == 100 && (64...127).contains(o[1])) || (o[0] == 169 && o[1] == 254)
    }

    private static func isLocalIPv6(_ host: String) -> Bool {
        let address = host.split(separator: "%").first.map(String.init) ?? host
        if address == "::1" { return true }
        if let mapped = address.split(separator: ":").last, address.hasPrefix("::ffff:"), let octets = ipv4(String(mapped)) {
            return isLocalIPv4(octets)
        }
        guard let first = address.split(separator: ":", omittingEmptySubsequences: false).first,
              let group = UInt16(first, radix: 16) else { return false }
        return group & 0xFE00 == 0xFC00 || group & 0xFFC0 == 0xFE80
    }
}
