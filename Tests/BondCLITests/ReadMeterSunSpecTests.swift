import Encoding
import Foundation
import Hashing
import Testing

/// `bond read-meter sunspec` against the Modbus peer (scripts/servers/modbus_server.py, whose
/// unit ids are its images and faults), checked against pysunspec2 reading the same server.
@Suite("read-meter sunspec: SunSpec devices over Modbus TCP")
struct ReadMeterSunSpecTests {
    /// One image of the peer: its unit, the register asked, the model read and its base.
    struct Image: Sendable, CustomTestStringConvertible {
        let unit: Int
        let register: String
        let model: Int
        let base: Int
        var testDescription: String { "unit \(unit) \(register) (model \(model) at \(base))" }
    }

    static let images = [
        Image(unit: 1, register: "import", model: 203, base: 40000), Image(unit: 1, register: "export", model: 203, base: 40000),
        Image(unit: 2, register: "export", model: 101, base: 40000), Image(unit: 3, register: "export", model: 103, base: 50000),
        Image(unit: 4, register: "export", model: 111, base: 0), Image(unit: 5, register: "export", model: 113, base: 40000),
        Image(unit: 6, register: "import", model: 201, base: 50000), Image(unit: 6, register: "export", model: 201, base: 50000),
        Image(unit: 7, register: "import", model: 211, base: 0), Image(unit: 7, register: "export", model: 211, base: 0),
        Image(unit: 8, register: "import", model: 213, base: 40000), Image(unit: 8, register: "export", model: 213, base: 40000),
        Image(unit: 9, register: "import", model: 701, base: 40000), Image(unit: 9, register: "export", model: 701, base: 40000),
        Image(unit: 10, register: "import", model: 203, base: 40000), Image(unit: 14, register: "import", model: 203, base: 40000),
        Image(unit: 24, register: "import", model: 203, base: 40000),
    ]

    /// The point pysunspec2 reports for `register` of `model`.
    static func point(model: Int, register: String) -> String {
        switch (model, register) {
        case (701, "import"): return "TotWhAbs"
        case (701, _): return "TotWhInj"
        case (101...113, _): return "WH"
        case (_, "import"): return "TotWhImp"
        default: return "TotWhExp"
        }
    }

    /// The text of `energy_wh` in a line, as bond wrote it.
    static func energyText(_ stdout: String) throws -> String {
        let match = try #require(stdout.firstMatch(of: /"energy_wh": ([0-9.]+)/))
        return String(match.1)
    }

    /// Checks bond's line for `image` against pysunspec2's reading of the same unit.
    static func check(_ result: BondBinary.Result, _ image: Image, reference: [String: [String: Any]]) throws {
        #expect(result.status == 0, "\(result.stderr)")
        let line = result.line
        let sunspec = try #require(line["sunspec"] as? [String: Any])
        #expect(sunspec["model"] as? Int == image.model)
        #expect(sunspec["base"] as? Int == image.base)
        #expect(sunspec["unit_id"] as? Int == image.unit)
        #expect(line["register"] as? String == image.register)
        #expect(line["is_accumulated"] as? Bool == true)
        let expected = try #require(reference[String(image.model)]?[point(model: image.model, register: image.register)] as? [String: Any])
        let energy = try energyText(result.stdout)
        if let shortest = expected["shortest"] as? String {
            // float32: the shortest decimal that is the same float32 as pysunspec2's value.
            #expect(energy == shortest)
            #expect(Float(energy) == Float(try #require(expected["value"] as? Double)))
        } else {
            // An integer times 10^SF, exactly; and pysunspec2's own (binary) scaled value.
            #expect(energy == expected["exact"] as? String)
            #expect(Double(energy) == (expected["cvalue"] as? NSNumber)?.doubleValue)
        }
        let device = try #require(line["device"] as? [String: Any])
        let common = try #require(reference["1"])
        #expect(device["manufacturer"] as? String == common["Mn"] as? String)
        #expect(device["model"] as? String == common["Md"] as? String)
        #expect(device["serial_number"] as? String == common["SN"] as? String)
        #expect(device["firmware"] as? String == common["Vr"] as? String)
    }

