import Encoding
import Testing

@Suite("Hex")
struct HexTests {
    @Test("decodes digits in either case, with or without 0x")
    func decodes() throws {
        #expect(try Hex.decode("") == [])
        #expect(try Hex.decode("0x") == [])
        #expect(try Hex.decode("0X00ff") == [0x00, 0xFF])
        #expect(try Hex.decode("DeadBEEF") == [0xDE, 0xAD, 0xBE, 0xEF])
    }

    @Test("encodes lower case with 0x")
    func encodes() {
        #expect(Hex.encode([UInt8]()) == "0x")
        #expect(Hex.encode([0x00, 0xAB, 0xFF]) == "0x00abff")
    }

    @Test("rejects an odd number of digits, giving the count")
    func oddLength() {
        #expect(throws: HexError.oddLength(digitCount: 3)) { try Hex.decode("0xabc") }
        #expect(HexError.oddLength(digitCount: 3).description == "odd number of hex digits (3): bytes take two digits each")
    }

    @Test("rejects a non-hex character, naming it and its position in the item as written",
          arguments: [("0xzz", "'z' at position 3"), ("ag", "'g' at position 2"), ("abc-", "'-' at position 4"),
                      ("0x0x", "'x' at position 4"), ("ü0", "U+00FC 'ü' at position 1"), ("abc", "nothing")])
    func invalidDigit(text: String, expected: String) {
        do {
            _ = try Hex.decode(text)
            #expect(expected == "nothing")
        } catch .invalidDigit(let character) {
            #expect(character.description == expected)
        } catch {
            #expect(expected == "nothing", "odd length for \(text)")
        }
    }
}
