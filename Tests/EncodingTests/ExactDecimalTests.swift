import Encoding
import Testing

@Suite("Exact decimals")
struct ExactDecimalTests {
    func d(_ text: String) throws -> ExactDecimal { try #require(ExactDecimal(text), "\(text)") }

    @Test("keeps the digits as written", arguments: [
        ("11277.41", "11277.41"), ("336.12", "336.12"), ("250125", "250125"), ("0.000644826913192", "0.000644826913192"),
        ("2.50", "2.5"), ("-0.5", "-0.5"), ("-0", "0"), ("1e3", "1000"), ("1.5e-3", "0.0015"), ("007", "7"), ("0.0", "0"),
    ])
    func roundTrip(text: String, shown: String) throws {
        #expect(try d(text).description == shown)
    }

    @Test("refuses what is not a decimal number", arguments: ["", "abc", "1.", ".5", "+1", "1e", "1,5", " 1", "0x10", "1.2.3"])
    func refuses(text: String) {
        #expect(ExactDecimal(text) == nil)
    }

    @Test("multiplies exactly: MOER in lb/MWh to kg/Wh with the exact pound (WattTime fixtures)", arguments: [
        ("1421.6", "0.000644826913192"), ("850.743982", "0.00038589097905861734"), ("872.1", "0.000395577905877"),
    ])
    func moer(moer: String, kilogramsPerWattHour: String) throws {
        let pound = try d("0.45359237")
        let product = try #require(try d(moer).multiplied(by: pound)?.scaledByPowerOfTen(-6))
        #expect(product.description == kilogramsPerWattHour)
    }

    @Test("limb sums past 2^64 carry exactly (base 10^19 limbs)", arguments: [
        ("9999999999999999999", "9999999999999999999", "19999999999999999998"),
        ("0.9999999999999999999", "0.9999999999999999999", "1.9999999999999999998"),
        ("9300000000000000000", "9300000000000000000", "18600000000000000000"),
        ("99999999999999999999999999999999999999", "1", "100000000000000000000000000000000000000"),
        ("10000000000000000000", "-9999999999999999999", "1"),
        ("-9999999999999999999", "10000000000000000000", "1"),
    ])
    func limbCarries(a: String, b: String, sum: String) throws {
        #expect(try d(a).adding(d(b))?.description == sum)
    }

    @Test("products of many limbs, as Python's integers give them")
    func bigProducts() throws {
        #expect(try d("99999999999999999999999").multiplied(by: d("99999999999999999999999"))?.description
                == "9999999999999999999999800000000000000000000001")
        #expect(try d("9999999999999999999.9999999999999999999").multiplied(by: d("9999999999999999999"))?.description
                == "99999999999999999989999999999999999999.0000000000000000001")
    }

    @Test("adds and subtracts across scales")
    func addition() throws {
        #expect(try d("12304").adding(d("8568"))?.adding(d("63456"))?.description == "84328")
        #expect(try d("0.1").adding(d("0.2"))?.description == "0.3")
        #expect(try d("1").subtracting(d("1.25"))?.description == "-0.25")
        #expect(try d("250.125").scaledByPowerOfTen(3)?.description == "250125")
    }

    @Test("divides with half-to-even rounding at a number of places", arguments: [
        ("3600", 3600, 6, "1"), ("1", 3600, 6, "0.000278"), ("1800", 3600, 6, "0.5"), ("7", 2, 0, "4"), ("5", 2, 0, "2"),
        ("0.0000005", 1, 6, "0"), ("0.0000015", 1, 6, "0.000002"), ("0.00000151", 1, 6, "0.000002"), ("10", 3, 6, "3.333333"),
        ("20", 3, 6, "6.666667"),
    ] as [(String, UInt64, Int, String)])
    func division(value: String, divisor: UInt64, places: Int, expected: String) throws {
        #expect(try d(value).divided(by: divisor, places: places)?.description == expected)
    }

    @Test("truncates towards zero, and compares by value")
    func truncationAndOrder() throws {
        #expect(try d("336.99").truncated(toPlaces: 0).description == "336")
        #expect(try d("2.5") == d("2.50"))
        #expect(try d("-1") < d("0.5"))
        #expect(try !(d("3") < d("2.999")))
    }
}
