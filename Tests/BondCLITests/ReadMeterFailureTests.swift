import Foundation
import Testing

/// How `bond read-meter` fails: refused credentials 77, temporary failures 75 (after the
/// retries), other refusals 69 with the service's message, payloads it cannot read 65; and
/// `--emit-failure`, which turns each into a meter_down line.
@Suite("bond read-meter failures")
struct ReadMeterFailureTests {
    static let fast = ["--retries", "0", "--timeout", "1"]

    @Test("each failure of the source exits with its status and says what happened", arguments: [
        ("401", 77, "answered HTTP 401: the credentials of user 'admin' refused"),
        ("401html", 77, "answered HTTP 401: the credentials of user 'admin' refused"),
        ("403", 77, "answered HTTP 403: the credentials of user 'admin' refused"),
        ("429", 75, "answered HTTP 429: rate limit exceeded"),
        ("500", 75, "answered HTTP 500: database unavailable"),
        ("502html", 75, "answered HTTP 502\n"),
        ("400", 69, "answered HTTP 400: the query is not one this service answers"),
        ("404", 69, "answered HTTP 404: no Eumel endpoint here: /wizard/public/api/rest and /rest both answered HTTP 404"),
        ("truncated", 75, "transfer closed with"),
        ("slow-3000", 75, "timed out"),
        ("empty", 65, "error: the XML document is empty (line 1)"),
        ("garbage", 65, "error: malformed XML at line 1: "),
    ])
    func failures(fault: String, status: Int32, message: String) throws {
        let fixtures = try MeterFixtures()
        let result = try BondBinary.run(["read-meter", "eumel"] + fixtures.eumel(fault: fault) + Self.fast)
        #expect(result.status == status, "\(result.stderr)")
        #expect(result.stderr.hasPrefix("bond read-meter: error: "))
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        #expect(!result.stderr.contains("eumel-secret"))
    }

    @Test("wrong credentials exit 77 without showing the password")
    func wrongPassword() throws {
        let fixtures = try MeterFixtures()
        let file = try fixtures.passwordFile("not-the-password")
        let result = try BondBinary.run(["read-meter", "eumel", "--url", fixtures.url("eumel/v2.1.1"), "--user", "admin", "--password-file", file])
        #expect(result.status == 77)
        #expect(result.stderr.hasSuffix("/wizard/public/api/rest answered HTTP 401: the credentials of user 'admin' refused\n"))
        #expect(!result.stderr.contains("not-the-password"))
        let login = try BondBinary.run(["read-meter", "watttime", "--region", "X", "--url", fixtures.url("watttime"), "--user", "wt-user", "--password-file", file])
        #expect(login.status == 77)
        #expect(login.stderr.hasSuffix("/login answered HTTP 403: the WattTime credentials of user 'wt-user' refused (invalid username or password)\n"))
        // v1 refuses a wrong password with 400, as Django REST framework does: still 77.
        let v1 = try BondBinary.run(["read-meter", "watttime", "--api", "v1", "--region", "PJM", "--url", fixtures.url("watttime"),
                                     "--user", "wt-user", "--password-file", file])
        #expect(v1.status == 77)
        #expect(v1.stderr.hasSuffix("/api/v1/obtain-token-auth/ answered HTTP 400: the WattTime credentials of user 'wt-user' refused (Unable to log in with provided credentials.)\n"))
        #expect(!v1.stderr.contains("not-the-password"))
    }

    @Test("429 and 5xx are retried (Retry-After honoured) before exiting 75")
    func retries() throws {
        let fixtures = try MeterFixtures()
        let result = try BondBinary.run(["read-meter", "eumel", "--retries", "2", "-v"] + fixtures.eumel(fault: "429"))
        #expect(result.status == 75)
        #expect(fixtures.requests("/fault/429/eumel/v2.1.1/wizard/public/api/rest") == 3)
        #expect(result.stderr.contains("retry 2 of 2"))
    }

    @Test("an unreachable logger or an unknown host exits 75")
    func unreachable() throws {
        let refused = try BondBinary.run(["read-meter", "eumel", "--url", "http://127.0.0.1:1"] + Self.fast)
        #expect(refused.status == 75)
        #expect(refused.stderr.hasPrefix("bond read-meter: error: cannot reach http://127.0.0.1:1/wizard/public/api/rest: "))
        let unknown = try BondBinary.run(["read-meter", "eumel", "--url", "https://meter.invalid", "--timeout", "3", "--retries", "0"])
        #expect(unknown.status == 75, "\(unknown.stderr)")
    }

