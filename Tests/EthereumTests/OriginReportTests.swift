import Encoding
import Ethereum
import Hashing
import Foundation
import Testing

@Suite("Origin saveSmartMeterRead calls from chain-log lines")
struct OriginReportTests {
    static let hash = "0x" + String(repeating: "ab", count: 32)
    static let registry = try! Address("0x" + String(repeating: "77", count: 20))

    /// A chain-log line; each gets its own chain hash unless one is given.
    func record(_ upstream: String, hash: String? = nil) throws -> JSONValue {
        let hash = hash ?? "0x" + (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255)) }.joined()
        return try JSONParser.parse(Array("{\"index\": 0, \"chain_hash\": \"\(hash)\", \"upstream\": \(upstream)}".utf8))
    }

    func energy(_ wh: String, accumulated: Bool = true) -> String {
        "{\"kind\": \"energy\", \"energy_wh\": \(wh), \"is_accumulated\": \(accumulated), \"measured_epoch\": 1520533097}"
    }

    func d(_ text: String) -> ExactDecimal { ExactDecimal(text)! }

    @Test("an accumulated reading is sent rounded down; the first run adds no CO2, later ones the exact product")
    func producerCO2() throws {
        let rate = d("0.000395577905877")
        let first = try OriginReport.report(record: try record(energy("11277.41")), contract: .producer, registry: Self.registry, assetID: UInt256(7),
                                            state: nil, co2KgPerWh: rate, meterDown: false)
        #expect(first.newMeterRead == UInt256(11277))
        #expect(first.co2OffsetMeterRead == .zero)
        #expect(!first.co2OffsetServiceDown)
        let second = try OriginReport.report(record: try record(energy("11377.66")), contract: .producer, registry: Self.registry, assetID: UInt256(7),
                                             state: first.state, co2KgPerWh: rate, meterDown: false)
        // (11377.66 - 11277.41) Wh x 0.000395577905877 kg/Wh x 1,000 = 39.65668506416925 g, kept to nine decimals.
        #expect(second.state.co2OffsetGrams.description == "39.656685064")
        #expect(second.co2OffsetMeterRead == UInt256(39))
        #expect(second.newMeterRead == UInt256(11377))
        let calldata = OriginContract.producer.signature.calldata(second.arguments(.producer))
        #expect(Hex.encode(Array(calldata.prefix(4))) == Hex.encode(OriginContract.producer.signature.selector))
        #expect(calldata.count == 4 + 6 * 32)
    }

    @Test("a lower reading is sent but never counted: the state keeps the highest, CO2 is not counted twice")
    func lowerReading() throws {
        let rate = d("0.0004")
        var state: OriginState?
        var sent: [UInt256] = []
        for wh in ["1000", "2000.5", "1500", "2500"] {
            let report = try OriginReport.report(record: try record(energy(wh)), contract: .producer, registry: Self.registry,
                                                 assetID: UInt256(7), state: state, co2KgPerWh: rate, meterDown: false)
            sent.append(report.newMeterRead)
            state = report.state
        }
        #expect(sent == [UInt256(1000), UInt256(2000), UInt256(1500), UInt256(2500)])
        // (2500 - 1000) Wh x 0.0004 kg/Wh x 1,000 = 600 g, counted once.
        #expect(state?.co2OffsetGrams.description == "600")
        #expect(state?.meterReadWh.description == "2500")
    }

    @Test("a rate whose product passes what exact decimals hold reports the CO2 service down instead of dropping it")
    func overflowingRate() throws {
        let first = try OriginReport.report(record: try record(energy("1")), contract: .producer, registry: Self.registry,
                                            assetID: UInt256(7), state: nil, co2KgPerWh: d("0.0004"), meterDown: false)
        let huge = try OriginReport.report(record: try record(energy("2." + String(repeating: "1", count: 60))), contract: .producer,
                                           registry: Self.registry, assetID: UInt256(7), state: first.state,
                                           co2KgPerWh: d("0." + String(repeating: "9", count: 40)), meterDown: false)
        #expect(huge.co2OffsetServiceDown)
        #expect(huge.state.co2OffsetGrams == first.state.co2OffsetGrams)
    }

    @Test("interval readings add up to the running total; no rate means the CO2 service is down and the counter stays")
    func intervals() throws {
        var state: OriginState?
        var totals: [UInt256] = []
        for wh in ["12304", "8568.5", "63456.75"] {
            let report = try OriginReport.report(record: try record(energy(wh, accumulated: false)), contract: .producer,
                                                 registry: Self.registry, assetID: UInt256(8), state: state, co2KgPerWh: nil, meterDown: false)
            #expect(report.co2OffsetServiceDown)
            #expect(report.co2OffsetMeterRead == .zero)
            state = report.state
            totals.append(report.newMeterRead)
        }
        #expect(totals == [UInt256(12304), UInt256(20872), UInt256(84329)])
        #expect(state?.meterReadWh.description == "84329.25")
    }

    @Test("a meter_down line, or --meter-down, repeats the last reading with _smartMeterDown; without one it cannot")
    func meterDown() throws {
        let down = try record("{\"kind\": \"energy\", \"driver\": \"eumel\", \"meter_down\": true, \"error\": {}}", hash: "0x" + String(repeating: "cd", count: 32))
        #expect(throws: OriginError.nothingToRepeat) {
            try OriginReport.report(record: down, contract: .consumer, registry: Self.registry, assetID: UInt256(1), state: nil, co2KgPerWh: nil, meterDown: false)
        }
        let first = try OriginReport.report(record: try record(energy("336.12")), contract: .consumer, registry: Self.registry, assetID: UInt256(1),
                                            state: nil, co2KgPerWh: nil, meterDown: false)
        let repeated = try OriginReport.report(record: down, contract: .consumer, registry: Self.registry, assetID: UInt256(1), state: first.state,
                                               co2KgPerWh: nil, meterDown: false)
        #expect(repeated.smartMeterDown && repeated.newMeterRead == UInt256(336))
        #expect(Hex.encode(repeated.fileHash) == "0x" + String(repeating: "cd", count: 32))
        let forced = try OriginReport.report(record: try record(energy("400")), contract: .consumer, registry: Self.registry, assetID: UInt256(1),
                                             state: first.state, co2KgPerWh: nil, meterDown: true)
        #expect(forced.smartMeterDown && forced.newMeterRead == UInt256(336))
        #expect(forced.arguments(.consumer)[1] == .uint(UInt256(336)))
        #expect(forced.arguments(.consumer)[3] == .bool(true))
        // The same log entry twice is refused.
        #expect(throws: OriginError.self) {
            try OriginReport.report(record: try record(energy("500"), hash: Hex.encode(forced.fileHash)), contract: .consumer,
                                    registry: Self.registry, assetID: UInt256(1), state: forced.state, co2KgPerWh: nil, meterDown: false)
        }
    }

    @Test("lines that are not chain-log lines of an energy reading are refused, naming what is missing", arguments: [
        ("{\"energy_wh\": 1}", "expected a chain-log append line: no 32-byte \"chain_hash\" (pipe bond read-meter through bond chain-log append)"),
        ("{\"chain_hash\": \"\(OriginReportTests.hash)\"}", "the chain-log line has no \"upstream\" object: the logged entry is not a bond read-meter line"),
        ("{\"chain_hash\": \"\(OriginReportTests.hash)\", \"upstream\": {\"kind\": \"carbon\"}}", "upstream.kind is \"carbon\", not \"energy\": only energy readings go to the registries"),
        ("{\"chain_hash\": \"\(OriginReportTests.hash)\", \"upstream\": {\"kind\": \"energy\", \"energy_wh\": -1, \"is_accumulated\": true}}", "upstream.energy_wh is missing or not a non-negative number"),
        ("{\"chain_hash\": \"\(OriginReportTests.hash)\", \"upstream\": {\"kind\": \"energy\", \"energy_wh\": 1}}", "upstream.is_accumulated is missing or not a boolean"),
    ])
    func badRecords(line: String, message: String) throws {
        let error = #expect(throws: OriginError.self) {
            try OriginReport.report(record: try JSONParser.parse(Array(line.utf8)), contract: .producer, registry: Self.registry, assetID: UInt256(1),
                                    state: nil, co2KgPerWh: nil, meterDown: false)
        }
        // As the command line words it: the reading and the log's append by their commands.
        #expect(error?.description(naming: { ["Reading": "bond read-meter", "ChainLog.append": "bond chain-log append"][$0] }) == message)
    }

    @Test("the state file round-trips exactly and refuses another asset's or contract's")
    func stateFile() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("bond-origin-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let state = OriginState(contract: .producer, registry: Self.registry, assetID: UInt256(7), meterReadWh: d("11377.66"), co2OffsetGrams: d("39.656685064"),
                                chainHash: try #require(Bytes32(hex: Self.hash)), measuredEpoch: 1_520_533_097)
        try state.write(path)
        #expect(try OriginState.read(path, contract: .producer, registry: Self.registry, assetID: UInt256(7)) == state)
        #expect(throws: OriginError.badState(path, "it belongs to asset 7, not 8: give each asset its own state file")) {
            try OriginState.read(path, contract: .producer, registry: Self.registry, assetID: UInt256(8))
        }
        #expect(throws: OriginError.badState(path, "it belongs to a producer contract, not a consumer one")) {
            try OriginState.read(path, contract: .consumer, registry: Self.registry, assetID: UInt256(7))
        }
        #expect(try OriginState.read(path + ".missing", contract: .producer, registry: Self.registry, assetID: UInt256(7)) == nil)
    }
}