    @Test("every image reads as pysunspec2 reads it: exact decimals, shortest float32, the device from model 1", arguments: images)
    func image(_ image: Image) throws {
        let result = try BondBinary.run(["read-meter", "sunspec", "--host", try ModbusPeer.tcp(), "--unit-id", String(image.unit),
                                         "--register", image.register])
        try Self.check(result, image, reference: try ModbusPeer.reference(unit: image.unit))
    }

    @Test("a scale factor that changes between polls: value and factor come from one read, so every read is the same energy")
    func changingScaleFactor() throws {
        for _ in 0..<5 {
            let result = try BondBinary.run(["read-meter", "sunspec", "--host", try ModbusPeer.tcp(), "--unit-id", "14"])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(try Self.energyText(result.stdout) == "123456.7")
        }
    }

    @Test("a float32 energy point that changes between polls is never read half from each: both registers come from one read")
    func tornFloat() throws {
        for _ in 0..<6 {
            let result = try BondBinary.run(["read-meter", "sunspec", "--host", try ModbusPeer.tcp(), "--unit-id", "27"])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(["1000", "2000000"].contains(try Self.energyText(result.stdout)), "\(result.stdout)")
        }
    }

    @Test("a chain whose end marker is register 65535 reads to its end")
    func lastRegister() throws {
        let result = try BondBinary.run(["read-meter", "sunspec", "--host", try ModbusPeer.tcp(), "--unit-id", "26", "--base", "65358", "--payload"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try Self.energyText(result.stdout) == "123456.78")
        let dump = try #require(result.line["payload"] as? [String: Any])
        #expect(try Hex.decode(try #require(dump["registers"] as? String)).count == 2 * (65536 - 65358))
    }

    @Test("--model picks the inverter of a device that has a meter too; --base names the marker's register")
    func modelAndBase() throws {
        let host = try ModbusPeer.tcp()
        let inverter = try BondBinary.run(["read-meter", "sunspec", "--host", host, "--unit-id", "10", "--model", "103", "--register", "export"])
        #expect(inverter.status == 0, "\(inverter.stderr)")
        #expect(try Self.energyText(inverter.stdout) == "5000")
        #expect((inverter.line["sunspec"] as? [String: Any])?["model"] as? Int == 103)
        let based = try BondBinary.run(["read-meter", "sunspec", "--host", host, "--unit-id", "3", "--base", "50000", "--register", "export"])
        #expect(based.status == 0, "\(based.stderr)")
        #expect(try Self.energyText(based.stdout) == "4000000")
        let wrongBase = try BondBinary.run(["read-meter", "sunspec", "--host", host, "--unit-id", "3", "--base", "40000"])
        #expect(wrongBase.status == 65)
        #expect(wrongBase.stderr.contains("has no SunSpec marker SunS (0x53756e53) at register 40000 (40000: no such register)"), "\(wrongBase.stderr)")
    }

    @Test("--scan prints each model: model, base, length, name; from the device and from a dump")
    func scan() throws {
        let result = try BondBinary.run(["read-meter", "sunspec", "--host", try ModbusPeer.tcp(), "--unit-id", "10", "--scan"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdoutLines == [
            #"{"model": 1, "base": 40002, "length": 66, "name": "common"}"#,
            #"{"model": 103, "base": 40070, "length": 50, "name": "inverter_three_phase"}"#,
            #"{"model": 203, "base": 40122, "length": 105, "name": "ac_meter_abcn"}"#,
        ])
        let saved = try BondBinary.run(["read-meter", "sunspec", "--file", ReadMeterFileTests.fixture("sunspec/symo-meter-203.json"), "--scan"])
        #expect(saved.stdoutLines == [
            #"{"model": 1, "base": 40002, "length": 66, "name": "common"}"#,
            #"{"model": 203, "base": 40070, "length": 105, "name": "ac_meter_abcn"}"#,
        ])
    }

