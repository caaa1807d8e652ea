import Encoding
import Foundation
import Testing

@Suite("RLP")
struct RLPTests {
    /// Big-endian bytes of a decimal integer, without leading zeros (the test data's "#..." form).
    static func integerBytes(_ decimal: String) -> [UInt8] {
        var bytes: [UInt8] = []
        for digit in decimal.utf8 {
            var carry = Int(digit - 48)
            for i in stride(from: bytes.count - 1, through: 0, by: -1) {
                let value = Int(bytes[i]) * 10 + carry
                bytes[i] = UInt8(value & 0xFF)
                carry = value >> 8
            }
            while carry > 0 {
                bytes.insert(UInt8(carry & 0xFF), at: 0)
                carry >>= 8
            }
        }
        return bytes
    }

    /// The RLP item the test data's "in" value stands for.
    static func item(_ value: Any) -> RLPItem {
        switch value {
        case let list as [Any]: return .list(list.map(item))
        case let text as String where text.hasPrefix("#"): return .bytes(integerBytes(String(text.dropFirst())))
        case let text as String: return .bytes(Array(text.utf8))
        case let number as NSNumber: return .bytes(integerBytes(number.stringValue))
        default: return .bytes([])
        }
    }

    static func tests(_ file: String) throws -> [String: Any] {
        try #require(try VectorFile.json(file)["tests"] as? [String: Any])
    }

    @Test("encodes every valid ethereum/tests RLPTests vector, and decodes each back")
    func validVectors() throws {
        let tests = try Self.tests("ethereum-tests-rlptest.json")
        #expect(tests.count == 28)
        for (name, test) in tests {
            let test = try #require(test as? [String: Any])
            let expected = try Hex.decode(try #require(test["out"] as? String))
            let item = Self.item(test["in"]!)
            #expect(RLP.encode(item) == expected, "\(name)")
            #expect(RLP.encodedCount(item) == expected.count, "\(name)")
            #expect(try RLP.decode(expected) == item, "\(name)")
        }
    }

    @Test("rejects every invalid ethereum/tests RLPTests vector")
    func invalidVectors() throws {
        let tests = try Self.tests("ethereum-tests-invalidRLPTest.json")
        #expect(tests.count == 17)
        for (name, out) in tests {
            let bytes = try Hex.decode(try #require(out as? String))
            #expect(throws: RLPError.self, "\(name)") { try RLP.decode(bytes) }
        }
    }

    @Test("names what is wrong with each non-canonical or broken encoding", arguments: [
        ("8100", "non-canonical RLP at byte 0: a single byte below 0x80 must not have a prefix"),
        ("b800", "non-canonical RLP at byte 0: a length must not start with a zero byte"),
        ("b801ff", "non-canonical RLP at byte 0: a length of 1 must use the short form"),
        ("83646f", "RLP item at byte 0 announces 3 bytes but only 2 follow"),
        ("c2830102", "RLP item at byte 1 announces 3 bytes but only 1 follow"),
        ("8180ff", "1 byte after the RLP item, from byte 2"),
        ("", "RLP ends early at byte 0"),
        ("b9", "RLP ends early at byte 1"),
        ("bf0f000000000000021111", "RLP item at byte 0 has a length of more than 7 bytes"),
    ])
    func errorMessages(hex: String, message: String) throws {
        let bytes = try Hex.decode(hex)
        do {
            _ = try RLP.decode(bytes)
            Issue.record("\(hex) decoded")
        } catch {
            #expect(error.description == message)
        }
    }
}
