import Encoding
import Ethereum

/// Decoded ABI values as bond prints them (bond(1), OUTPUT): integers
/// as decimal strings (they pass 2^53; negative ones with a minus), addresses EIP-55
/// checksummed, bytes as 0x hex, strings as strings, arrays and tuples as JSON arrays.
enum ABIValueJSON {
    static func json(_ value: ABIValue) -> JSONValue {
        switch value {
        case .uint(let number): return .string(number.description)
        case .int(let word):
            let negative = word.bigEndianBytes[0] & 0x80 != 0
            return .string(negative ? "-" + word.twosComplement.description : word.description)
        case .address(let address): return .string(address.checksummed)
        case .bool(let flag): return .bool(flag)
        case .fixedBytes(let bytes), .bytes(let bytes): return .string(Hex.encode(bytes))
        case .string(let text): return .string(text)
        case .array(let elements, _), .tuple(let elements): return .array(elements.map(json))
        }
    }
}
