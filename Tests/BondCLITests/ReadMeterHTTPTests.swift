import Foundation
import Testing

/// `bond read-meter` over HTTP against the fixture server's energy data sources
/// (scripts/servers/meter_fixtures.py): every expected value of the fixture READMEs.
@Suite("bond read-meter over HTTP")
struct ReadMeterHTTPTests {
    func read(_ arguments: [String], environment: [String: String]? = nil) throws -> BondBinary.Result {
        let result = try BondBinary.run(["read-meter"] + arguments, environment: environment)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdoutLines.count == 1)
        return result
    }

    @Test("eumel: auto finds each firmware's endpoint; --firmware asks one; Basic auth")
    func eumel() throws {
        let fixtures = try MeterFixtures()
        let v1 = try read(["eumel"] + fixtures.eumel("v1.0"))
        #expect(v1.stdout.contains("\"energy_wh\": 123.45"))
        #expect(v1.line["endpoint"] as? String == "/rest")
        #expect(v1.line["measured_at"] as? String == "2017-11-17T15:45:43Z")
        let v2 = try read(["eumel", "--register", "export"] + fixtures.eumel("v2.1.1"))
        #expect(v2.stdout.contains("\"energy_wh\": 11277.41"))
        #expect(v2.line["endpoint"] as? String == "/wizard/public/api/rest")
        let explicit = try read(["eumel", "--firmware", "v2.1.1"] + fixtures.eumel("v2.1.1"))
        #expect(explicit.stdout.contains("\"energy_wh\": 336.12"))
        #expect((explicit.line["device"] as? [String: Any])?["serial_number"] as? String == "A8404118ABD2")
        // auto asked v2.1.1's endpoint of the v1.0 logger first, then /rest.
        #expect(fixtures.requests("/eumel/v1.0/wizard/public/api/rest") == 1)
        #expect(fixtures.requests("/eumel/v1.0/rest") == 1)
        // The password from the environment works as well as from a file.
        let fromEnvironment = try read(["eumel", "--url", fixtures.url("eumel/v2.1.1"), "--user", "admin"],
                                       environment: ["BOND_METER_PASSWORD": "eumel-secret"])
        #expect(fromEnvironment.stdout.contains("\"energy_wh\": 336.12"))
    }

    @Test("eumel: a gzip-encoded answer reads the same")
    func gzip() throws {
        let fixtures = try MeterFixtures()
        let result = try read(["eumel"] + fixtures.eumel("v2.1.1", fault: "gzip"))
        #expect(result.stdout.contains("\"energy_wh\": 336.12"))
    }

    @Test("energy-api: asset 7 totals and asset 8 intervals in a window; Basic auth or X-API-Key")
    func energyAPI() throws {
        let fixtures = try MeterFixtures()
        let window = ["--since", "2018-03-15T00:00:00Z", "--until", "2018-03-16T00:00:00Z"]
        let seven = try read(["energy-api", "--asset-id", "7"] + window + fixtures.energyAPI())
        #expect(seven.stdout.contains("\"energy_wh\": 250125"))
        #expect(seven.line["measured_at"] as? String == "2018-03-15T14:30:00Z")
        #expect(seven.line["register"] as? String == "export")
        let key = try fixtures.passwordFile("energy-key-1")
        let eight = try read(["energy-api", "--asset-id", "8", "--url", fixtures.url("energy-api"), "--api-key-file", key] + window)
        #expect(eight.stdout.contains("\"energy_wh\": 84328"))
        #expect(eight.line["measured_at"] as? String == "2018-03-15T12:30:00Z")
        #expect(eight.line["is_accumulated"] as? Bool == false)
        // A window holding only the first two readings of asset 8 (the third is 12:30Z too).
        let part = try read(["energy-api", "--asset-id", "8", "--since", "2018-03-15T10:00:00Z", "--until", "2018-03-15T11:00:00Z"]
                            + fixtures.energyAPI())
        #expect(part.stdout.contains("\"energy_wh\": 12304"))
    }

    @Test("energy-api: the default window (the last 75 minutes) holds none of the 2018 readings: nothing printed, a note at -v")
    func defaultWindow() throws {
        let fixtures = try MeterFixtures()
        let result = try BondBinary.run(["read-meter", "energy-api", "--asset-id", "8", "-v"] + fixtures.energyAPI())
        #expect(result.status == 0)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("bond read-meter: note: asset 8 has no measurements between "))
        let required = try BondBinary.run(["read-meter", "energy-api", "--asset-id", "8", "--require-reading"] + fixtures.energyAPI())
        #expect(required.status == 65)
    }

    @Test("watttime: v1, v2 and v3 log in and read the region's signal", arguments: [
        (["--api", "v1", "--region", "PJM"], ["\"moer_lb_per_mwh\": 1421.6", "\"co2_kg_per_wh\": 0.000644826913192", "\"region\": \"PJM\""]),
        (["--api", "v2", "--region", "CAISO_NORTH"], ["\"moer_lb_per_mwh\": 850.743982", "\"percentile\": 53", "\"co2_kg_per_wh\": 0.00038589097905861734"]),
        (["--region", "CAISO_NORTH"], ["\"percentile\": 62", "\"measured_at\": \"2024-05-14T16:05:00Z\"", "\"api\": \"v3\""]),
        (["--signal", "moer", "--region", "CAISO_NORTH"], ["\"moer_lb_per_mwh\": 872.1", "\"co2_kg_per_wh\": 0.000395577905877", "\"measured_at\": \"2024-05-14T16:10:00Z\""]),
        (["--latitude", "39.7392", "--longitude", "-104.9903"], ["\"region\": \"PSCO\"", "\"latitude\":39.7392", "\"longitude\":-104.9903", "\"percentile\": 62"]),
        (["--api", "v2", "--latitude", "39.7392", "--longitude", "-104.9903"], ["\"region\": \"PSCO\"", "\"moer_lb_per_mwh\": 850.743982"]),
    ])
    func wattTime(arguments: [String], expected: [String]) throws {
        let fixtures = try MeterFixtures()
        let result = try read(["watttime"] + arguments + fixtures.wattTime())
        for text in expected {
            #expect(result.stdout.contains(text), "\(text) in \(result.stdout)")
        }
        #expect(fixtures.logins == 1)
    }

    @Test("--payload carries the data answer; payload_sha256 is its hash")
    func payload() throws {
        let fixtures = try MeterFixtures()
        let result = try read(["watttime", "--api", "v2", "--region", "CAISO_NORTH", "--payload"] + fixtures.wattTime())
        let payload = try #require(result.line["payload"] as? String)
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(payload.utf8)) as? [String: String])
        #expect(parsed["moer"] == "850.743982")
    }
}
