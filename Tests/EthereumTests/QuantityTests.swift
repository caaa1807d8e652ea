import Ethereum
import Testing

@Suite("Quantities and units")
struct QuantityTests {
    @Test("reads whole numbers, hex and amounts with units as cast does", arguments: [
        ("0", "0"), ("21000", "21000"), ("0x5208", "21000"), ("1ether", "1000000000000000000"),
        ("10gwei", "10000000000"), ("0.5gwei", "500000000"), ("21000wei", "21000"), ("1.5 ether", "1500000000000000000"),
        (".25ether", "250000000000000000"), ("1finney", "1000000000000000"),
        ("115792089237316195423570985008687907853269984665640564039457584007913129639935",
         "115792089237316195423570985008687907853269984665640564039457584007913129639935"),
    ])
    func parses(text: String, expected: String) throws {
        #expect(try Quantity.parse(text).description == expected)
    }

    @Test("reads JSON number literals when whole, exponents included", arguments: [
        ("1e18", "1000000000000000000"), ("2.5e3", "2500"), ("100", "100"), ("1.0", "1"),
    ])
    func jsonNumbers(text: String, expected: String) throws {
        #expect(try Quantity.parse(jsonNumber: text).description == expected)
    }

    @Test("refuses negatives, fractions of a wei, overflow and non-numbers", arguments: [
        ("-1", "'-1' is negative"),
        ("0.5wei", "'0.5wei' has a fraction of a wei"),
        ("1.0000000001gwei", "'1.0000000001gwei' has a fraction of a wei"),
        ("115792089237316195423570985008687907853269984665640564039457584007913129639936", "'115792089237316195423570985008687907853269984665640564039457584007913129639936' is larger than 2^256-1"),
        ("abc", "'abc' is not a quantity: expected a whole number, a 0x hex quantity, or a number with a unit (wei, gwei, ether)"),
        ("1 eth", "'1 eth' is not a quantity: expected a whole number, a 0x hex quantity, or a number with a unit (wei, gwei, ether)"),
        ("0x", "'0x' is not a quantity: expected a whole number, a 0x hex quantity, or a number with a unit (wei, gwei, ether)"),
        ("1.", "'1.' is not a quantity: expected a whole number, a 0x hex quantity, or a number with a unit (wei, gwei, ether)"),
    ])
    func refuses(text: String, message: String) {
        do {
            _ = try Quantity.parse(text)
            Issue.record("accepted \(text)")
        } catch {
            #expect(error.description == message)
        }
    }

    @Test("a nonce over 2^64-1 is out of range")
    func nonceRange() throws {
        #expect(try Quantity.parse("18446744073709551615", maximum: UInt256(UInt64.max)) == UInt256(UInt64.max))
        #expect(throws: QuantityError.tooLarge("18446744073709551616", maximum: UInt256(UInt64.max))) {
            try Quantity.parse("18446744073709551616", maximum: UInt256(UInt64.max))
        }
        #expect(QuantityError.tooLarge("18446744073709551616", maximum: UInt256(UInt64.max)).description == "'18446744073709551616' is larger than 2^64-1")
    }
}
