/// A value of an ABI type, checked against it.
public indirect enum ABIValue: Equatable, Sendable {
    /// An unsigned integer that fits its type's bits.
    case uint(UInt256)
    /// A signed integer as its 256-bit two's complement word.
    case int(UInt256)
    case address(Address)
    case bool(Bool)
    /// `bytes<M>`: exactly M bytes.
    case fixedBytes([UInt8])
    case bytes([UInt8])
    case string(String)
    /// The elements of `T[k]` (`dynamicLength` false) or `T[]` (true).
    case array([ABIValue], dynamicLength: Bool)
    case tuple([ABIValue])

    /// Whether the value is encoded out of place (Solidity ABI specification: dynamic types).
    var isDynamic: Bool {
        switch self {
        case .bytes, .string: return true
        case .array(let elements, let dynamicLength): return dynamicLength || elements.contains { $0.isDynamic }
        case .tuple(let members): return members.contains { $0.isDynamic }
        default: return false
        }
    }
}

/// The Solidity ABI encoding (Solidity documentation, "Contract ABI Specification", formal
/// specification of the encoding): static values in place, in 32-byte words; dynamic values
/// behind an offset from the start of the enclosing tuple or array.
public enum ABIEncoder {
    /// The encoding of `values` as one tuple: a function call's arguments.
    public static func encode(_ values: [ABIValue]) -> [UInt8] {
        var out: [UInt8] = []
        appendTuple(values, to: &out)
        return out
    }

    private static func appendTuple(_ values: [ABIValue], to out: inout [UInt8]) {
        let headSize = values.reduce(0) { $0 + ($1.isDynamic ? 32 : staticSize($1)) }
        var tail: [UInt8] = []
        for value in values {
            if value.isDynamic {
                appendWord(UInt256(UInt64(headSize + tail.count)), to: &out)
                append(value, to: &tail)
            } else {
                append(value, to: &out)
            }
        }
        out.append(contentsOf: tail)
    }

    private static func staticSize(_ value: ABIValue) -> Int {
        switch value {
        case .array(let elements, _): return elements.reduce(0) { $0 + staticSize($1) }
        case .tuple(let members): return members.reduce(0) { $0 + staticSize($1) }
        default: return 32
        }
    }

    private static func append(_ value: ABIValue, to out: inout [UInt8]) {
        switch value {
        case .uint(let number), .int(let number):
            appendWord(number, to: &out)
        case .address(let address):
            out.append(contentsOf: [UInt8](repeating: 0, count: 12) + address.bytes)
        case .bool(let flag):
            appendWord(UInt256(flag ? 1 : 0), to: &out)
        case .fixedBytes(let bytes):
            out.append(contentsOf: bytes + [UInt8](repeating: 0, count: 32 - bytes.count))
        case .bytes(let bytes):
            appendPadded(bytes, to: &out)
        case .string(let text):
            appendPadded(Array(text.utf8), to: &out)
        case .array(let elements, let dynamicLength):
            if dynamicLength { appendWord(UInt256(UInt64(elements.count)), to: &out) }
            appendTuple(elements, to: &out)
        case .tuple(let members):
            appendTuple(members, to: &out)
        }
    }

    /// The length as a word, then the bytes right-padded with zeros to a multiple of 32.
    private static func appendPadded(_ bytes: [UInt8], to out: inout [UInt8]) {
        appendWord(UInt256(UInt64(bytes.count)), to: &out)
        out.append(contentsOf: bytes)
        out.append(contentsOf: [UInt8](repeating: 0, count: (32 - bytes.count % 32) % 32))
    }

    private static func appendWord(_ value: UInt256, to out: inout [UInt8]) {
        out.append(contentsOf: value.bigEndianBytes)
    }
}
