import Encoding
import HTTP

extension SourceError {
    /// Checks `response`: 2xx passes; errors become ``SourceError``s with the service's message.
    /// - Throws: ``SourceError/unauthorized(url:status:credentials:message:)`` for 401 and 403
    ///   (naming `credentials`), ``SourceError/unavailable(url:status:message:)`` for 429 and
    ///   5xx, ``SourceError/refused(url:status:message:)`` for the rest.
    static func check(_ response: HTTPResponse, credentials: String) throws(SourceError) -> HTTPResponse {
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