    @Test("--payload is the register dump; --file reads it back to the same reading and payload_sha256")
    func payloadRoundTrip() throws {
        let directory = try TemporaryDirectory()
        let asked = try BondBinary.run(["read-meter", "sunspec", "--host", try ModbusPeer.tcp(), "--unit-id", "9", "--payload"])
        #expect(asked.status == 0, "\(asked.stderr)")
        let dump = try #require(asked.line["payload"] as? [String: Any])
        #expect(dump["base"] as? Int == 40000)
        #expect(dump["unit_id"] as? Int == 9)
        let registers = try Hex.decode(try #require(dump["registers"] as? String))
        // Marker, model 1 (2 + 66), model 701 (2 + 153), end marker (2).
        #expect(registers.count == 2 * (2 + 68 + 155 + 2))
        #expect(Array(registers.prefix(4)) == [0x53, 0x75, 0x6E, 0x53])
        #expect(asked.line["payload_sha256"] as? String == Hex.encode(SHA256.hash(registers)))
        let path = directory.path("dump.json")
        try JSONSerialization.data(withJSONObject: dump).write(to: URL(fileURLWithPath: path))
        let replayed = try BondBinary.run(["read-meter", "sunspec", "--file", path])
        #expect(replayed.status == 0, "\(replayed.stderr)")
        #expect(try Self.energyText(replayed.stdout) == "123456789012.345")
        #expect(replayed.line["payload_sha256"] as? String == asked.line["payload_sha256"] as? String)
        #expect((replayed.line["sunspec"] as? [String: Any])?["unit_id"] as? Int == 9)
        #expect(replayed.line["source"] as? String == path)
    }

    /// A unit of the peer and what bond says of it: exit status and a part of its message.
    struct Fault: Sendable, CustomTestStringConvertible {
        let unit: String
        let options: [String]
        let status: Int32
        let message: String
        var testDescription: String { "unit \(unit): \(status)" }
    }

    static let faults = [
        Fault(unit: "11", options: [], status: 75, message: "unit 11 answered the read of 4 registers at 40000 with exception 0x0B GATEWAY TARGET DEVICE FAILED TO RESPOND"),
        Fault(unit: "12", options: [], status: 69, message: "unit 12 answered the read of 4 registers at 40000 with exception 0x04 SERVER DEVICE FAILURE"),
        Fault(unit: "13", options: [], status: 75, message: "with exception 0x0A GATEWAY PATH UNAVAILABLE"),
        Fault(unit: "15", options: [], status: 65, message: "unit 15: model 203 (ac_meter_abcn) point TotWhImp at register 40116 is not implemented (0x00000000)"),
        Fault(unit: "16", options: [], status: 65, message: "model 203 (ac_meter_abcn) point TotWh_SF at register 40124 is not implemented (0x8000): TotWhImp cannot be scaled"),
        Fault(unit: "17", options: [], status: 65, message: "model 213 (ac_meter_abcn_float) point TotWhImp at register 40138 is not implemented (0x7FC00000)"),
        Fault(unit: "18", options: [], status: 65, message: "model 701 (DERMeasureAC) point TotWhAbs at register 40093 is not implemented (0xFFFFFFFFFFFFFFFF)"),
        Fault(unit: "19", options: [], status: 65, message: "unit 19: the model chain ends at register 40177 without the end marker 0xFFFF: the device has no registers there"),
        Fault(unit: "20", options: [], status: 65, message: "has no energy model (SunSpec meters 201-204 and 211-214, DER AC measurement 701, inverters 101-103 and 111-113); its models: 1, 120"),
        Fault(unit: "21", options: [], status: 65, message: "unit 21: model 203 at register 40070 has length 65000, which runs past register 65535"),
        Fault(unit: "22", options: [], status: 65, message: "unit 22 has no SunSpec marker SunS (0x53756e53) at register 40000, 50000, 0 (40000: 0x00000000; 50000: no such register; 0: no such register)"),
        Fault(unit: "23", options: [], status: 65, message: "unit 23: the model chain repeats: the SunS marker again at register 40177"),
        Fault(unit: "2", options: [], status: 65, message: "model 101 (inverter_single_phase) at register 40070 is an inverter: its WH is energy produced, the export register; it has no import register"),
        Fault(unit: "1", options: ["--model", "701"], status: 65, message: "has no model 701; its models: 1, 203"),
        Fault(unit: "99", options: [], status: 75, message: "unit 99 did not answer the read of 4 registers at 40000 in time"),
    ]

    @Test("every failure of the device: its exit status and a message naming the model, point, register or exception", arguments: faults)
    func fault(_ fault: Fault) throws {
        let result = try BondBinary.run(["read-meter", "sunspec", "--host", try ModbusPeer.tcp(), "--unit-id", fault.unit,
                                         "--timeout", "300ms", "--retries", "0"] + fault.options)
        #expect(result.status == fault.status, "\(result.stderr)")
        #expect(result.stderr.contains(fault.message), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    @Test("an answer that says it is another unit's is refused (75), never read as this unit's")
    func otherUnit() throws {
        let result = try BondBinary.run(["read-meter", "sunspec", "--host", try ModbusPeer.tcp(), "--unit-id", "25", "--retries", "0"])
        #expect(result.status == 75)
        #expect(result.stderr.contains("unit 25 answered the read at 40000 with an invalid frame: the answer is unit 26's, not unit 25's"), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    @Test("an answer that trickles in is cut off at --timeout: the whole answer, not each byte")
    func trickle() throws {
        let start = Date()
        let result = try BondBinary.run(["read-meter", "sunspec", "--host", try ModbusPeer.drip(), "--timeout", "500ms", "--retries", "0"])
        #expect(result.status == 75)
        #expect(result.stderr.contains("did not answer the read of 4 registers at 40000 in time"), "\(result.stderr)")
        #expect(Date().timeIntervalSince(start) < 3)
    }

    @Test("a name that does not resolve is said so (75), not taken for a refused connection (in a network namespace of its own)")
    func unresolved() throws {
        let result = try ShellCommand.run("/usr/bin/unshare", ["-n", BondBinary.url.path, "read-meter", "sunspec", "--host", "bond-no-such-host", "--retries", "0"])
        #expect(result.status == 75, "\(result.stderr)")
        #expect(result.stderr.contains("cannot reach bond-no-such-host:502 unit 1: cannot resolve 'bond-no-such-host': "), "\(result.stderr)")
    }

    @Test("--file reads a whole --payload line as well as the dump alone")
    func wholeLine() throws {
        let asked = try BondBinary.run(["read-meter", "sunspec", "--host", try ModbusPeer.tcp(), "--unit-id", "1", "--payload"])
        #expect(asked.status == 0, "\(asked.stderr)")
        let replayed = try BondBinary.run(["read-meter", "sunspec", "--file", "-"], input: asked.stdout)
        #expect(replayed.status == 0, "\(replayed.stderr)")
        #expect(replayed.line["payload_sha256"] as? String == asked.line["payload_sha256"] as? String)
        #expect(try Self.energyText(replayed.stdout) == "123456.78")
    }

    @Test("a profile cannot turn --scan on: it changes what the command does")
    func scanNotFromProfile() throws {
        let directory = try TemporaryDirectory()
        let config = directory.path("config.yaml")
        try "x:\n  read-meter.sunspec:\n    scan: true\n".write(toFile: config, atomically: true, encoding: .utf8)
        let checked = try BondBinary.run(["config", "check", "--config", config])
        #expect(checked.status == 78, "\(checked.stderr)")
        #expect(checked.stderr.contains("scan"), "\(checked.stderr)")
    }

    @Test("retries: a gateway's exception is asked again (noted at -v), then reported")
    func retries() throws {
        let result = try BondBinary.run(["read-meter", "sunspec", "--host", try ModbusPeer.tcp(), "--unit-id", "11", "--retries", "2", "-v"])
        #expect(result.status == 75)
        #expect(result.stderr.contains("asking again (1 of 2)"), "\(result.stderr)")
        #expect(result.stderr.contains("asking again (2 of 2)"), "\(result.stderr)")
    }

    @Test("no connection (a closed port) exits 75; with --emit-failure a device down is a meter_down line naming its unit")
    func down() throws {
        let refused = try BondBinary.run(["read-meter", "sunspec", "--host", "127.0.0.1:1", "--retries", "0"])
        #expect(refused.status == 75)
        #expect(refused.stderr.contains("cannot reach 127.0.0.1:1 unit 1: Connection refused"), "\(refused.stderr)")
        let line = try BondBinary.run(["read-meter", "sunspec", "--host", try ModbusPeer.tcp(), "--unit-id", "99", "--timeout", "300ms",
                                       "--retries", "0", "--emit-failure"])
        #expect(line.status == 0, "\(line.stderr)")
        #expect(line.line["meter_down"] as? Bool == true)
        #expect((line.line["sunspec"] as? [String: Any])?["unit_id"] as? Int == 99)
        #expect((line.line["error"] as? [String: Any])?["exit_code"] as? Int == 75)
    }

    @Test("options that do not fit are usage errors (64) naming the option", arguments: [
        (["--host", "127.0.0.1", "--unit-id", "0"], "--unit-id 0: give a unit id from 1 to 255"),
        (["--host", "127.0.0.1", "--unit-id", "256"], "--unit-id 256: give a unit id from 1 to 255"),
        (["--host", "127.0.0.1:70000"], "--host '127.0.0.1:70000': the port must be a number from 1 to 65535"),
        (["--host", "::1"], "--host '::1': write an IPv6 address in brackets, as [::1]:502"),
        (["--host", "[::1"], "--host '[::1': an IPv6 address needs its closing ']'"),
        (["--host", "a b"], "--host 'a b': not a host name or address"),
        (["--host", "127.0.0.1", "--serial", "/dev/ttyUSB0"], "--host reads over Modbus TCP and --serial over a serial line: give one of them"),
        (["--baud", "19200", "--host", "127.0.0.1"], "--baud needs --serial"),
        (["--serial", "/dev/ttyUSB0", "--baud", "0"], "--baud 0: not a speed a serial line can be set to (1200, 2400, 4800, 9600, 19200"),
        (["--serial", "/dev/ttyUSB0", "--baud", "12345"], "--baud 12345: not a speed a serial line can be set to"),
        (["--host", "127.0.0.1", "--scan", "--model", "203"], "--scan lists the device's models instead of reading an energy register"),
        (["--serial", "/dev/ttyUSB0", "--unit-id", "250"], "--unit-id 250: a serial line's unit ids are 1 to 247"),
        (["--host", "127.0.0.1", "--model", "120"], "--model 120: bond reads energy from models 201-204, 211-214, 701, 101-103 and 111-113"),
        (["--host", "127.0.0.1", "--base", "65534"], "--base 65534: give a register from 0 to 65533"),
        (["--host", "127.0.0.1", "--timeout", "0"], "--timeout must be more than 0"),
        ([], "no device: give --host HOST[:PORT] (Modbus TCP) or --serial PATH (Modbus RTU), or --file PATH to read a saved dump"),
        (["--file", "x.json", "--unit-id", "3"], "--unit-id applies to asking the service; with --file there is no request"),
        (["--host", "meter.example.com"], "refusing Modbus TCP to 'meter.example.com': Modbus has no encryption, so bond talks it only to loopback, private and .local hosts; --allow-http allows any host"),
    ])
    func usage(options: [String], message: String) throws {
        let result = try BondBinary.run(["read-meter", "sunspec"] + options)
        #expect(result.status == 64, "\(result.stderr)")
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }

    @Test("a saved dump that is not one is 65, naming the file and what is wrong", arguments: [
        ("not json", "(a SunSpec register dump): "),
        (#"{"base": 40000, "unit_id": 1}"#, "(a SunSpec register dump): /registers must be a hex string"),
        (#"{"kind": "energy"}"#, #"/base is missing: a register dump is {"base": N, "unit_id": N, "registers": "0x..."}"#),
        (#"{"base": 40000, "unit_id": 1, "registers": "0x53756e53"}"#, "hold the SunSpec marker and no model chain: no end marker 0xFFFF"),
        (#"{"base": -1, "unit_id": 1, "registers": "0x"}"#, "/base must be an integer from 0 to 65535"),
        (#"{"base": 40000, "unit_id": 1, "registers": "0x53756e"}"#, "/registers holds 3 bytes, not whole 16-bit registers"),
        (#"{"base": 40000, "unit_id": 1, "registers": "0x0000000000010000"}"#, "the registers at 40000 do not begin with the SunSpec marker SunS (0x53756e53)"),
        (#"{"base": 40000, "unit_id": 1, "registers": "0x53756e530001"}"#, "the model chain ends at register 40002 inside model 1's header"),
        (#"{"base": 40000, "unit_id": 1, "registers": "0x53756e53ffff00000000"}"#, "1 register follows the end marker at register 40002"),
        (#"{"base": 40000, "unit_id": 1, "registers": "0x53756e53ffff0000"}"#, "has no energy model"),
    ])
    func badDump(text: String, message: String) throws {
        let result = try BondBinary.run(["read-meter", "sunspec", "--file", "-"], input: text)
        #expect(result.status == 65, "\(result.stderr)")
        #expect(result.stderr.contains("standard input"), "\(result.stderr)")
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }
}

/// The same over Modbus RTU: bond on one end of the pseudo-terminal pair, the peer on the
/// other. One exchange at a time on the line, so these run one after another.
@Suite("read-meter sunspec: SunSpec devices over Modbus RTU", .serialized)
struct ReadMeterSunSpecRTUTests {
    @Test("images read over the serial line as pysunspec2 reads them there", arguments: [
        ReadMeterSunSpecTests.Image(unit: 1, register: "import", model: 203, base: 40000),
        ReadMeterSunSpecTests.Image(unit: 4, register: "export", model: 111, base: 0),
        ReadMeterSunSpecTests.Image(unit: 9, register: "import", model: 701, base: 40000),
    ])
    func image(_ image: ReadMeterSunSpecTests.Image) throws {
        let result = try BondBinary.run(["read-meter", "sunspec", "--serial", try ModbusPeer.rtu(), "--baud", "9600", "--parity", "none",
                                         "--stop-bits", "1", "--unit-id", String(image.unit), "--register", image.register])
        #expect(result.line["source"] as? String == (try ModbusPeer.rtu()))
        try ReadMeterSunSpecTests.check(result, image, reference: try ModbusPeer.reference(unit: image.unit, rtu: true))
    }

    @Test("no answer on the line exits 75; an exception is named; the line still works after both")
    func faults() throws {
        let rtu = try ModbusPeer.rtu()
        let silent = try BondBinary.run(["read-meter", "sunspec", "--serial", rtu, "--unit-id", "99", "--timeout", "300ms", "--retries", "0"])
        #expect(silent.status == 75)
        #expect(silent.stderr.contains("\(rtu) unit 99 did not answer the read of 4 registers at 40000 in time"), "\(silent.stderr)")
        let refused = try BondBinary.run(["read-meter", "sunspec", "--serial", rtu, "--unit-id", "12", "--retries", "0"])
        #expect(refused.status == 69)
        #expect(refused.stderr.contains("with exception 0x04 SERVER DEVICE FAILURE"), "\(refused.stderr)")
        let after = try BondBinary.run(["read-meter", "sunspec", "--serial", rtu, "--unit-id", "1"])
        #expect(after.status == 0, "\(after.stderr)")
    }

    @Test("an answer that trickles in on the line is cut off at --timeout: the whole answer, not each byte")
    func trickle() throws {
        // An earlier run's answer has ended (13 bytes take 0.39 s); bond drops what it left.
        usleep(500_000)
        let start = Date()
        let result = try BondBinary.run(["read-meter", "sunspec", "--serial", try ModbusPeer.rtuDrip(), "--timeout", "200ms", "--retries", "0"])
        #expect(result.status == 75)
        #expect(result.stderr.contains("did not answer the read of 4 registers at 40000 in time"), "\(result.stderr)")
        // The answer's 13 bytes, 30 ms apart, take 0.39 s, each gap within the 50 ms allowed:
        // without the deadline it would be read whole (zeros: no marker, 65). The bound is a
        // hang's, not a speed's.
        #expect(Date().timeIntervalSince(start) < 5)
    }

    @Test("a serial port that does not exist, or a path that is no serial device, is 66 and named")
    func missingPort() throws {
        let result = try BondBinary.run(["read-meter", "sunspec", "--serial", "/dev/bond-no-such-port"])
        #expect(result.status == 66)
        #expect(result.stderr.contains("cannot open serial port '/dev/bond-no-such-port': No such file or directory"), "\(result.stderr)")
        for path in ["/tmp", "/dev/null"] {
            let notSerial = try BondBinary.run(["read-meter", "sunspec", "--serial", path])
            #expect(notSerial.status == 66, "\(notSerial.stderr)")
            #expect(notSerial.stderr.contains("'\(path)' is not a serial device ("), "\(notSerial.stderr)")
        }
    }
}
