@testable import BondCLI
import Encoding
import Foundation
import Hashing
import Testing

/// What every driver of `bond read-meter` does, one row per driver (ARCHITECTURE.md, "Adding a
/// driver"): its fixture read saved and from its peer (the fixture service, or the Modbus peer)
/// with the fields of its line, a refusal (HTTP 401: 77; a Modbus exception: 69) and a source
/// down (HTTP 503, a gateway's exception 0x0B: 75), and `--emit-failure`'s meter_down line
/// naming the meter. What is a driver's own is in its own file (ReadMeterFileTests,
/// ReadMeterHTTPTests, ReadMeterStateTests, ReadMeterSunSpecTests).
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
        /// Where the driver asks.
        let peer: Peer
        /// Options besides the peer's address (and login) that ask it.
        let asking: [String]
        /// JSON text the line must hold, saved or asked for.
        let fields: [String]
        /// What the meter_down line must say about which meter it is.
        let identity: [String: String]

        var testDescription: String { driver }
    }

    /// A driver's peer in the tests: a service of the fixture server (its path under the
    /// server's namespace, `eumel/v2.1.1`, and its login), or a unit of the Modbus peer.
    enum Peer: Sendable {
        case http(service: String, login: (user: String, password: String))
        case modbus(unit: String)

        /// The fault that refuses (HTTP 401; a unit answering exception 0x04), its exit status and
        /// what stderr says.
        var refusal: (fault: String, status: Int32, message: String) {
            switch self {
            case .http: return ("401", 77, "answered HTTP 401: ")
            case .modbus: return ("12", 69, "with exception 0x04 SERVER DEVICE FAILURE")
            }
        }

        /// The fault of a source down for now (HTTP 503; a gateway's exception 0x0B).
        var down: (fault: String, message: String, httpStatus: Int?) {
            switch self {
            case .http: return ("503", "answered HTTP 503: the service is down for maintenance", 503)
            case .modbus: return ("11", "with exception 0x0B GATEWAY TARGET DEVICE FAILED TO RESPOND", nil)
            }
        }
    }

    static let contracts: [Contract] = [
        Contract(driver: "eumel", kind: "energy", fixture: "eumel/eumel-v2.1.1.xml", saved: [],
                 peer: .http(service: "eumel/v2.1.1", login: ("admin", "eumel-secret")), asking: [], fields: ["\"energy_wh\": 336.12", "\"register\": \"import\"", "\"serial_number\":\"A8404118ABD2\""],
                 identity: ["register": "import"]),
        Contract(driver: "energy-api", kind: "energy", fixture: "energy-api/asset-7-energy.json",
                 saved: ["--asset-file", ReadMeterFileTests.fixture("energy-api/asset-7.json")],
                 peer: .http(service: "energy-api", login: ("utility", "energy-secret")),
                 asking: ["--asset-id", "7", "--since", "2018-03-15T00:00:00Z", "--until", "2018-03-16T00:00:00Z"], fields: ["\"energy_wh\": 250125", "\"register\": \"export\"", "\"asset_id\": \"7\""],
                 identity: ["asset_id": "7"]),
        Contract(driver: "watttime", kind: "carbon", fixture: "watttime/v3-signal-index.json", saved: [],
                 peer: .http(service: "watttime", login: ("wt-user", "wt-secret")), asking: ["--region", "CAISO_NORTH"],
                 fields: ["\"percentile\": 62", "\"signal_type\": \"co2_moer\"", "\"api\": \"v3\""], identity: ["region": "CAISO_NORTH", "api": "v3"]),
        Contract(driver: "sunspec", kind: "energy", fixture: "sunspec/symo-meter-203.json", saved: [], peer: .modbus(unit: "1"), asking: [],
                 fields: ["\"energy_wh\": 123456.78", "\"register\": \"import\"", "\"serial_number\":\"34118221\"", "\"model\":203"],
                 identity: ["register": "import"]),
    ]

    @Test("every driver the registry lists has its row here")
    func everyDriverHasARow() {
        let registered = DriverRegistry.commands.map(\.name)
        #expect(registered.sorted() == Self.contracts.map(\.driver).sorted())
    }

    /// Fast failures: no retry, a short timeout.
    static let fast = ["--retries", "0", "--timeout", "2"]

    /// The command that asks the contract's peer, behind `fault` when given.
    func asking(_ contract: Contract, _ fixtures: MeterFixtures, fault: String? = nil) throws -> [String] {
        switch contract.peer {
        case .http(let service, let login):
            return ["read-meter", contract.driver, "--url", fixtures.url(service, fault: fault), "--user", login.user,
                    "--password-file", try fixtures.passwordFile(login.password)] + contract.asking + Self.fast
        case .modbus(let unit):
            return ["read-meter", contract.driver, "--host", try ModbusPeer.tcp(), "--unit-id", fault ?? unit] + contract.asking + Self.fast
        }
    }

    /// How the line names the peer, behind `fault` when given.
    func source(_ contract: Contract, _ fixtures: MeterFixtures, fault: String? = nil) throws -> String {
        switch contract.peer {
        case .http(let service, _): return fixtures.url(service, fault: fault)
        case .modbus: return try ModbusPeer.tcp()
        }
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
        switch contract.peer {
        case .http:
            #expect(line["payload_sha256"] as? String == Hex.encode(SHA256.hash(bytes)))
            #expect(line["payload"] as? String == String(decoding: bytes, as: UTF8.self))
        case .modbus:
            // The hash is over the registers; the payload is the dump itself.
            let dump = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? NSDictionary)
            let registers = try Hex.decode(try #require(dump["registers"] as? String))
            #expect(line["payload_sha256"] as? String == Hex.encode(SHA256.hash(registers)))
            #expect((line["payload"] as? NSDictionary) == dump)
        }
    }

    @Test("reads the same from the service, as the fixture's user", arguments: contracts)
    func asked(contract: Contract) throws {
        let fixtures = try MeterFixtures()
        let result = try BondBinary.run(try asking(contract, fixtures))
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.line["source"] as? String == (try source(contract, fixtures)))
        #expect(result.line["kind"] as? String == contract.kind)
        for field in contract.fields { #expect(result.stdout.contains(field), "\(field)") }
    }

    @Test("a refusal (credentials: 77; a Modbus exception: 69) and a source down for now (75); nothing on stdout", arguments: contracts)
    func failures(contract: Contract) throws {
        let fixtures = try MeterFixtures()
        let refusal = contract.peer.refusal
        let refused = try BondBinary.run(try asking(contract, fixtures, fault: refusal.fault))
        #expect(refused.status == refusal.status, "\(refused.stderr)")
        #expect(refused.stderr.contains(refusal.message), "\(refused.stderr)")
        #expect(refused.stdout.isEmpty)
        let down = try BondBinary.run(try asking(contract, fixtures, fault: contract.peer.down.fault))
        #expect(down.status == 75, "\(down.stderr)")
        #expect(down.stderr.contains(contract.peer.down.message), "\(down.stderr)")
        #expect(down.stdout.isEmpty)
        if case .http(_, let login) = contract.peer { #expect(!(refused.stderr + down.stderr).contains(login.password)) }
    }

    @Test("with --emit-failure, a service down is a meter_down line that names the meter, and exit 0", arguments: contracts)
    func meterDown(contract: Contract) throws {
        let fixtures = try MeterFixtures()
        let result = try BondBinary.run(try asking(contract, fixtures, fault: contract.peer.down.fault) + ["--emit-failure"])
        #expect(result.status == 0, "\(result.stderr)")
        let line = result.line
        #expect(line["kind"] as? String == contract.kind)
        #expect(line["driver"] as? String == contract.driver)
        #expect(line["source"] as? String == (try source(contract, fixtures, fault: contract.peer.down.fault)))
        #expect(line["meter_down"] as? Bool == true)
        for (key, value) in contract.identity { #expect(line[key] as? String == value, "\(key)") }
        #expect(line["payload_sha256"] is NSNull)
        let error = try #require(line["error"] as? [String: Any])
        #expect(error["exit_code"] as? Int == 75)
        if let status = contract.peer.down.httpStatus {
            #expect(error["http_status"] as? Int == status)
        } else {
            #expect(error["http_status"] is NSNull)
        }
    }
}
