import Encoding
import EnergyData
import Testing

@Suite("SunSpec XML of the Eumel logger")
struct SunSpecTests {
    func read(_ xml: String, _ register: Register = .imported) throws -> EnergyReading {
        try SunSpec.reading(from: Array(xml.utf8), register: register)
    }

    func failure(_ xml: String, _ register: Register = .imported) -> String? {
        do {
            _ = try read(xml, register)
            return nil
        } catch {
            return (error as? PayloadError)?.description
        }
    }

    @Test("v1.0: TotWhImp 123.45 Wh at 2017-11-17T15:45:43Z, serial A84041172836, firmware unknown (fixture README)")
    func version1() throws {
        let reading = try SunSpec.reading(from: FixtureFiles.bytes("eumel/eumel-v1.0.xml"), register: .imported)
        #expect(reading.energyWh.description == "123.45")
        #expect(reading.measuredEpoch == RFC3339.epoch("2017-11-17T15:45:43Z"))
        #expect(reading.device == Device(manufacturer: "VERBUND", model: "Power-Meter", serialNumber: "A84041172836", firmware: nil))
        #expect(reading.isAccumulated)
    }

    @Test("v2.1.1: TotWhImp 336.12 and TotWhExp 11277.41 Wh at 2018-03-08T18:18:17Z, serial A8404118ABD2 from model 1")
    func version2() throws {
        let bytes = try FixtureFiles.bytes("eumel/eumel-v2.1.1.xml")
        let imported = try SunSpec.reading(from: bytes, register: .imported)
        let exported = try SunSpec.reading(from: bytes, register: .exported)
        #expect(imported.energyWh.description == "336.12")
        #expect(exported.energyWh.description == "11277.41")
        #expect(exported.register == .exported)
        #expect(imported.measuredEpoch == 1_520_533_097)
        #expect(imported.device.serialNumber == "A8404118ABD2")
        #expect(imported.device.firmware == "2.1.1")
    }

    /// A model 203 (integer wye meter) block whose energy points are scaled by TotWh_SF, after
    /// a common block and a model 101 inverter block it must not be confused with.
    static func integerMeter(energy: String, scaleFactor: String?, exported: String = "77") -> String {
        let factor = scaleFactor.map { "<p id=\"TotWh_SF\">\($0)</p>" } ?? ""
        return """
            <?xml version="1.0"?>
            <SunSpecData v="1">
              <d man="d-man" mod="d-model" sn="d-serial" t="2024-02-29T23:59:59+02:00">
                <m id="1"><p id="Mn">Acme</p><p id="Md">IM-203</p><p id="Vr">4.2.0</p><p id="SN">SN-203</p></m>
                <m id="101"><p id="WH">999999</p></m>
                <m id="203"><p id="TotWhImp">\(energy)</p><p id="TotWhExp">\(exported)</p>\(factor)<p id="TotWhImp">1</p></m>
              </d>
            </SunSpecData>
            """
    }

    @Test("model 203 with scale factors: value x 10^TotWh_SF, exactly", arguments: [
        ("12345", "-2", "123.45"), ("12345", "3", "12345000"), ("12345", "0", "12345"), ("5", "-4", "0.0005"),
    ])
    func integerMeter(energy: String, factor: String, expected: String) throws {
        let reading = try read(Self.integerMeter(energy: energy, scaleFactor: factor))
        #expect(reading.energyWh.description == expected)
        #expect(reading.device == Device(manufacturer: "Acme", model: "IM-203", serialNumber: "SN-203", firmware: "4.2.0"))
        // +02:00 read as an offset, not as UTC.
        #expect(reading.measuredEpoch == RFC3339.epoch("2024-02-29T21:59:59Z"))
        #expect(try read(Self.integerMeter(energy: energy, scaleFactor: "-1", exported: "1234"), .exported).energyWh.description == "123.4")
    }

