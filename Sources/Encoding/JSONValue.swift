/// A JSON value (RFC 8259) as bond reads and writes it.
///
/// Numbers keep the exact text they were written with (`11277.41`, `1e18`,
/// `115792089237316195423570985008687907853269984665640564039457584007913129639935`), so that
/// no value passes through a binary floating-point number on its way through bond; objects keep
/// their keys in order and refuse duplicates.
public indirect enum JSONValue: Equatable, Sendable {
    case null
    case bool(Bool)
    /// A number, as its literal text (valid RFC 8259 number syntax).
    case number(String)
    case string(String)
    case array([JSONValue])
    case object(JSONObjectValue)

    /// The value's kind, as messages name it: `a string`, `a number`, ...
    public var kindDescription: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .number: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }

    /// The object's entries, or nil for another kind.
    public var objectValue: JSONObjectValue? {
        if case .object(let object) = self { return object }
        return nil
    }

    /// The string, or nil for another kind.
    public var stringValue: String? {
        if case .string(let string) = self { return string }
        return nil
    }
}

/// A JSON object: its members in the order written, each key once.
public struct JSONObjectValue: Equatable, Sendable {
    public private(set) var members: [(key: String, value: JSONValue)]

    public init(_ members: [(key: String, value: JSONValue)] = []) {
        self.members = members
    }

    /// The value of `key`, if present.
    public subscript(key: String) -> JSONValue? {
        members.first { $0.key == key }?.value
    }

    /// The keys in order.
    public var keys: [String] { members.map(\.key) }

    /// Sets `key` to `value`, replacing its value where present and appending it otherwise.
    public mutating func set(_ key: String, _ value: JSONValue) {
        if let index = members.firstIndex(where: { $0.key == key }) {
            members[index].value = value
        } else {
            members.append((key, value))
        }
    }

    public static func == (a: JSONObjectValue, b: JSONObjectValue) -> Bool {
        a.members.count == b.members.count && zip(a.members, b.members).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    }
}
