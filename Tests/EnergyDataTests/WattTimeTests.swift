import Encoding
import EnergyData
import Testing

@Suite("WattTime answers")
struct WattTimeTests {
    @Test("each version's reading as the fixture README lists it", arguments: [
        (WattTime.API.v1, WattTime.Signal.index, "v1-marginal.json", "PJM", "2017-11-17T15:00:00Z", "1421.6", "0.000644826913192", nil),
        (.v2, .index, "v2-index.json", "CAISO_NORTH", "2019-01-29T14:55:00Z", "850.743982", "0.00038589097905861734", "53"),
        (.v3, .index, "v3-signal-index.json", "CAISO_NORTH", "2024-05-14T16:05:00Z", nil, nil, "62"),
        (.v3, .moer, "v3-historical.json", "CAISO_NORTH", "2024-05-14T16:10:00Z", "872.1", "0.000395577905877", nil),
    ] as [(WattTime.API, WattTime.Signal, String, String, String, String?, String?, String?)])
    func readings(api: WattTime.API, signal: WattTime.Signal, file: String, region: String, measuredAt: String,
                  moer: String?, rate: String?, percentile: String?) throws {
        let reading = try WattTime.reading(FixtureFiles.bytes("watttime/" + file), api: api, signal: signal, location: nil)
        #expect(reading.region == region)
        #expect(reading.signalType == "co2_moer")
        #expect(reading.measuredEpoch == RFC3339.epoch(measuredAt))
        #expect(reading.moerLbPerMWh?.description == moer)
        #expect(reading.co2KgPerWh?.description == rate)
        #expect(reading.percentile?.description == percentile)
    }

    @Test("a v3 historical answer's latest point wins, whatever the order")
    func latestPoint() throws {
        let json = """
            {"data": [{"point_time": "2024-05-14T16:10:00+00:00", "value": 1}, {"point_time": "2024-05-14T18:00:00+02:00", "value": 2},
             {"point_time": "2024-05-14T16:05:00Z", "value": 3}], "meta": {"region": "X", "signal_type": "co2_moer"}}
            """
        let reading = try WattTime.reading(Array(json.utf8), api: .v3, signal: .moer, location: nil)
        #expect(reading.moerLbPerMWh?.description == "1")
        #expect(reading.measuredEpoch == RFC3339.epoch("2024-05-14T16:10:00Z"))
    }

    @Test("answers without what the version reads name the JSON pointer", arguments: [
        (WattTime.API.v1, WattTime.Signal.index, "{\"results\": []}", "/results is empty or not an array: no marginal emissions in the window"),
        (.v2, .index, "{\"ba\": \"X\", \"moer\": \"n/a\", \"percent\": \"1\", \"point_time\": \"2019-01-29T14:55:00Z\"}", "/moer: 'n/a' is not a number"),
        (.v3, .index, "{\"data\": [], \"meta\": {\"region\": \"X\", \"signal_type\": \"co2_moer\"}}", "/data is empty or not an array: no data point in the window"),
        (.v3, .moer, "{\"data\": {}}", "/data is empty or not an array: no data point in the window"),
        (.v3, .index, "<html>", "invalid JSON at column 1: unexpected '<', expected a value"),
    ] as [(WattTime.API, WattTime.Signal, String, String)])
    func refused(api: WattTime.API, signal: WattTime.Signal, json: String, message: String) {
        #expect(throws: PayloadError.invalid(message)) { try WattTime.reading(Array(json.utf8), api: api, signal: signal, location: nil) }
    }
}
