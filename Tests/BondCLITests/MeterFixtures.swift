import Foundation
import HTTP
import Testing

/// One test's namespace on the fixture server's energy data sources
/// (scripts/servers/meter_fixtures.py): service URLs, password files, and the server's
/// control endpoints. Each namespace has its own tokens, readings and request counts.
struct MeterFixtures {
    let base: String
    let directory: TemporaryDirectory

    init() throws {
        let server = try #require(ProcessInfo.processInfo.environment["BOND_FIXTURE_URL"],
                                  "the fixture server is not running: run the tests through scripts/test (make test)")
        base = "\(server)/ns/\(UUID().uuidString)"
        directory = try TemporaryDirectory()
    }

    /// The URL of `service` (eumel/v2.1.1, energy-api, watttime), behind `fault` when given.
    func url(_ service: String, fault: String? = nil) -> String {
        fault.map { "\(base)/fault/\($0)/\(service)" } ?? "\(base)/\(service)"
    }

    /// A password file (mode 600) holding `password` and a newline.
    func passwordFile(_ password: String, mode: Int = 0o600) throws -> String {
        let path = directory.path("password-\(UUID().uuidString)")
        try Data((password + "\n").utf8).write(to: URL(fileURLWithPath: path))
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
        return path
    }

    /// `--url … --user … --password-file …` for the fixture logger.
    func eumel(_ firmware: String = "v2.1.1", fault: String? = nil) throws -> [String] {
        ["--url", url("eumel/\(firmware)", fault: fault), "--user", "admin", "--password-file", try passwordFile("eumel-secret")]
    }

    /// `--url … --user … --password-file …` for the fixture Energy API.
    func energyAPI(fault: String? = nil) throws -> [String] {
        ["--url", url("energy-api", fault: fault), "--user", "utility", "--password-file", try passwordFile("energy-secret")]
    }

    /// `--url … --user … --password-file …` for the fixture WattTime service.
    func wattTime(fault: String? = nil) throws -> [String] {
        ["--url", url("watttime", fault: fault), "--user", "wt-user", "--password-file", try passwordFile("wt-secret")]
    }

    /// `{"logins": N, "requests": {PATH: N}}` of this namespace.
    func stats() throws -> [String: Any] {
        let response = try HTTPClient(options: HTTPOptions()).send(HTTPRequest(url: "\(base)/control/stats"))
        return try #require(try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any])
    }

    var logins: Int { ((try? stats())?["logins"] as? Int) ?? -1 }

    func requests(_ path: String) -> Int {
        (((try? stats())?["requests"] as? [String: Int]) ?? [:])[path] ?? 0
    }

    /// POSTs `body` to a control path (`energy-api/control/add`, `watttime/control/revoke`).
    func control(_ path: String, _ body: [String: Any] = [:]) throws {
        let data = try JSONSerialization.data(withJSONObject: body)
        let response = try HTTPClient(options: HTTPOptions()).send(HTTPRequest(method: "POST", url: "\(base)/\(path)", body: Array(data)))
        #expect(response.status == 200)
    }
}

extension BondBinary.Result {
    /// The one line printed, parsed.
    var line: [String: Any] { lines.first ?? [:] }
}
