import Encoding

/// Reading the JSON answers of the energy and grid APIs: objects, and values at JSON pointers
/// (RFC 6901), with errors that name the pointer.
enum JSONValueReader {
    /// The JSON object in `bytes`.
    static func object(_ bytes: [UInt8]) throws(PayloadError) -> JSONObjectValue {
        let value = try value(bytes)
        guard let object = value.objectValue else { throw PayloadError.invalid("expected a JSON object, got \(value.kindDescription)") }
        return object
    }

    static func value(_ bytes: [UInt8]) throws(PayloadError) -> JSONValue {
        do {
            return try JSONParser.parse(bytes)
        } catch {
            throw .invalid(error.description)
        }
    }

    /// The value at `pointer` (`/results/0/timestamp`) in `root`.
    static func at(_ pointer: String, in root: JSONValue) throws(PayloadError) -> JSONValue {
        var current = root
        for token in pointer.split(separator: "/", omittingEmptySubsequences: false).dropFirst() {
            let key = token.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
            switch current {
            case .object(let object):
                guard let next = object[key] else { throw PayloadError.invalid("\(pointer) is missing") }
                current = next
            case .array(let items):
                guard let index = Int(key), items.indices.contains(index) else { throw PayloadError.invalid("\(pointer) is missing") }
                current = items[index]
            default:
                throw PayloadError.invalid("\(pointer) is missing")
            }
        }
        return current
    }

    /// The string at `pointer`.
    static func string(_ pointer: String, in root: JSONValue) throws(PayloadError) -> String {
        let value = try at(pointer, in: root)
        guard case .string(let text) = value else { throw PayloadError.invalid("\(pointer) is \(value.kindDescription), not a string") }
        return text
    }

    /// The number at `pointer`, exact; a numeric string counts (WattTime v2 sends them so).
    static func number(_ pointer: String, in root: JSONValue) throws(PayloadError) -> ExactDecimal {
        let value = try at(pointer, in: root)
        let text: String
        switch value {
        case .number(let literal): text = literal
        case .string(let string): text = string
        default: throw PayloadError.invalid("\(pointer) is \(value.kindDescription), not a number")
        }
        guard let number = ExactDecimal(text) else { throw PayloadError.invalid("\(pointer): '\(text)' is not a number") }
        return number
    }

    /// The RFC 3339 time at `pointer`, as epoch seconds.
    static func time(_ pointer: String, in root: JSONValue) throws(PayloadError) -> Int {
        let text = try string(pointer, in: root)
        guard let epoch = RFC3339.epoch(text) else { throw PayloadError.invalid("\(pointer): '\(text)' is not an RFC 3339 time") }
        return epoch
    }
}
