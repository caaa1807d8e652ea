@testable import EnergyData
import Encoding
import Testing

/// SunSpec over Modbus registers: points decoded by type with their not-implemented values
/// (SunSpec Modbus specification, "Data types"), the model chain, the register dump, and the
/// plan of reads that never separates a value from its scale factor.
@Suite("SunSpec register maps")
struct SunSpecRegisterTests {
    static func layout(_ type: SunSpec.PointType, size: Int) -> SunSpec.PointLayout {
        SunSpec.PointLayout("P", offset: 0, size: size, type: type, scaleFactor: nil)
    }

    @Test("point values by type; each type's not-implemented value is nil", arguments: [
        (SunSpec.PointType.uint16, [0x1234] as [UInt16], "4660" as String?), (.uint16, [0xFFFF], nil),
        (.int16, [0xFFFE], "-2"), (.int16, [0x8000], nil), (.sunssf, [0xFFFD], "-3"), (.sunssf, [0x8000], nil),
        (.acc16, [7], "7"), (.acc16, [0], nil),
        (.uint32, [0x0001, 0x0000], "65536"), (.uint32, [0xFFFF, 0xFFFF], nil),
        (.int32, [0xFFFF, 0xFFFF], "-1"), (.int32, [0x8000, 0x0000], nil),
        (.acc32, [0xBC61, 0x4E], "3160473678"), (.acc32, [0, 0], nil),
        (.uint64, [0, 1, 0x7048, 0x860D], "6178768397"), (.uint64, [0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF], nil),
        (.int64, [0xFFFF, 0xFFFF, 0xFFFF, 0xFFFE], "-2"), (.int64, [0x8000, 0, 0, 0], nil),
        (.acc64, [0, 0, 0, 1], "1"), (.acc64, [0, 0, 0, 0], nil),
        // float32: 12345.67f is 0x4640E6AE; 2.5e7 is 0x4BBEBC20; NaN 0x7FC00000.
        (.float32, [0x4640, 0xE6AE], "12345.67"), (.float32, [0x4BBE, 0xBC20], "2.5e+07"), (.float32, [0x7FC0, 0], nil),
        (.string, [0x4142, 0x4300, 0x0000], "ABC"), (.string, [0, 0, 0], nil), (.string, [0x4107, 0x2020], "A?"),
    ])
    func value(type: SunSpec.PointType, registers: [UInt16], expected: String?) {
        #expect(Self.layout(type, size: registers.count).value(registers[...]) == expected)
    }

    @Test("a float32 point becomes the shortest decimal that reads back as the same float32, never a binary artifact")
    func floatShortest() throws {
        for bits: UInt32 in [0x4640E6AE, 0x4BBEBC20, 0x3A83126F, 0x49969B1F, 0x00000001, 0x7F7FFFFF] {
            let text = try #require(Self.layout(.float32, size: 2).value([UInt16(bits >> 16), UInt16(bits & 0xFFFF)][...]))
            let exact = try #require(ExactDecimal(text))
            #expect(Float(exact.description)?.bitPattern == bits, "\(text)")
        }
    }

    @Test("reads are at most 125 registers, cover the map once, and never cut a value from its scale factor")
    func plan() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let start = Int.random(in: 0...40000, using: &generator)
            let end = start + Int.random(in: 1...900, using: &generator)
            var keeping: [ClosedRange<Int>] = []
            var position = start
            while true {
                position += Int.random(in: 0...150, using: &generator)
                let length = Int.random(in: 1...110, using: &generator)
                guard position + length <= end else { break }
                keeping.append(position...(position + length - 1))
                position += length
            }
            let reads = SunSpec.plan(from: start, to: end, keeping: keeping)
            #expect(reads.first?.lowerBound == start && reads.last?.upperBound == end)
            for (read, next) in zip(reads, reads.dropFirst()) { #expect(read.upperBound == next.lowerBound) }
            for read in reads { #expect((1...125).contains(read.count)) }
            for range in keeping {
                #expect(reads.contains { $0.contains(range.lowerBound) && $0.contains(range.upperBound) }, "\(range) in \(reads)")
            }
        }
    }

