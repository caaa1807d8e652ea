import HTTP

/// The Verbund Eumel data logger over HTTP: its SunSpec XML at `/wizard/public/api/rest`
/// (firmware v2.1.1) or `/rest` (v1.0), behind HTTP Basic auth.
public enum Eumel {
    /// Which firmware's endpoint to ask.
    public enum Firmware: String, CaseIterable, Sendable {
        /// v2.1.1 first, then v1.0 if that endpoint does not exist (404).
        case auto
        case v1 = "v1.0"
        case v2 = "v2.1.1"

        var endpoints: [String] {
            switch self {
            case .auto: return ["/wizard/public/api/rest", "/rest"]
            case .v1: return ["/rest"]
            case .v2: return ["/wizard/public/api/rest"]
            }
        }
    }

    /// Fetches the logger's document: its body and the endpoint that answered. With
    /// ``Firmware/auto``, a 404 from v2.1.1's endpoint moves on to v1.0's (the source's `note`
    /// hears it); when neither exists, the error names both.
    /// - Throws: ``SourceError``.
    public static func fetch(over source: HTTPSource, firmware: Firmware) throws(SourceError) -> (payload: [UInt8], endpoint: String) {
        let base = source.baseURL
        let endpoints = firmware.endpoints
        for (index, endpoint) in endpoints.enumerated() {
            var request = HTTPRequest(url: base + endpoint)
            source.credentials.apply(&request)
            let response = try source.send(request)
            if response.status == 404 && index + 1 < endpoints.count {
                source.note("\(response.url) answered HTTP 404: not firmware v2.1.1; trying v1.0's \(endpoints[index + 1])")
                continue
            }
            if response.status == 404 && endpoints.count > 1 {
                throw .refused(url: base, status: 404,
                               message: "no Eumel endpoint here: \(endpoints.joined(separator: " and ")) both answered HTTP 404")
            }
            _ = try SourceError.check(response, credentials: source.credentials.name)
            return (response.body, endpoint)
        }
        throw .refused(url: base, status: 404, message: "no Eumel endpoint answered")
    }
}
