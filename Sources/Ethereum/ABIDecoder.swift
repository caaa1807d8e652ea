/// Decoding ABI-encoded data (a call's return data) into ``ABIValue``s of given types, strictly
/// as eth-abi decodes it (Solidity documentation, "Contract ABI Specification"): every word
/// must lie inside the data, padding must be zero, a bool must be 0 or 1, an int must be sign
/// extended, an offset must point inside the data, and a string must be UTF-8.
public enum ABIDecoder {
    /// The values of `types`, decoded as one tuple from `data`.
    /// - Throws: ``ABIError/badData(_:)`` naming the value and what is wrong.
    public static func decode(_ types: [ABIType], from data: [UInt8]) throws(ABIError) -> [ABIValue] {
        var reader = Reader(data: data)
        return try reader.tuple(types, at: 0, path: "")
    }

    struct Reader {
        let data: [UInt8]
        /// How many values a decode may make: a guard against data whose lengths claim
        /// millions of elements.
        var budget = 1 << 20

        func word(at offset: Int, _ path: String) throws(ABIError) -> ArraySlice<UInt8> {
            guard offset >= 0, offset <= data.count - 32 else {
                throw .badData("\(name(path)): the data ends at byte \(data.count), before the word at byte \(offset)")
            }
            return data[offset..<(offset + 32)]
        }

        func name(_ path: String) -> String { path.isEmpty ? "the values" : "value \(path)" }

        /// A word read as a length or an offset: a small unsigned number.
        func count(at offset: Int, _ path: String, what: String) throws(ABIError) -> Int {
            let bytes = try word(at: offset, path)
            guard bytes.prefix(24).allSatisfy({ $0 == 0 }) else {
                throw .badData("\(name(path)): the \(what) at byte \(offset) is larger than the data")
            }
            let value = bytes.suffix(8).reduce(0) { $0 << 8 | Int($1) }
            guard value >= 0, value <= data.count else {
                throw .badData("\(name(path)): the \(what) at byte \(offset) (\(value)) is larger than the data")
            }
            return value
        }

        mutating func tuple(_ types: [ABIType], at start: Int, path: String) throws(ABIError) -> [ABIValue] {
            var values: [ABIValue] = []
            var head = start
            for (index, type) in types.enumerated() {
                let itemPath = path.isEmpty ? "\(index)" : "\(path).\(index)"
                if type.isDynamic {
                    let offset = try count(at: head, itemPath, what: "offset")
                    values.append(try value(type, at: start + offset, path: itemPath))
                    head += 32
                } else {
                    values.append(try value(type, at: head, path: itemPath))
                    head += type.staticSize
                }
            }
            return values
        }

        mutating func value(_ type: ABIType, at offset: Int, path: String) throws(ABIError) -> ABIValue {
            budget -= 1
            guard budget > 0 else { throw .badData("\(name(path)): more values than bond decodes (\(1 << 20))") }
            switch type {
            case .uint(let bits):
                let bytes = try word(at: offset, path)
                guard bytes.prefix(32 - bits / 8).allSatisfy({ $0 == 0 }), let number = UInt256(bigEndian: bytes) else {
                    throw .badData("\(name(path)): the word does not fit uint\(bits)")
                }
                return .uint(number)
            case .int(let bits):
                let bytes = Array(try word(at: offset, path))
                let negative = bytes[32 - bits / 8] & 0x80 != 0
                guard bytes.prefix(32 - bits / 8).allSatisfy({ $0 == (negative ? 0xFF : 0) }) else {
                    throw .badData("\(name(path)): the word is not an int\(bits) (bad sign extension)")
                }
                return .int(UInt256(bigEndian: bytes) ?? .zero)
            case .address:
                let bytes = try word(at: offset, path)
                guard bytes.prefix(12).allSatisfy({ $0 == 0 }) else {
                    throw .badData("\(name(path)): an address must be padded with 12 zero bytes")
                }
                guard let address = Address(bytes: Array(bytes.suffix(20))) else { throw .badData("\(name(path)): not an address") }
                return .address(address)
            case .bool:
                let bytes = try word(at: offset, path)
                guard bytes.prefix(31).allSatisfy({ $0 == 0 }), bytes.last! <= 1 else {
                    throw .badData("\(name(path)): a bool must be 0 or 1")
                }
                return .bool(bytes.last == 1)
            case .fixedBytes(let size):
                let bytes = try word(at: offset, path)
                guard bytes.suffix(32 - size).allSatisfy({ $0 == 0 }) else {
                    throw .badData("\(name(path)): bytes\(size) must be padded with zero bytes")
                }
                return .fixedBytes(Array(bytes.prefix(size)))
            case .bytes, .string:
                let length = try count(at: offset, path, what: "length")
                let start = offset + 32
                let padded = (length + 31) / 32 * 32
                guard start <= data.count, padded <= data.count - start else {
                    throw .badData("\(name(path)): \(length) bytes at byte \(start) run past the end of the data")
                }
                guard data[(start + length)..<(start + padded)].allSatisfy({ $0 == 0 }) else {
                    throw .badData("\(name(path)): the padding after its \(length) bytes is not zero")
                }
                let bytes = Array(data[start..<(start + length)])
                if type == .bytes { return .bytes(bytes) }
                guard let text = String(validating: bytes, as: UTF8.self) else {
                    throw .badData("\(name(path)): the string is not UTF-8")
                }
                return .string(text)
            case .array(let element, let fixed):
                var start = offset
                let length: Int
                if let fixed {
                    length = fixed
                } else {
                    length = try count(at: offset, path, what: "length")
                    start += 32
                }
                // Each element takes at least a word: more than the data holds cannot be.
                guard length <= (data.count - min(start, data.count)) / 32 else {
                    throw .badData("\(name(path)): \(length) elements do not fit in the data")
                }
                let values = try tuple(Array(repeating: element, count: length), at: start, path: path)
                return .array(values, dynamicLength: fixed == nil)
            case .tuple(let members):
                return .tuple(try tuple(members, at: offset, path: path))
            }
        }
    }
}
