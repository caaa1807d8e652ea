@testable import BondCLI
import Encoding
import Foundation
import Hashing
import Testing

/// What every driver of `bond read-meter` does, one row per driver (ARCHITECTURE.md, "Adding a
/// driver"): its fixture read saved and from the fixture service with the fields of its line,
/// refused credentials (401) exiting 77, a service down (503) exiting 75, and `--emit-failure`'s
/// meter_down line naming the meter. What is a driver's own is in its own file
/// (ReadMeterFileTests, ReadMeterHTTPTests, ReadMeterStateTests).
@Suite("Every read-meter driver keeps the driver contract")
struct DriverContractTests {
    /// One driver's row.
    struct Contract: Sendable, CustomTestStringConvertible {
        /// The verb: `eumel`.
        let driver: String
        /// "energy" or "carbon".
        let kind: String
        /// The fixture whose payload the reading is taken from (Tests/Fixtures/...).
        let fixture: String
        /// Options besides `--file FIXTURE` that read it saved.
        let saved: [String]
        /// The service under the fixture server's namespace (`eumel/v2.1.1`).
        let service: String
        /// Options besides the service's URL and login that ask it.
        let asking: [String]
        /// The fixture server's login for the service: user and password.
        let login: (user: String, password: String)
        /// JSON text the line must hold, saved or asked for.
        let fields: [String]
        /// What the meter_down line must say about which meter it is.
        let identity: [String: String]

        var testDescription: String { driver }
    }

    static let contracts: [Contract] = [
        Contract(driver: "eumel", kind: "energy", fixture: "eumel/eumel-v2.1.1.xml", saved: [], service: "eumel/v2.1.1", asking: [],
                 login: ("admin", "eumel-secret"), fields: ["\"energy_wh\": 336.12", "\"register\": \"import\"", "\"serial_number\":\"A8404118ABD2\""],
                 identity: ["register": "import"]),
        Contract(driver: "energy-api", kind: "energy", fixture: "energy-api/asset-7-energy.json",
                 saved: ["--asset-file", ReadMeterFileTests.fixture("energy-api/asset-7.json")], service: "energy-api",
                 asking: ["--asset-id", "7", "--since", "2018-03-15T00:00:00Z", "--until", "2018-03-16T00:00:00Z"],
                 login: ("utility", "energy-secret"), fields: ["\"energy_wh\": 250125", "\"register\": \"export\"", "\"asset_id\": \"7\""],
                 identity: ["asset_id": "7"]),
        Contract(driver: "watttime", kind: "carbon", fixture: "watttime/v3-signal-index.json", saved: [], service: "watttime",
                 asking: ["--region", "CAISO_NORTH"], login: ("wt-user", "wt-secret"),
                 fields: ["\"percentile\": 62", "\"signal_type\": \"co2_moer\"", "\"api\": \"v3\""], identity: ["region": "CAISO_NORTH", "api": "v3"]),
    ]

    @Test("every driver the registry lists has its row here")
    func everyDriverHasARow() {
        let registered = DriverRegistry.commands.map(\.name)
        #expect(registered.sorted() == Self.contracts.map(\.driver).sorted())
    }

    /// Fast failures: no retry, a short timeout.
    static let fast = ["--retries", "0", "--timeout", "2"]

    func asking(_ contract: Contract, _ fixtures: MeterFixtures, fault: String? = nil) throws -> [String] {
        ["read-meter", contract.driver, "--url", fixtures.url(contract.service, fault: fault), "--user", contract.login.user,
         "--password-file", try fixtures.passwordFile(contract.login.password)] + contract.asking + Self.fast
    }

    @Test("reads its fixture saved: the fields, the source, the payload's SHA-256 and the payload itself", arguments: contracts)
    func saved(contract: Contract) throws {
        let path = ReadMeterFileTests.fixture(contract.fixture)
        let result = try BondBinary.run(["read-meter", contract.driver, "--file", path, "--payload"] + contract.saved)
        #expect(result.status == 0, "\(result.stderr)")
        let line = result.line
        #expect(line["kind"] as? String == contract.kind)
        #expect(line["driver"] as? String == contract.driver)
        #expect(line["source"] as? String == path)
        for field in contract.fields { #expect(result.stdout.contains(field), "\(field)") }
        let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(line["payload_sha256"] as? String == Hex.encode(SHA256.hash(bytes)))
        #expect(line["payload"] as? String == String(decoding: bytes, as: UTF8.self))
    }

    @Test("reads the same from the service, as the fixture's user", arguments: contracts)
    func asked(contract: Contract) throws {
        let fixtures = try MeterFixtures()
        let result = try BondBinary.run(try asking(contract, fixtures))
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.line["source"] as? String == fixtures.url(contract.service))
        #expect(result.line["kind"] as? String == contract.kind)
        for field in contract.fields { #expect(result.stdout.contains(field), "\(field)") }
    }

    @Test("credentials refused (HTTP 401) exit 77; a service down (HTTP 503) exits 75; nothing on stdout", arguments: contracts)
    func failures(contract: Contract) throws {
        let fixtures = try MeterFixtures()
        let refused = try BondBinary.run(try asking(contract, fixtures, fault: "401"))
        #expect(refused.status == 77, "\(refused.stderr)")
        #expect(refused.stderr.contains("answered HTTP 401: "), "\(refused.stderr)")
        #expect(refused.stdout.isEmpty)
        let down = try BondBinary.run(try asking(contract, fixtures, fault: "503"))
        #expect(down.status == 75, "\(down.stderr)")
        #expect(down.stderr.contains("answered HTTP 503: the service is down for maintenance"), "\(down.stderr)")
        #expect(down.stdout.isEmpty)
        #expect(!(refused.stderr + down.stderr).contains(contract.login.password))
    }

    @Test("with --emit-failure, a service down is a meter_down line that names the meter, and exit 0", arguments: contracts)
    func meterDown(contract: Contract) throws {
        let fixtures = try MeterFixtures()
        let result = try BondBinary.run(try asking(contract, fixtures, fault: "503") + ["--emit-failure"])
        #expect(result.status == 0, "\(result.stderr)")
        let line = result.line
        #expect(line["kind"] as? String == contract.kind)
        #expect(line["driver"] as? String == contract.driver)
        #expect(line["source"] as? String == fixtures.url(contract.service, fault: "503"))
        #expect(line["meter_down"] as? Bool == true)
        for (key, value) in contract.identity { #expect(line[key] as? String == value, "\(key)") }
        #expect(line["payload_sha256"] is NSNull)
        let error = try #require(line["error"] as? [String: Any])
        #expect(error["exit_code"] as? Int == 75)
        #expect(error["http_status"] as? Int == 503)
    }
}
