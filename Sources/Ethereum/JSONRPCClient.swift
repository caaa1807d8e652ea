import Encoding
import HTTP

/// A JSON-RPC 2.0 client (jsonrpc.org specification) for Ethereum nodes, over ``HTTPClient``.
///
/// Single and batch calls; responses are matched to requests by id. What the node answers is
/// checked: an `error` object becomes ``JSONRPCFailure/rpc(_:)`` keeping the node's code,
/// message and data; anything that is not a JSON-RPC response (an HTML error page, a
/// truncated body, a wrong id) becomes ``JSONRPCFailure/malformed(_:)`` naming what arrived.
public final class JSONRPCClient {
    public let url: String
    private let http: HTTPClient
    private var nextID = 1

    public init(url: String, http: HTTPClient) {
        self.url = url
        self.http = http
    }

    /// Calls `method` with `params` and returns its `result`.
    /// - Throws: ``JSONRPCFailure``: the exchange failed, the node answered an error, or the
    ///   answer is not a JSON-RPC response to this request.
    public func call(_ method: String, _ params: [JSONValue] = []) throws(JSONRPCFailure) -> JSONValue {
        let id = nextID
        nextID += 1
        let request = JSONValue.object(JSONObjectValue([
            ("jsonrpc", .string("2.0")), ("id", .number(String(id))), ("method", .string(method)), ("params", .array(params)),
        ]))
        let response = try exchange(request, describing: method)
        return try JSONRPCClient.result(of: response, id: id, method: method)
    }

    /// Calls several methods in one batch; each call's result or error, in the order given.
    /// - Throws: ``JSONRPCFailure`` when the exchange fails or the answer is not an array; a
    ///   call's own error is its result.
    public func batch(_ calls: [(method: String, params: [JSONValue])]) throws(JSONRPCFailure) -> [Result<JSONValue, JSONRPCFailure>] {
        let firstID = nextID
        nextID += calls.count
        let requests = calls.enumerated().map { index, call in
            JSONValue.object(JSONObjectValue([
                ("jsonrpc", .string("2.0")), ("id", .number(String(firstID + index))),
                ("method", .string(call.method)), ("params", .array(call.params)),
            ]))
        }
        let response = try exchange(.array(requests), describing: "a batch of \(calls.count) calls")
        guard case .array(let answers) = response else {
            throw .malformed("a batch answered with \(response.kindDescription), not an array")
        }
        var byID: [String: JSONValue] = [:]
        for answer in answers {
            if case .number(let id)? = answer.objectValue?["id"] { byID[id] = answer }
        }
        return calls.enumerated().map { index, call in
            let id = firstID + index
            guard let answer = byID[String(id)] else {
                return .failure(.malformed("the batch answer lacks a response with id \(id) (\(call.method))"))
            }
            return Result { () throws(JSONRPCFailure) -> JSONValue in try JSONRPCClient.result(of: answer, id: id, method: call.method) }
        }
    }

    private func exchange(_ body: JSONValue, describing what: String) throws(JSONRPCFailure) -> JSONValue {
        var bytes: [UInt8] = []
        JSONWriter.append(body, to: &bytes)
        let response: HTTPResponse
        do {
            response = try http.send(HTTPRequest(method: "POST", url: url, headers: [("Content-Type", "application/json")], body: bytes))
        } catch {
            throw .http(error)
        }
        let parsed = try? JSONParser.parse(response.body)
        guard (200..<300).contains(response.status) else {
            // Some nodes answer errors with an HTTP error status and a JSON-RPC error body.
            if let parsed, let error = parsed.objectValue?["error"], let rpc = JSONRPCError(error) { throw .rpc(rpc) }
            throw .http(.status(url: url, code: response.status, message: JSONRPCClient.preview(response)))
        }
        guard let parsed else {
            throw .malformed("\(url) answered \(what) with \(JSONRPCClient.preview(response) ?? "an empty body"), not JSON")
        }
        return parsed
    }

    /// The result of one response object for request `id`.
    private static func result(of response: JSONValue, id: Int, method: String) throws(JSONRPCFailure) -> JSONValue {
        guard let object = response.objectValue else {
            throw .malformed("\(method) answered with \(response.kindDescription), not a JSON-RPC response object")
        }
        if let error = object["error"] {
            guard let rpc = JSONRPCError(error) else { throw .malformed("\(method) answered with an error that is not a JSON-RPC error object") }
            throw .rpc(rpc)
        }
        guard case .number(let answeredID)? = object["id"], answeredID == String(id) else {
            throw .malformed("\(method) answered with id \(object["id"].map { JSONWriter.text($0) } ?? "none"), expected \(id)")
        }
        guard let result = object["result"] else { throw .malformed("\(method) answered with neither result nor error") }
        return result
    }

    /// The start of a body that is not what was expected, for a message: its content type and
    /// up to 80 characters, control characters escaped.
    static func preview(_ response: HTTPResponse) -> String? {
        guard !response.body.isEmpty else { return nil }
        let text = String(decoding: response.body.prefix(80), as: UTF8.self)
            .unicodeScalars.map { $0.isUnsafeToShow ? " " : String($0) }.joined()
        let type = response.header("Content-Type").map { "\($0) " } ?? ""
        return "\(type)'\(text)\(response.body.count > 80 ? "…" : "")'"
    }
}
