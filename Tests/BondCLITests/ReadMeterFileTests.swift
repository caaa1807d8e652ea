import Foundation
import Hashing
import Testing

/// `bond read-meter DRIVER --file`: saved responses, no network; every expected value of the
/// fixture READMEs (Tests/Fixtures/*/README.md).
@Suite("bond read-meter --file")
struct ReadMeterFileTests {
    static func fixture(_ path: String) -> String {
        BondBinary.packageRoot.appendingPathComponent("Tests/Fixtures/\(path)").path
    }

    @Test("every expected reading, with its exact digits in the JSON text", arguments: [
        (["eumel", "--file", fixture("eumel/eumel-v1.0.xml")],
         ["\"energy_wh\": 123.45", "\"register\": \"import\"", "\"measured_at\": \"2017-11-17T15:45:43Z\"", "\"serial_number\":\"A84041172836\"", "\"firmware\":null"]),
        (["eumel", "--file", fixture("eumel/eumel-v2.1.1.xml")],
         ["\"energy_wh\": 336.12", "\"measured_at\": \"2018-03-08T18:18:17Z\"", "\"measured_epoch\": 1520533097", "\"serial_number\":\"A8404118ABD2\"", "\"firmware\":\"2.1.1\""]),
        (["eumel", "--register", "export", "--file", fixture("eumel/eumel-v2.1.1.xml")],
         ["\"energy_wh\": 11277.41", "\"register\": \"export\"", "\"is_accumulated\": true", "\"endpoint\": null"]),
        (["energy-api", "--file", fixture("energy-api/asset-7-energy.json"), "--asset-file", fixture("energy-api/asset-7.json")],
         ["\"energy_wh\": 250125", "\"measured_at\": \"2018-03-15T14:30:00Z\"", "\"is_accumulated\": true", "\"latitude\":54.443567", "\"asset_id\": \"7\""]),
        (["energy-api", "--file", fixture("energy-api/asset-8-energy.json"), "--asset-file", fixture("energy-api/asset-8.json")],
         ["\"energy_wh\": 84328", "\"measured_at\": \"2018-03-15T12:30:00Z\"", "\"is_accumulated\": false"]),
        (["watttime", "--api", "v1", "--file", fixture("watttime/v1-marginal.json")],
         ["\"region\": \"PJM\"", "\"moer_lb_per_mwh\": 1421.6", "\"co2_kg_per_wh\": 0.000644826913192", "\"percentile\": null", "\"measured_at\": \"2017-11-17T15:00:00Z\""]),
        (["watttime", "--api", "v2", "--file", fixture("watttime/v2-index.json")],
         ["\"region\": \"CAISO_NORTH\"", "\"moer_lb_per_mwh\": 850.743982", "\"co2_kg_per_wh\": 0.00038589097905861734", "\"percentile\": 53", "\"measured_at\": \"2019-01-29T14:55:00Z\""]),
        (["watttime", "--file", fixture("watttime/v3-signal-index.json")],
         ["\"percentile\": 62", "\"moer_lb_per_mwh\": null", "\"measured_at\": \"2024-05-14T16:05:00Z\"", "\"signal_type\": \"co2_moer\""]),
        (["watttime", "--api", "v3", "--signal", "moer", "--file", fixture("watttime/v3-historical.json")],
         ["\"moer_lb_per_mwh\": 872.1", "\"co2_kg_per_wh\": 0.000395577905877", "\"measured_at\": \"2024-05-14T16:10:00Z\""]),
    ])
    func readings(arguments: [String], expected: [String]) throws {
        let result = try BondBinary.run(["read-meter"] + arguments)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdoutLines.count == 1)
        for text in expected {
            #expect(result.stdout.contains(text), "\(text) in \(result.stdout)")
        }
        let line = result.line
        #expect(line["kind"] as? String == (arguments[0] == "watttime" ? "carbon" : "energy"))
        #expect(line["driver"] as? String == arguments[0])
        let accessed = try #require(line["accessed_epoch"] as? Int)
        #expect(abs(accessed - Int(Date().timeIntervalSince1970)) < 60)
        let payload = try Data(contentsOf: URL(fileURLWithPath: arguments[arguments.firstIndex(of: "--file")! + 1]))
        #expect(line["payload_sha256"] as? String == "0x" + SHA256.hash(Array(payload)).map { String(format: "%02x", $0) }.joined())
        #expect(line["payload"] == nil)
    }

    @Test("--payload adds the response as text; --file - reads stdin")
    func payload() throws {
        let document = try String(contentsOfFile: Self.fixture("eumel/eumel-v1.0.xml"), encoding: .utf8)
        let result = try BondBinary.run(["read-meter", "eumel", "--file", "-", "--payload"], input: document)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.line["payload"] as? String == document)
        #expect(result.line["energy_wh"] as? Double == 123.45)
    }

    @Test("a document that is not the driver's exits 65 naming the file, the element and, for XML, the line", arguments: [
        (["eumel"], "<SunSpecData>\n<d t=\"2020-01-01T00:00:00Z\">\n<m id=\"211\">\n",
         "standard input (a SunSpec XML document): malformed XML at line 3: the document ends before <m> of line 3 is closed"),
        (["eumel"], "", "standard input (a SunSpec XML document): the XML document is empty (line 1)"),
        (["eumel"], "{\"moer\": 1}", "standard input (a SunSpec XML document): malformed XML at line 1: not an XML document: no element where it starts"),
        (["eumel"], "<SunSpecData><d t=\"2020-01-01T00:00:00Z\"><m id=\"1\"/></d></SunSpecData>",
         "standard input (a SunSpec XML document): SunSpecData/d at line 1 has no energy model (SunSpec meters 201-204 and 211-214, DER AC measurement 701, inverters 101-103 and 111-113); its models: 1"),
        (["eumel"], "<SunSpecData><d><m id=\"211\"/></d></SunSpecData>",
         "standard input (a SunSpec XML document): SunSpecData/d at line 1 has no measurement time t"),
        (["eumel"], "<SunSpecData><d t=\"2020-01-01T00:00:00Z\"><m id=\"213\"><p id=\"TotWhImp\">NaN</p></m></d></SunSpecData>",
         "standard input (a SunSpec XML document): SunSpecData/d/m[@id=213]/p[@id=TotWhImp] at line 1: 'NaN' is not a number"),
        (["watttime", "--api", "v2"], "{\"ba\": \"X\"}", "standard input (a WattTime v2 index answer): /moer is missing"),
        (["watttime"], "not json", "standard input (a WattTime v3 signal-index answer): invalid JSON at column 1: unexpected 'n', expected a value"),
        (["watttime"], "{\"data\": [{\"point_time\": \"2024-05-14T16:00:00Z\", \"value\": 870.0}], \"meta\": {\"units\": \"lbs_co2_per_mwh\"}}",
         "standard input (a WattTime v3 signal-index answer): /meta/units is 'lbs_co2_per_mwh', not 'percentile': a MOER answer of /v3/historical, not a signal index"),
        (["watttime"], "{\"data\": [{\"point_time\": \"2024-05-14T16:00:00Z\", \"value\": 101}], \"meta\": {\"region\": \"X\", \"signal_type\": \"co2_moer\"}}",
         "standard input (a WattTime v3 signal-index answer): /data/0/value: 101 is not a percentile (0 to 100)"),
    ])
    func badDocuments(driver: [String], input: String, message: String) throws {
        let result = try BondBinary.run(["read-meter"] + driver + ["--file", "-"], input: input)
        #expect(result.status == 65)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == "bond read-meter: error: \(message)\n")
    }

    @Test("an Energy API list with no readings prints nothing and exits 0, or 65 with --require-reading")
    func emptyList() throws {
        let asset = ["--asset-file", Self.fixture("energy-api/asset-8.json")]
        let quiet = try BondBinary.run(["read-meter", "energy-api", "--file", "-"] + asset, input: "[]")
        #expect(quiet.status == 0)
        #expect(quiet.stdout.isEmpty && quiet.stderr.isEmpty)
        let required = try BondBinary.run(["read-meter", "energy-api", "--file", "-", "--require-reading"] + asset, input: "[]")
        #expect(required.status == 65)
        #expect(required.stderr == "bond read-meter: error: standard input holds no measurements (--require-reading)\n")
    }

    @Test("options that do not fit exit 64 naming them", arguments: [
        (["eumel"], "no logger: give --url URL, or --file PATH to read a saved response"),
        (["eumel", "--file", "x.xml", "--url", "http://127.0.0.1"], "--file reads a saved response and --url asks the service: give one of them"),
        (["eumel", "--firmware", "v3"], "option '--firmware' expects one of auto, v1.0, v2.1.1, got 'v3'"),
        (["eumel", "--url", "http://192.168.1.20", "--user", "admin"], "--user admin needs a password: --password-file PATH or BOND_METER_PASSWORD"),
        (["eumel", "--url", "http://192.168.1.20", "--password-file", "pw"], "--password-file needs --user NAME"),
        (["eumel", "--url", "http://admin:secret@192.168.1.20"],
         "--url: give the user with --user and the password with --password-file, not in the URL"),
        (["eumel", "--url", "http://192.168.1.20/x?a=1"],
         "--url: 'http://192.168.1.20/x?a=1' has a query or fragment; give the base URL, bond adds the paths"),
        (["eumel", "--url", "http://192.168.1.20", "--timeout", "0"], "--timeout must be more than 0 (bond never waits without a limit)"),
        (["eumel", "--url", "http://meter.example.com"],
         "refusing plain http to 'http://meter.example.com': use https, or --allow-http (plain http is allowed to loopback, private and .local hosts)"),
        (["energy-api", "--url", "http://127.0.0.1"], "which asset? give --asset-id N"),
        (["energy-api", "--file", "x.json"], "--file needs --asset-file PATH: the asset's unit decides what the energy means"),
        (["energy-api", "--file", "x.json", "--since", "2018-01-01T00:00:00Z"], "--since applies to asking the service; with --file there is no request"),
        (["energy-api", "--url", "http://127.0.0.1", "--asset-id", "7", "--since", "yesterday"],
         "--since: 'yesterday' is not an RFC 3339 time (such as 2018-03-15T14:30:00Z)"),
        (["energy-api", "--url", "http://127.0.0.1", "--asset-id", "7", "--since", "2018-03-16T00:00:00Z", "--until", "2018-03-15T00:00:00Z"],
         "the window is empty: --since 2018-03-16T00:00:00Z is not before --until 2018-03-15T00:00:00Z"),
        (["watttime", "--api", "v1", "--signal", "moer"], "--signal chooses between v3's endpoints; v1 has one (v1 gives the MOER, v2 both)"),
        (["watttime", "--latitude", "39.7"], "--latitude and --longitude go together"),
        (["watttime", "--latitude", "91", "--longitude", "0"], "--latitude: '91' is not a number of degrees from -90 to 90"),
        (["watttime", "--region", "X", "--latitude", "1", "--longitude", "2"], "give --region or --latitude/--longitude, not both"),
        (["watttime"], "which region? give --region NAME, or --latitude and --longitude"),
        (["watttime", "--region", "CAISO_NORTH"], "WattTime needs a login: --user NAME with --password-file PATH or BOND_METER_PASSWORD"),
        (["watttime", "--api", "v1", "--latitude", "1", "--longitude", "2"], "WattTime v1 has no lookup by place: give --region NAME"),
    ])
    func usage(arguments: [String], message: String) throws {
        let result = try BondBinary.run(["read-meter"] + arguments, environment: ["PATH": "/usr/bin:/bin"])
        #expect(result.status == 64, "\(result.stderr)")
        #expect(result.stderr == "bond read-meter: error: \(message)\n")
        #expect(result.stdout.isEmpty)
    }

    @Test("values no meter or grid gives are refused (65)", arguments: [
        (["energy-api", "--asset-file", "ASSET7"], "[{\"energy\": -500, \"measurementTime\": \"2018-03-15T10:30:00Z\"}]",
         "standard input (an Energy API energy list): /0/energy: -500 is negative: a meter's energy cannot be"),
        (["watttime", "--api", "v2"], "{\"ba\": \"X\", \"moer\": \"850\", \"percent\": \"153\", \"point_time\": \"2019-01-29T14:55:00Z\"}",
         "standard input (a WattTime v2 index answer): /percent: 153 is not a percentile (0 to 100)"),
        (["watttime", "--api", "v2"], "{\"ba\": \"X\", \"moer\": \"-5\", \"percent\": \"1\", \"point_time\": \"2019-01-29T14:55:00Z\"}",
         "standard input (a WattTime v2 index answer): /moer: -5 is negative: not a MOER"),
        (["watttime", "--api", "v2"], "{\"ba\": \"X\", \"moer\": \"\(String(repeating: "9", count: 70))\", \"percent\": \"1\", \"point_time\": \"2019-01-29T14:55:00Z\"}",
         "standard input (a WattTime v2 index answer): /moer: \(String(repeating: "9", count: 70)) has too many digits for its rate in kg/Wh"),
        (["watttime", "--signal", "moer"], "{\"data\": [{\"point_time\": \"2024-05-14T16:00:00Z\", \"value\": 1}], \"meta\": {\"region\": \"X\", \"signal_type\": \"health_damage\"}}",
         "standard input (a WattTime v3 historical answer): /meta/signal_type is 'health_damage', not co2_moer"),
        (["eumel"], "<SunSpecData><d t=\"9999-12-31T23:59:59-23:59\"><m id=\"211\"><p id=\"TotWhImp\">1</p></m></d></SunSpecData>",
         "standard input (a SunSpec XML document): SunSpecData/d/@t at line 1: '9999-12-31T23:59:59-23:59' is not an RFC 3339 time"),
    ])
    func impossibleValues(arguments: [String], input: String, message: String) throws {
        let resolved = arguments.map { $0 == "ASSET7" ? Self.fixture("energy-api/asset-7.json") : $0 }
        let result = try BondBinary.run(["read-meter"] + resolved + ["--file", "-"], input: input)
        #expect(result.status == 65, "\(result.stderr)")
        #expect(result.stderr == "bond read-meter: error: \(message)\n")
    }

    @Test("an asset's id is printed as the API wrote it; both files on stdin is a usage error; a huge --file is refused")
    func assetFiles() throws {
        let asset = FileManager.default.temporaryDirectory.appendingPathComponent("bond-asset-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: asset) }
        try #"{"id": "seven", "energy_unit": "joule", "is_accumulated": true}"#.write(toFile: asset, atomically: true, encoding: .utf8)
        let result = try BondBinary.run(["read-meter", "energy-api", "--file", "-", "--asset-file", asset],
                                        input: #"[{"energy": 10, "measurementTime": "2018-03-15T10:30:00Z"}]"#)
        #expect(result.line["asset_id"] as? String == "seven")
        #expect(result.stdout.contains("\"energy_wh\": 0.002778,"))
        let twice = try BondBinary.run(["read-meter", "energy-api", "--file", "-", "--asset-file", "-"])
        #expect(twice.status == 64)
        #expect(twice.stderr == "bond read-meter: error: --file and --asset-file cannot both be standard input\n")
        let huge = try BondBinary.run(["read-meter", "eumel", "--file", "/dev/zero"])
        #expect(huge.status == 65)
        #expect(huge.stderr == "bond read-meter: error: '/dev/zero' is larger than 64 MiB: not a saved response\n")
    }

    @Test("a wrong --asset-file is named in the error")
    func wrongAssetFile() throws {
        let result = try BondBinary.run(["read-meter", "energy-api", "--file", Self.fixture("energy-api/asset-8.json"),
                                         "--asset-file", Self.fixture("energy-api/asset-8-energy.json")])
        #expect(result.status == 65)
        #expect(result.stderr.hasSuffix("asset-8-energy.json' (an Energy API asset): expected a JSON object, got an array\n"))
    }

    @Test("a password file others can read is refused (77); a missing --file exits 66")
    func files() throws {
        let fixtures = try MeterFixtures()
        let open = try fixtures.passwordFile("eumel-secret", mode: 0o644)
        let refused = try BondBinary.run(["read-meter", "eumel", "--url", "http://127.0.0.1:1", "--user", "admin", "--password-file", open])
        #expect(refused.status == 77)
        #expect(refused.stderr.contains("is readable by group or others (mode 644): chmod 600 it"))
        let missing = try BondBinary.run(["read-meter", "eumel", "--file", "/nonexistent/eumel.xml"])
        #expect(missing.status == 66)
        #expect(missing.stderr.hasPrefix("bond read-meter: error: cannot open '/nonexistent/eumel.xml'"))
    }
}