    @Test("the service's own message for other 4xx: an unknown asset, a region the account may not read")
    func serviceMessages() throws {
        let fixtures = try MeterFixtures()
        let asset = try BondBinary.run(["read-meter", "energy-api", "--asset-id", "9"] + fixtures.energyAPI())
        #expect(asset.status == 69)
        #expect(asset.stderr.hasSuffix("/asset/9 answered HTTP 404: Asset with this id doesn`t exist\n"))
        let region = try BondBinary.run(["read-meter", "watttime", "--region", "FORBIDDEN"] + fixtures.wattTime())
        #expect(region.status == 77)
        #expect(region.stderr.hasSuffix("/v3/signal-index?region=FORBIDDEN&signal_type=co2_moer answered HTTP 403: the WattTime token of user 'wt-user' refused (your account has no access to region FORBIDDEN)\n"))
        let noKey = try BondBinary.run(["read-meter", "energy-api", "--asset-id", "7", "--url", fixtures.url("energy-api")])
        #expect(noKey.status == 77)
        #expect(noKey.stderr.hasSuffix("/asset/7 answered HTTP 401: access without credentials refused (no valid credentials or API key)\n"))
        // Neither Eumel endpoint exists: both are named.
        let nowhere = try BondBinary.run(["read-meter", "eumel", "-v"] + fixtures.eumel("v9"))
        #expect(nowhere.status == 69)
        #expect(nowhere.stderr.contains("note: \(fixtures.url("eumel/v9"))/wizard/public/api/rest answered HTTP 404: not firmware v2.1.1; trying v1.0's /rest"))
        #expect(nowhere.stderr.hasSuffix("/eumel/v9 answered HTTP 404: no Eumel endpoint here: /wizard/public/api/rest and /rest both answered HTTP 404\n"))
    }

    @Test("--emit-failure prints a meter_down line for each kind of failure and exits 0", arguments: [
        ("eumel", "401", 77, 401), ("eumel", "500", 75, 500), ("eumel", "400", 69, 400), ("eumel", "empty", 65, nil),
        ("eumel", "truncated", 75, nil), ("energy-api", "403", 77, 403), ("watttime", "429", 75, 429), ("watttime", "garbage", 65, nil),
    ] as [(String, String, Int, Int?)])
    func emitFailure(driver: String, fault: String, exitCode: Int, httpStatus: Int?) throws {
        let fixtures = try MeterFixtures()
        let source: [String]
        switch driver {
        case "eumel": source = try fixtures.eumel(fault: fault)
        case "energy-api": source = try ["--asset-id", "7"] + fixtures.energyAPI(fault: fault)
        default: source = try ["--region", "CAISO_NORTH"] + fixtures.wattTime(fault: fault)
        }
        let result = try BondBinary.run(["read-meter", driver, "--emit-failure"] + source + Self.fast)
        #expect(result.status == 0, "\(result.stderr)")
        let line = result.line
        #expect(line["kind"] as? String == (driver == "watttime" ? "carbon" : "energy"))
        #expect(line["driver"] as? String == driver)
        #expect(line["source"] as? String == fixtures.url(driver == "eumel" ? "eumel/v2.1.1" : driver, fault: fault))
        switch driver {
        case "eumel": #expect(line["register"] as? String == "import")
        case "energy-api": #expect(line["asset_id"] as? String == "7")
        default: #expect(line["region"] as? String == "CAISO_NORTH")
        }
        #expect(line["meter_down"] as? Bool == true)
        #expect(line["payload_sha256"] is NSNull)
        let error = try #require(line["error"] as? [String: Any])
        #expect(error["exit_code"] as? Int == exitCode)
        if let httpStatus { #expect(error["http_status"] as? Int == httpStatus) } else { #expect(error["http_status"] is NSNull) }
        #expect((error["message"] as? String)?.isEmpty == false)
        #expect(result.stderr.contains("printing a meter_down line"))
        #expect(abs((line["accessed_epoch"] as? Int ?? 0) - Int(Date().timeIntervalSince1970)) < 60)
    }

    @Test("a source that misbehaves is refused: a redirect to a public host (69), a token with a header in it (65)")
    func misbehaving() throws {
        let fixtures = try MeterFixtures()
        let redirect = try BondBinary.run(["read-meter", "eumel", "--emit-failure"] + fixtures.eumel(fault: "redirect-public"))
        #expect(redirect.status == 0)
        #expect((redirect.line["error"] as? [String: Any])?["exit_code"] as? Int == 69)
        let plain = try BondBinary.run(["read-meter", "eumel"] + fixtures.eumel(fault: "redirect-public"))
        #expect(plain.status == 69)
        #expect(plain.stderr.hasSuffix("redirected to 'http://example.com/collect', which bond does not follow (not https, or not http to a local network)\n"))
        let token = try BondBinary.run(["read-meter", "watttime", "--region", "CAISO_NORTH"] + fixtures.wattTime(fault: "bad-token"))
        #expect(token.status == 65)
        #expect(token.stderr.hasSuffix("error: /token holds characters a token cannot (only visible ASCII)\n"))
    }

    @Test("measurements outside the window asked for do not count and do not move the cursor")
    func outsideWindow() throws {
        let fixtures = try MeterFixtures()
        try fixtures.control("energy-api/control/add", ["asset": 8, "readings": [["energy": 1, "measurementTime": "2099-01-01T00:00:00Z"]]])
        let cursor = fixtures.directory.path("cursor")
        let result = try BondBinary.run(["read-meter", "energy-api", "--asset-id", "8", "--since", "2018-03-15T00:00:00Z", "--until",
                                         "2018-03-16T00:00:00Z", "--cursor-file", cursor] + fixtures.energyAPI(fault: "ignore-window"))
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("\"energy_wh\": 84328,"))
        #expect(try String(contentsOfFile: cursor, encoding: .utf8).contains("2018-03-15T12:30:00Z"))
    }

    @Test("--emit-failure leaves usage errors alone: they still exit 64")
    func emitFailureUsage() throws {
        let result = try BondBinary.run(["read-meter", "eumel", "--emit-failure"])
        #expect(result.status == 64)
        #expect(result.stdout.isEmpty)
    }
}
