import Foundation
import Testing

/// What `bond read-meter` keeps between cron runs: the WattTime token cache and the Energy
/// API cursor.
@Suite("bond read-meter state between runs")
struct ReadMeterStateTests {
    @Test("the token cache is reused across runs (one login), and refreshed once after a 401")
    func tokenCache() throws {
        let fixtures = try MeterFixtures()
        let cache = fixtures.directory.path("watttime.token")
        let arguments = ["read-meter", "watttime", "--region", "CAISO_NORTH", "--token-cache", cache, "-v"] + (try fixtures.wattTime())
        let first = try BondBinary.run(arguments)
        #expect(first.status == 0, "\(first.stderr)")
        let second = try BondBinary.run(arguments)
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stderr.contains("using the token cached in"))
        #expect(fixtures.logins == 1)
        let mode = try FileManager.default.attributesOfItem(atPath: cache)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        // The service forgets the token: the next run is refused once, logs in again and reads.
        try fixtures.control("watttime/control/revoke")
        let third = try BondBinary.run(arguments)
        #expect(third.status == 0, "\(third.stderr)")
        #expect(third.stderr.contains("the cached token was refused; logging in again"))
        #expect(third.stdout.contains("\"percentile\": 62"))
        #expect(fixtures.logins == 2)
        let fourth = try BondBinary.run(arguments)
        #expect(fourth.status == 0)
        #expect(fixtures.logins == 2)
    }

    @Test("without a cache every run logs in; v1 tokens are cached too")
    func noCache() throws {
        let fixtures = try MeterFixtures()
        let arguments = ["read-meter", "watttime", "--api", "v1", "--region", "PJM"] + (try fixtures.wattTime())
        for _ in 0..<2 { #expect(try BondBinary.run(arguments).status == 0) }
        #expect(fixtures.logins == 2)
        let cache = fixtures.directory.path("v1.token")
        for _ in 0..<2 { #expect(try BondBinary.run(arguments + ["--token-cache", cache]).status == 0) }
        #expect(fixtures.logins == 3)
    }

    @Test("the cursor file over runs with new readings in between: nothing counted twice")
    func cursor() throws {
        let fixtures = try MeterFixtures()
        let cursor = fixtures.directory.path("asset-8.cursor")
        let arguments = ["read-meter", "energy-api", "--asset-id", "8", "--cursor-file", cursor, "--since", "2018-03-15T00:00:00Z",
                         "--until", "2018-03-16T00:00:00Z", "-v"] + (try fixtures.energyAPI())
        let first = try BondBinary.run(arguments)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("\"energy_wh\": 84328"))
        #expect(try String(contentsOfFile: cursor, encoding: .utf8).contains("\"measured_epoch\":1521117000"))

        try fixtures.control("energy-api/control/add", ["asset": 8, "readings": [["energy": 100, "measurementTime": "2018-03-15T13:00:00Z"]]])
        let second = try BondBinary.run(arguments)
        #expect(second.stdout.contains("\"energy_wh\": 100,"))
        #expect(second.line["measured_at"] as? String == "2018-03-15T13:00:00Z")

        let third = try BondBinary.run(arguments)
        #expect(third.status == 0)
        #expect(third.stdout.isEmpty)
        #expect(third.stderr.contains("after the cursor's 2018-03-15T13:00:00Z: nothing to report"))

        try fixtures.control("energy-api/control/add", ["asset": 8, "readings": [
            ["energy": 7.5, "measurementTime": "2018-03-15T13:30:00+00:00"], ["energy": 0.25, "measurementTime": "2018-03-15T15:45:00+02:00"],
        ]])
        let fourth = try BondBinary.run(arguments)
        #expect(fourth.stdout.contains("\"energy_wh\": 7.75,"))
        #expect(fourth.line["measured_at"] as? String == "2018-03-15T13:45:00Z")
        #expect(try String(contentsOfFile: cursor, encoding: .utf8).contains("\"measured_at\":\"2018-03-15T13:45:00Z\""))
    }

    @Test("a failed read leaves the cursor where it was; another asset's cursor is refused (65)")
    func cursorSafety() throws {
        let fixtures = try MeterFixtures()
        let cursor = fixtures.directory.path("asset.cursor")
        let window = ["--cursor-file", cursor, "--since", "2018-03-15T00:00:00Z", "--until", "2018-03-16T00:00:00Z"]
        #expect(try BondBinary.run(["read-meter", "energy-api", "--asset-id", "7"] + window + fixtures.energyAPI()).status == 0)
        let saved = try String(contentsOfFile: cursor, encoding: .utf8)
        let failed = try BondBinary.run(["read-meter", "energy-api", "--asset-id", "7", "--retries", "0"] + window + fixtures.energyAPI(fault: "500"))
        #expect(failed.status == 75)
        #expect(try String(contentsOfFile: cursor, encoding: .utf8) == saved)
        let other = try BondBinary.run(["read-meter", "energy-api", "--asset-id", "8"] + window + fixtures.energyAPI())
        #expect(other.status == 65)
        #expect(other.stderr.hasSuffix("belongs to asset 7, not 8: give each asset its own cursor file\n"))
    }
}
