/// Writes ``JSONValue``s as compact JSON text: no whitespace, keys in their order, numbers as
/// their literal text, strings escaped as RFC 8259 section 7 requires (quotes, backslashes and
/// control characters; everything else as UTF-8).
public enum JSONWriter {
    /// Appends the compact text of `value` to `output`.
    public static func append(_ value: JSONValue, to output: inout [UInt8]) {
        switch value {
        case .null: output.append(contentsOf: "null".utf8)
        case .bool(let flag): output.append(contentsOf: (flag ? "true" : "false").utf8)
        case .number(let text): output.append(contentsOf: text.utf8)
        case .string(let text): appendString(text, to: &output)
        case .array(let elements):
            output.append(UInt8(ascii: "["))
            for (i, element) in elements.enumerated() {
                if i > 0 { output.append(UInt8(ascii: ",")) }
                append(element, to: &output)
            }
            output.append(UInt8(ascii: "]"))
        case .object(let object):
            output.append(UInt8(ascii: "{"))
            for (i, member) in object.members.enumerated() {
                if i > 0 { output.append(UInt8(ascii: ",")) }
                appendString(member.key, to: &output)
                output.append(UInt8(ascii: ":"))
                append(member.value, to: &output)
            }
            output.append(UInt8(ascii: "}"))
        }
    }

    /// The compact text of `value`.
    public static func text(_ value: JSONValue) -> String {
        var bytes: [UInt8] = []
        append(value, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends `value` as a JSON string: quotes, `\"`, `\\`, the short escapes for \b \f \n \r
    /// \t, `\u00XX` for other control characters and DEL; `\uXXXX` for what other tools take
    /// as a line break (U+0085, U+2028, U+2029) or what reorders text on a terminal (the bidi
    /// controls U+202A-U+202E, U+2066-U+2069), so that an NDJSON line stays one line wherever
    /// it is read; all other characters as UTF-8.
    public static func appendString(_ value: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        let start = out.count
        for byte in value.utf8 {
            guard byte < 0x7F else {
                // Beyond ASCII (rare): start over on the slower path, scalar by scalar.
                out.removeSubrange(start...)
                appendEscapingUnicode(value, to: &out)
                out.append(UInt8(ascii: "\""))
                return
            }
            appendASCII(byte, to: &out)
        }
        out.append(UInt8(ascii: "\""))
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// An ASCII byte below DEL, escaped as JSON requires.
    private static func appendASCII(_ byte: UInt8, to out: inout [UInt8]) {
        switch byte {
        case UInt8(ascii: "\""): out.append(contentsOf: [0x5C, 0x22])
        case UInt8(ascii: "\\"): out.append(contentsOf: [0x5C, 0x5C])
        case 0x0A: out.append(contentsOf: [0x5C, UInt8(ascii: "n")])
        case 0x0D: out.append(contentsOf: [0x5C, UInt8(ascii: "r")])
        case 0x09: out.append(contentsOf: [0x5C, UInt8(ascii: "t")])
        case 0x08: out.append(contentsOf: [0x5C, UInt8(ascii: "b")])
        case 0x0C: out.append(contentsOf: [0x5C, UInt8(ascii: "f")])
        case 0x00..<0x20: appendUnicodeEscape(UInt32(byte), to: &out)
        default: out.append(byte)
        }
    }

    /// `\uXXXX` for a scalar of the Basic Multilingual Plane.
    private static func appendUnicodeEscape(_ value: UInt32, to out: inout [UInt8]) {
        let v = Int(value)
        out.append(contentsOf: [0x5C, UInt8(ascii: "u"), hexDigits[v >> 12 & 0xF], hexDigits[v >> 8 & 0xF], hexDigits[v >> 4 & 0xF], hexDigits[v & 0xF]])
    }

    /// The slow path of ``appendString(_:to:)`` for text beyond ASCII.
    private static func appendEscapingUnicode(_ value: String, to out: inout [UInt8]) {
        for scalar in value.unicodeScalars {
            switch scalar.value {
            case 0x7F, 0x85, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069:
                appendUnicodeEscape(scalar.value, to: &out)
            case 0..<0x7F:
                appendASCII(UInt8(scalar.value), to: &out)
            default:
                out.append(contentsOf: String(scalar).utf8)
            }
        }
    }
}