    @Test("an integer meter without its scale factor, or with a bad one, is refused with the line")
    func badScaleFactor() {
        #expect(failure(Self.integerMeter(energy: "1", scaleFactor: nil)) ==
                "SunSpecData/d/m[@id=203] at line 6 has no scale factor TotWh_SF for its integer points")
        #expect(failure(Self.integerMeter(energy: "1", scaleFactor: "x")) ==
                "SunSpecData/d/m[@id=203]/p[@id=TotWh_SF] at line 6: 'x' is not a scale factor (-10 to 10)")
        #expect(failure(Self.integerMeter(energy: "1", scaleFactor: "-11")) ==
                "SunSpecData/d/m[@id=203]/p[@id=TotWh_SF] at line 6: '-11' is not a scale factor (-10 to 10)")
    }

    @Test("a repeated point id: the first wins")
    func repeatedPoint() throws {
        // The model 203 document repeats TotWhImp with 1 after the real value.
        #expect(try read(Self.integerMeter(energy: "42", scaleFactor: "0")).energyWh.description == "42")
    }

    @Test("the meter block is chosen by model id, not position")
    func byModelID() throws {
        let xml = """
            <SunSpecData><d t="2020-01-01T00:00:00Z"><m id="1"><p id="SN">x</p></m><m id="64110"><p id="TotWhImp">1</p></m>
            <m id="212"><p id="TotWhImp">2.5</p></m></d></SunSpecData>
            """
        #expect(try read(xml).energyWh.description == "2.5")
    }

    @Test("documents that are not what the driver reads exit 65 naming the element and the line", arguments: [
        ("<SunSpecData><d t=\"2020-01-01T00:00:00Z\">\n<m id=\"211\"><p id=\"TotWhImp\">1</p>\n</d></SunSpecData>",
         "malformed XML at line 3: Opening and ending tag mismatch: m line 2 and d"),
        ("", "the XML document is empty (line 1)"),
        ("  \n", "the XML document is empty (line 1)"),
        ("<SunSpecData>\n<d t=\"2020-01-01T00:00:00Z\">", "malformed XML at line 2: the document ends before <d> of line 2 is closed"),
        ("<?xml version=\"1.0\"?>\n", "malformed XML at line 2: the document has no root element"),
        ("<a/><b/>", "malformed XML at line 1: Extra content at the end of the document"),
        ("<r/>", "the root element is <r> at line 1, not <SunSpecData>"),
        ("<SunSpecData/>", "SunSpecData at line 1 has no device element <d>"),
        ("<SunSpecData>\n<d><m id=\"211\"/></d></SunSpecData>", "SunSpecData/d at line 2 has no measurement time t"),
        ("<SunSpecData><d t=\"yesterday\"/></SunSpecData>", "SunSpecData/d/@t at line 1: 'yesterday' is not an RFC 3339 time"),
        ("<SunSpecData><d t=\"2020-01-01T00:00:00Z\"><m id=\"120\"/></d></SunSpecData>",
         "SunSpecData/d at line 1 has no energy model (SunSpec meters 201-204 and 211-214, DER AC measurement 701, inverters 101-103 and 111-113); its models: 120"),
        ("<SunSpecData><d t=\"2020-01-01T00:00:00Z\"><m id=\"101\"/></d></SunSpecData>",
         "SunSpecData/d/m[@id=101] at line 1 is an inverter: its WH is energy produced, the export register; it has no import register"),
        ("<SunSpecData><d t=\"2020-01-01T00:00:00Z\">\n<m id=\"211\"><p id=\"W\">1</p></m></d></SunSpecData>",
         "SunSpecData/d/m[@id=211] at line 2 has no point TotWhImp"),
        ("<SunSpecData><d t=\"2020-01-01T00:00:00Z\"><m id=\"211\">\n<p id=\"TotWhImp\">n/a</p></m></d></SunSpecData>",
         "SunSpecData/d/m[@id=211]/p[@id=TotWhImp] at line 2: 'n/a' is not a number"),
        ("<SunSpecData><d t=\"2020-01-01T00:00:00Z\"><m id=\"211\"><p id=\"TotWhImp\">-3</p></m></d></SunSpecData>",
         "SunSpecData/d/m[@id=211]/p[@id=TotWhImp] at line 1: a meter register cannot be negative (-3)"),
    ])
    func refused(xml: String, message: String) {
        #expect(failure(xml) == message)
    }

    @Test("external entities are never loaded (no file or network access from a payload)")
    func noExternalEntities() {
        let xml = """
            <?xml version="1.0"?>
            <!DOCTYPE d [<!ENTITY big SYSTEM "file:///etc/hostname">]>
            <SunSpecData><d t="2020-01-01T00:00:00Z"><m id="211"><p id="TotWhImp">&big;</p></m></d></SunSpecData>
            """
        // No DTD is processed, so the entity is unknown and the document refused.
        #expect(failure(xml) == "malformed XML at line 3: Entity 'big' not defined")
    }
}
