import Encoding
import EnergyData
import Testing

@Suite("EWF Energy API answers")
struct EnergyAPITests {
    func reading(asset: Int, after: Int? = nil) throws -> EnergyReading? {
        let description = try EnergyAPI.asset(FixtureFiles.bytes("energy-api/asset-\(asset).json"))
        let list = try EnergyAPI.measurements(FixtureFiles.bytes("energy-api/asset-\(asset)-energy.json"))
        return try EnergyAPI.reading(asset: description, measurements: list, after: after)
    }

    @Test("asset 7 reports totals: the last, 250.125 kWh = 250125 Wh at 2018-03-15T14:30:00Z (fixture README)")
    func accumulated() throws {
        let reading = try #require(try reading(asset: 7))
        #expect(reading.energyWh.description == "250125")
        #expect(reading.measuredEpoch == RFC3339.epoch("2018-03-15T14:30:00Z"))
        #expect(reading.isAccumulated)
        #expect(reading.register == .exported)
        #expect(reading.device.latitude?.description == "54.443567")
        #expect(reading.device.longitude?.description == "-23.312543")
        #expect(reading.device.serialNumber == "345345345")
    }

    @Test("asset 8 reports intervals: their sum, 84328 Wh, at the latest instant 12:30Z (14:30+02:00)")
    func intervals() throws {
        let reading = try #require(try reading(asset: 8))
        #expect(reading.energyWh.description == "84328")
        #expect(reading.measuredEpoch == RFC3339.epoch("2018-03-15T12:30:00Z"))
        #expect(!reading.isAccumulated)
        #expect(reading.register == .imported)
    }

    @Test("after a cursor only later readings count; readings at the cursor's instant were reported")
    func afterCursor() throws {
        let cursor = try #require(RFC3339.epoch("2018-03-15T10:30:00Z"))
        // 8568 at 12:30Z and 63456 at 14:30+02:00 (also 12:30Z) remain.
        #expect(try reading(asset: 8, after: cursor)?.energyWh.description == "72024")
        #expect(try reading(asset: 8, after: cursor + 7200) == nil)
        #expect(try reading(asset: 7, after: cursor)?.energyWh.description == "250125")
    }

    @Test("units convert exactly to Wh; non-terminating joules round half to even at 6 decimals", arguments: [
        (EnergyAPI.EnergyUnit.joule, "3600", "1"), (.joule, "9", "0.0025"), (.joule, "0.009", "0.0000025"),
        (.joule, "1", "0.000278"), (.joule, "10", "0.002778"), (.joule, "0.0018", "0.0000005"), (.wattHour, "11277.41", "11277.41"),
        (.kilowattHour, "250.125", "250125"), (.megawattHour, "0.000001", "1"), (.gigawattHour, "1.5", "1500000000"),
    ])
    func units(unit: EnergyAPI.EnergyUnit, value: String, wattHours: String) throws {
        #expect(unit.wattHours(try #require(ExactDecimal(value)))?.description == wattHours)
    }

    @Test("answers that are not an asset or an energy list name the JSON pointer", arguments: [
        ("{\"energy_unit\": \"wattHour\"}", "/is_accumulated is missing"),
        ("{\"energy_unit\": \"furlong\", \"is_accumulated\": true}",
         "/energy_unit: 'furlong' is not one of joule, wattHour, kilowattHour, megawattHour, gigawattHour"),
        ("{\"energy_unit\": \"wattHour\", \"is_accumulated\": \"yes\"}", "/is_accumulated is not a boolean"),
        ("[1]", "expected a JSON object, got an array"),
    ])
    func badAsset(json: String, message: String) {
        #expect(throws: PayloadError.invalid(message)) { try EnergyAPI.asset(Array(json.utf8)) }
    }

    @Test("energy lists with a missing or bad element name it", arguments: [
        ("{}", "/ is an object, not the array of measurements"),
        ("[{\"energy\": 1}]", "/0/measurementTime is missing"),
        ("[{\"energy\": 1, \"measurementTime\": \"2018-03-15T10:30:00+00:00\"}, {\"energy\": \"x\", \"measurementTime\": \"2018-03-15T10:30:00Z\"}]",
         "/1/energy: 'x' is not a number"),
        ("[{\"energy\": 1, \"measurementTime\": \"15.03.2018\"}]", "/0/measurementTime: '15.03.2018' is not an RFC 3339 time"),
        ("[{\"energy\": true, \"measurementTime\": \"2018-03-15T10:30:00Z\"}]", "/0/energy is a boolean, not a number"),
    ])
    func badList(json: String, message: String) {
        #expect(throws: PayloadError.invalid(message)) { try EnergyAPI.measurements(Array(json.utf8)) }
    }
}
