import HTTP

/// The transport of HTTP drivers: a client with its options, the source's base URL (checked
/// against the plain-HTTP rule, no trailing slash), the credentials, and where notes go.
public struct HTTPSource {
    public let client: HTTPClient
    public let baseURL: String
    public let credentials: Credentials
    /// Hears what a driver tried on the way (`-v`).
    public let note: (String) -> Void

    public init(client: HTTPClient, baseURL: String, credentials: Credentials, note: @escaping (String) -> Void = { _ in }) {
        self.client = client
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.credentials = credentials
        self.note = note
    }

    /// Sends `request`.
    /// - Throws: ``SourceError/transport(_:)`` when the exchange fails.
    func send(_ request: HTTPRequest) throws(SourceError) -> HTTPResponse {
        do {
            return try client.send(request)
        } catch {
            throw .transport(error)
        }
    }
}
