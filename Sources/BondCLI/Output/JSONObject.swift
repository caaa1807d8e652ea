import Encoding
import Hashing

/// One JSON object being written as an NDJSON line, fields in the order they are added.
///
/// bond writes its output objects directly as bytes: keys are static snake_case names, values
/// are strings (escaped per RFC 8259, section 7), hex (`0x`-prefixed lower case), decimal
/// number text kept exactly as given, booleans, null, or JSON text already complete. Separators
/// follow the common human-readable form `{"key": value, "key": value}`.
struct JSONObject: ~Copyable {
    private var bytes: [UInt8]
    private var empty = true

    init(capacity: Int = 128) {
        bytes = []
        bytes.reserveCapacity(capacity)
        bytes.append(UInt8(ascii: "{"))
    }

    /// Adds `"key": "value"`, escaping `value` as JSON requires.
    mutating func string(_ key: StaticString, _ value: String) {
        self.key(key)
        JSONWriter.appendString(value, to: &bytes)
    }

    /// Adds `"key": "…"` where `ascii` is known to need no escaping (Base58 digits, hex digits).
    mutating func asciiString(_ key: StaticString, _ ascii: UnsafeBufferPointer<UInt8>) {
        self.key(key)
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: ascii)
        bytes.append(UInt8(ascii: "\""))
    }

    /// Adds `"key": "…"` where `ascii` is known to need no escaping.
    mutating func asciiString(_ key: StaticString, _ ascii: [UInt8]) {
        ascii.withUnsafeBufferPointer { asciiString(key, $0) }
    }

    /// Adds `"key": "…"` whose characters `write` appends to the line; they must need no
    /// escaping (Base58 or hex digits). Spares a copy of long values.
    mutating func asciiString(_ key: StaticString, writtenBy write: (inout [UInt8]) -> Void) {
        self.key(key)
        bytes.append(UInt8(ascii: "\""))
        write(&bytes)
        bytes.append(UInt8(ascii: "\""))
    }

    /// Adds `"key": "0x…"` with two lower-case hex digits per byte of `value`.
    mutating func hex(_ key: StaticString, _ value: UnsafeBufferPointer<UInt8>) {
        self.key(key)
        bytes.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: "0"), UInt8(ascii: "x")])
        Hex.appendDigits(of: value, to: &bytes)
        bytes.append(UInt8(ascii: "\""))
    }

    /// Adds `"key": "0x…"` with two lower-case hex digits per byte of `value`.
    mutating func hex(_ key: StaticString, _ value: some ByteContainer) {
        value.withByteBuffer { hex(key, $0) }
    }

    /// Adds `"key": n` for a small counter.
    mutating func integer(_ key: StaticString, _ value: Int) {
        self.key(key)
        bytes.append(contentsOf: String(value).utf8)
    }

    /// Adds `"key": true` or `"key": false`.
    mutating func bool(_ key: StaticString, _ value: Bool) {
        self.key(key)
        bytes.append(contentsOf: (value ? "true" : "false").utf8)
    }

    /// Adds `"key": null`.
    mutating func null(_ key: StaticString) {
        self.key(key)
        bytes.append(contentsOf: "null".utf8)
    }

    /// Adds `"key": value` for a parsed JSON value, written compactly.
    mutating func value(_ key: StaticString, _ value: JSONValue) {
        self.key(key)
        JSONWriter.append(value, to: &bytes)
    }

    /// Adds `"key": <json>` where `json` is complete JSON text (a nested object, a number
    /// literal with its exact digits).
    mutating func json(_ key: StaticString, _ json: some Sequence<UInt8>) {
        self.key(key)
        bytes.append(contentsOf: json)
    }

    /// Adds `"key": value`, where the key is a driver's (snake_case, needing no escaping).
    mutating func field(_ key: String, _ value: JSONValue) {
        if !empty {
            bytes.append(UInt8(ascii: ","))
            bytes.append(UInt8(ascii: " "))
        }
        empty = false
        JSONWriter.appendString(key, to: &bytes)
        bytes.append(contentsOf: [UInt8(ascii: ":"), UInt8(ascii: " ")])
        JSONWriter.append(value, to: &bytes)
    }

    /// Closes the object and returns it as one line ending in a newline.
    consuming func line() -> [UInt8] {
        bytes.append(UInt8(ascii: "}"))
        bytes.append(UInt8(ascii: "\n"))
        return bytes
    }

    private mutating func key(_ key: StaticString) {
        if !empty {
            bytes.append(UInt8(ascii: ","))
            bytes.append(UInt8(ascii: " "))
        }
        empty = false
        bytes.append(UInt8(ascii: "\""))
        key.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":"), UInt8(ascii: " ")])
    }
}
