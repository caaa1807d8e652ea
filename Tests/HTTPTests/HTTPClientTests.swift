import CCurlShim
import Foundation
import HTTP
import Testing

/// HTTPClient against the fixture server: real HTTP over loopback, through libcurl.
@Suite("HTTP client")
struct HTTPClientTests {
    static func client(retries: Int = 0, timeout: Duration = .seconds(10)) throws -> HTTPClient {
        var options = HTTPOptions()
        options.retries = retries
        options.timeout = timeout
        options.retryBaseDelay = .milliseconds(20)
        return try HTTPClient(options: options)
    }

    func json(_ response: HTTPResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any])
    }

    @Test("sends a POST with headers and body, and reads the answer")
    func echo() throws {
        let base = try TestServices.fixtureURL()
        let response = try Self.client().send(HTTPRequest(method: "POST", url: base + "/test/echo",
                                                          headers: [("Content-Type", "application/json"), ("X-Test", "1")],
                                                          body: Array(#"{"a":1}"#.utf8)))
        #expect(response.status == 200)
        let echoed = try json(response)
        #expect(echoed["method"] as? String == "POST" && echoed["body"] as? String == #"{"a":1}"#)
        let headers = try #require(echoed["headers"] as? [String: String])
        #expect(headers["X-Test"] == "1" && headers["Expect"] == nil)
        #expect(headers["User-Agent"] == "bond")
    }

    @Test("reuses one connection for successive requests")
    func connectionReuse() throws {
        let base = try TestServices.fixtureURL()
        let client = try Self.client()
        for _ in 0..<20 { #expect(try client.send(HTTPRequest(url: base + "/test/status/200")).status == 200) }
    }

    @Test("sends HTTP Basic credentials")
    func basicAuth() throws {
        let base = try TestServices.fixtureURL()
        let client = try Self.client()
        let good = try client.send(HTTPRequest(url: base + "/test/basic-auth/meter/s3cret", basicAuth: ("meter", "s3cret")))
        #expect(good.status == 200)
        let bad = try client.send(HTTPRequest(url: base + "/test/basic-auth/meter/s3cret", basicAuth: ("meter", "wrong")))
        #expect(bad.status == 401)
    }

    @Test("decompresses gzip bodies")
    func gzip() throws {
        let base = try TestServices.fixtureURL()
        let response = try Self.client().send(HTTPRequest(url: base + "/test/gzip"))
        #expect(try json(response)["compressed"] as? Bool == true)
    }

    @Test("follows redirects to allowed hosts, and checks each target by the plain-HTTP rule")
    func redirects() throws {
        let base = try TestServices.fixtureURL()
        let client = try Self.client()
        let followed = try client.send(HTTPRequest(url: base + "/test/redirect?code=307&to=" + base + "/test/status/200"))
        #expect(followed.status == 200)
        #expect(throws: HTTPError.redirectRefused(url: base + "/test/redirect?code=302&to=http://example.com/collect",
                                                  target: "http://example.com/collect")) {
            try client.send(HTTPRequest(url: base + "/test/redirect?code=302&to=http://example.com/collect"))
        }
        #expect(throws: HTTPError.tooManyRedirects(base + "/test/loop")) {
            try client.send(HTTPRequest(url: base + "/test/loop"))
        }
    }

    @Test("credentials go only to their origin: a redirect to another host or port drops them")
    func redirectDropsCredentials() throws {
        let base = try TestServices.fixtureURL()
        let other = base.replacingOccurrences(of: "127.0.0.1", with: "localhost")
        let client = try Self.client()
        func echo(_ target: String) throws -> [String: String] {
            let request = HTTPRequest(url: base + "/test/redirect?code=307&to=" + target,
                                      headers: [("X-API-Key", "k"), ("Authorization", "Bearer t"), ("X-Other", "kept")],
                                      basicAuth: ("admin", "pw"))
            return try #require(try json(client.send(request))["headers"] as? [String: String])
        }
        let same = try echo(base + "/test/echo")
        #expect(same["X-API-Key"] == "k" && same["Authorization"] == "Bearer t")
        let moved = try echo(other + "/test/echo")
        #expect(moved["X-API-Key"] == nil && moved["Authorization"] == nil)
        #expect(moved["X-Other"] == "kept")
    }

    @Test("retries 503s with backoff until the server recovers, within --retries")
    func retries() throws {
        let base = try TestServices.fixtureURL()
        let key = UUID().uuidString
        var notes: [String] = []
        let client = try Self.client(retries: 3)
        client.onRetry = { notes.append($0) }
        let response = try client.send(HTTPRequest(url: base + "/test/flaky/\(key)/2/503"))
        #expect(response.status == 200)
        #expect(try json(response)["attempts"] as? Int == 3)
        #expect(notes.count == 2 && notes[0].contains("answered HTTP 503; retry 1 of 3"))
        // Fewer retries than failures: the last answer is returned, 503.
        let exhausted = try Self.client(retries: 1).send(HTTPRequest(url: base + "/test/flaky/\(UUID().uuidString)/5/503"))
        #expect(exhausted.status == 503)
    }

    @Test("honours Retry-After on 429")
    func retryAfter() throws {
        let base = try TestServices.fixtureURL()
        let start = Date()
        let response = try Self.client(retries: 1).send(HTTPRequest(url: base + "/test/flaky/\(UUID().uuidString)/1/429?retry-after=1"))
        #expect(response.status == 200)
        #expect(Date().timeIntervalSince(start) >= 0.95)
    }

    @Test("a slow server times out; a closed port is unreachable; a cut body is a transfer error")
    func failures() throws {
        let base = try TestServices.fixtureURL()
        let slow = Result { try Self.client(timeout: .milliseconds(300)).send(HTTPRequest(url: base + "/test/slow/3000")) }
        guard case .failure(let timeout as HTTPError) = slow, case .timeout = timeout else {
            Issue.record("expected a timeout, got \(slow)")
            return
        }
        #expect(timeout.isTemporary)
        let closed = Result { try Self.client().send(HTTPRequest(url: "http://127.0.0.1:9/")) }
        guard case .failure(let unreachable as HTTPError) = closed, case .unreachable = unreachable else {
            Issue.record("expected unreachable, got \(closed)")
            return
        }
        let cut = Result { try Self.client().send(HTTPRequest(url: base + "/test/truncated")) }
        guard case .failure(let transfer as HTTPError) = cut, case .transfer = transfer else {
            Issue.record("expected a transfer error, got \(cut)")
            return
        }
    }

    @Test("verifies TLS peers: a plain-HTTP server spoken to as https fails the handshake")
    func tls() throws {
        let base = try TestServices.fixtureURL().replacingOccurrences(of: "http://", with: "https://")
        let result = Result { try Self.client().send(HTTPRequest(url: base + "/test/status/200")) }
        guard case .failure(let error as HTTPError) = result, case .tls = error else {
            Issue.record("expected a TLS failure, got \(result)")
            return
        }
    }

    @Test("a missing libcurl is named, with the package that provides it")
    func missingLibrary() {
        var message = [CChar](repeating: 0, count: 512)
        #expect(bond_curl_probe("libcurl-absent.so.4", &message, message.count) == -1)
        let text = String(cString: message)
        #expect(text.hasPrefix("cannot load libcurl-absent.so.4, which bond needs for HTTP (Debian package libcurl4): "))
    }
}