    @Test("the ranges kept whole: 203's TotWhExp through TotWh_SF, 701's TotWhInj through TotWh_SF, an inverter's WH and WH_SF, 213's float32 TotWhExp through TotWhImp")
    func together() {
        let models = [SunSpec.ModelHeader(id: 1, address: 40002, length: 66), SunSpec.ModelHeader(id: 203, address: 40070, length: 105),
                      SunSpec.ModelHeader(id: 701, address: 40177, length: 153), SunSpec.ModelHeader(id: 103, address: 40332, length: 50),
                      SunSpec.ModelHeader(id: 213, address: 40384, length: 124)]
        #expect(SunSpec.together(models) == [40108...40124, 40196...40297, 40356...40358, 40444...40453])
    }

    static let common: [UInt16] = [1, 66] + [UInt16](repeating: 0, count: 66)

    @Test("a map's model chain; a dump round-trips to the same map")
    func mapAndDump() throws {
        let meter: [UInt16] = [203, 105] + [UInt16](repeating: 0, count: 105)
        let map = try SunSpec.RegisterMap(base: 40000, unitID: 3, registers: SunSpec.marker + Self.common + meter + [0xFFFF, 0])
        #expect(map.models == [SunSpec.ModelHeader(id: 1, address: 40002, length: 66), SunSpec.ModelHeader(id: 203, address: 40070, length: 105)])
        var text: [UInt8] = []
        JSONWriter.append(map.dump, to: &text)
        #expect(try SunSpec.RegisterMap(dump: text) == map)
        #expect(map.bytes.count == 2 * map.registers.count)
    }

    @Test("a broken chain is refused with where and why", arguments: [
        ([0, 0], "register 40002 holds model id 0, which is no model: the chain is broken before its end marker 0xFFFF"),
        ([0x5375, 0x6E53], "the model chain repeats: the SunS marker again at register 40002"),
        ([64001, 30000], "model 64001 at register 40002 has length 30000, which runs past register 65535"),
        ([1, 66], "the model chain ends at register 40070 without the end marker 0xFFFF: the device has no registers there"),
        ([1], "the model chain ends at register 40002 inside model 1's header"),
    ] as [([UInt16], String)])
    func brokenChain(registers: [UInt16], message: String) {
        #expect(throws: PayloadError.invalid(message)) {
            try SunSpec.RegisterMap(base: 40000, unitID: 1, registers: SunSpec.marker + registers + [UInt16](repeating: 0, count: registers.count == 2 && registers[0] == 1 ? 66 : 0))
        }
    }

    @Test("a dump of the marker alone says it has no chain")
    func markerAlone() {
        #expect(throws: PayloadError.invalid("the registers at 40000 hold the SunSpec marker and no model chain: no end marker 0xFFFF")) {
            try SunSpec.RegisterMap(base: 40000, unitID: 1, registers: SunSpec.marker)
        }
    }

    @Test("a string point's control and format characters (a right-to-left override) become '?'")
    func stringCharacters() {
        // "A", U+202E (E2 80 AE), "B", NUL padding.
        #expect(Self.layout(.string, size: 3).value([0x41E2, 0x80AE, 0x4200][...]) == "A?B")
    }

    @Test("a chain of more than 256 models is refused")
    func tooManyModels() {
        let chain = [UInt16]((0..<300).flatMap { _ in [64000 as UInt16, 0] }) + [0xFFFF, 0]
        #expect(throws: PayloadError.invalid("the model chain has more than 256 models without the end marker 0xFFFF")) {
            try SunSpec.RegisterMap(base: 0, unitID: 1, registers: SunSpec.marker + chain)
        }
    }
}
