import Encoding
import Ethereum
import Foundation
import Testing

@Suite("ABI decoding (bond call's return values)")
struct ABIDecoderTests {
    struct Vectors: Decodable {
        struct Valid: Decodable {
            let types: [String]
            let data: String
        }
        let valid: [Valid]
        let invalid: [Valid]
    }

    /// A decoded value as the vectors write it: integers as decimal strings, addresses in
    /// lower-case hex, bytes as 0x hex, lists for arrays and tuples.
    func shown(_ value: ABIValue, _ type: ABIType) -> JSONValue {
        switch (value, type) {
        case (.uint(let number), _): return .string(number.description)
        case (.int(let word), _):
            return .string(word.bigEndianBytes[0] & 0x80 != 0 ? "-" + word.twosComplement.description : word.description)
        case (.address(let address), _): return .string(Hex.encode(address.bytes))
        case (.bool(let flag), _): return .bool(flag)
        case (.fixedBytes(let bytes), _), (.bytes(let bytes), _): return .string(Hex.encode(bytes))
        case (.string(let text), _): return .string(text)
        case (.array(let elements, _), .array(let element, _)): return .array(elements.map { shown($0, element) })
        case (.tuple(let members), .tuple(let types)): return .array(zip(members, types).map { shown($0, $1) })
        default: return .null
        }
    }

    func load() throws -> (Vectors, JSONValue) {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Vectors/abi-decode-eth-abi.json")
        let data = try Data(contentsOf: url)
        return (try JSONDecoder().decode(Vectors.self, from: data), try JSONParser.parse(Array(data)))
    }

    @Test("decodes 800 encodings as eth-abi does: random values of every type, and changed data eth-abi still takes")
    func valid() throws {
        let (vectors, json) = try load()
        guard case .array(let expected)? = json.objectValue?["valid"] else { Issue.record("no valid vectors"); return }
        #expect(vectors.valid.count == 800)
        for (vector, raw) in zip(vectors.valid, expected) {
            let types = try vector.types.map { try ABIType.parse($0) }
            let values = try ABIDecoder.decode(types, from: try Hex.decode(vector.data))
            #expect(JSONValue.array(zip(values, types).map { shown($0, $1) }) == raw.objectValue?["values"], "\(vector.types) \(vector.data)")
        }
    }

    @Test("refuses what eth-abi's strict decoding refuses: padding, bools, sign extension, offsets, lengths, short data, UTF-8")
    func invalid() throws {
        let (vectors, _) = try load()
        #expect(vectors.invalid.count > 500)
        for vector in vectors.invalid {
            let types = try vector.types.map { try ABIType.parse($0) }
            #expect(throws: ABIError.self, "\(vector.types) \(vector.data)") {
                try ABIDecoder.decode(types, from: try Hex.decode(vector.data))
            }
        }
    }

    @Test("a bytes32 return, as getLastSmartMeterReadFileHash gives it")
    func bytes32() throws {
        let hash = [UInt8](repeating: 0xAB, count: 32)
        #expect(try ABIDecoder.decode([.fixedBytes(32)], from: hash) == [.fixedBytes(hash)])
        #expect(throws: ABIError.badData("value 0: the data ends at byte 31, before the word at byte 0")) {
            try ABIDecoder.decode([.fixedBytes(32)], from: Array(hash.dropLast()))
        }
    }
}
