import HTTP
import Testing

@Suite("The plain-HTTP rule")
struct PlainHTTPRuleTests {
    @Test("allows plain http to loopback, private, link-local and local names", arguments: [
        "http://127.0.0.1:8545", "http://localhost/", "http://10.1.2.3/rest", "http://172.16.0.1", "http://172.31.255.255",
        "http://192.168.1.20/wizard/public/api/rest", "http://100.64.0.9", "http://169.254.10.10", "http://[::1]:8545/",
        "http://[fd12:3456::1]/", "http://[fe80::1%25eth0]/", "http://meter/", "http://eumel.local/rest", "http://gateway.lan",
        "http://meter.home.arpa:8080/x", "http://user:pw@192.168.0.5/", "https://rpc.energyweb.org/",
        "http://2130706433/", "http://0x7f000001/", "http://127.1/", "http://10.0x10203/", "http://0300.0250.1.20/",
    ])
    func allowed(url: String) {
        #expect(throws: Never.self) { try PlainHTTPRule.check(url, allowHTTP: false) }
    }

    @Test("refuses plain http elsewhere unless allowed", arguments: [
        "http://rpc.example.com/", "http://8.8.8.8/", "http://172.32.0.1/", "http://100.128.0.1/", "http://[2001:db8::1]/",
        "http://192.168.1.20.example.com/", "http://localhost.example.com/",
        // inet_aton forms of public addresses: 8.8.8.8 and 93.184.216.34, not single-label names.
        "http://134744072/", "http://0x08080808/", "http://0x5db8d822/", "http://8.526344/", "http://010.010.010.010.example/",
    ])
    func refused(url: String) {
        #expect(throws: HTTPError.plainHTTPRefused(url)) { try PlainHTTPRule.check(url, allowHTTP: false) }
        #expect(throws: Never.self) { try PlainHTTPRule.check(url, allowHTTP: true) }
    }

    @Test("refuses what is not an http or https URL", arguments: ["ftp://host/", "127.0.0.1:8545", "http://", "file:///etc/passwd", "http://host:99999/"])
    func notHTTP(url: String) {
        #expect(throws: HTTPError.badURL(url)) { try PlainHTTPRule.check(url, allowHTTP: true) }
    }

    @Test("credentials in a URL never reach a message")
    func redaction() {
        #expect(URLText.redacted("http://admin:secret@192.168.1.20/rest") == "http://***@192.168.1.20/rest")
        #expect(URLText.redacted("https://node.example/path@x") == "https://node.example/path@x")
        #expect(HTTPError.status(url: "http://a:b@h/x", code: 500, message: nil).description == "http://***@h/x answered HTTP 500")
    }

    @Test("parses the host and port of a URL as written")
    func urlParts() throws {
        let parts = try #require(URLParts("HTTP://User:Pass@EUMEL.Local:8080/rest?x=1#y"))
        #expect(parts.scheme == "http" && parts.host == "eumel.local" && parts.port == 8080)
        #expect(URLParts("https://[::1]:8545")?.host == "::1")
    }
}
