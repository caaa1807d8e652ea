/// A strict JSON parser (RFC 8259) that keeps numbers as their literal text.
///
/// It accepts exactly one value surrounded by optional whitespace, in UTF-8. It refuses what
/// RFC 8259 does not allow (comments, trailing commas, single quotes, `NaN`, leading zeros,
/// unescaped control characters, lone surrogates, invalid UTF-8), duplicate object keys (a
/// record with two `nonce` keys has no one meaning), and nesting deeper than 256 levels.
public struct JSONParser {
    /// How deep arrays and objects may nest.
    public static let maximumDepth = 256

    private let text: UnsafeBufferPointer<UInt8>
    private var index = 0
    private var depth = 0

    /// Parses `text` (UTF-8) as one JSON value.
    /// - Throws: ``JSONError`` with the 1-based line and column of the first problem.
    public static func parse(_ text: UnsafeBufferPointer<UInt8>) throws(JSONError) -> JSONValue {
        var parser = JSONParser(text: text)
        parser.skipWhitespace()
        let value = try parser.parseValue()
        parser.skipWhitespace()
        if parser.index < text.count { throw parser.error("unexpected \(parser.describeNext()) after the JSON value") }
        return value
    }

    /// Parses the UTF-8 bytes of `text` as one JSON value; see ``parse(_:)-(UnsafeBufferPointer<UInt8>)``.
    /// - Throws: ``JSONError``, as the buffer form.
    public static func parse(_ text: [UInt8]) throws(JSONError) -> JSONValue {
        let result = text.withUnsafeBufferPointer { bytes in Result { () throws(JSONError) -> JSONValue in try parse(bytes) } }
        return try result.get()
    }

    /// Parses `text` as one JSON value.
    /// - Throws: ``JSONError``, as the buffer form.
    public static func parse(_ text: String) throws(JSONError) -> JSONValue {
        try parse(Array(text.utf8))
    }

    private init(text: UnsafeBufferPointer<UInt8>) {
        self.text = text
    }

    // MARK: - Values

    private mutating func parseValue() throws(JSONError) -> JSONValue {
        guard index < text.count else { throw error("unexpected end of input, expected a value") }
        switch text[index] {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expectWord("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectWord("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectWord("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
        default: throw error("unexpected \(describeNext()), expected a value")
        }
    }

    private mutating func parseObject() throws(JSONError) -> JSONValue {
        try enter()
        index += 1
        var members: [(key: String, value: JSONValue)] = []
        skipWhitespace()
        if peek() == UInt8(ascii: "}") {
            index += 1
            depth -= 1
            return .object(JSONObjectValue(members))
        }
        while true {
            skipWhitespace()
            guard peek() == UInt8(ascii: "\"") else { throw error("unexpected \(describeNext()), expected a quoted key") }
            let keyStart = index
            let key = try parseString()
            if members.contains(where: { $0.key == key }) {
                index = keyStart
                throw error("duplicate key \"\(key)\"")
            }
            skipWhitespace()
            guard peek() == UInt8(ascii: ":") else { throw error("unexpected \(describeNext()), expected ':' after key \"\(key)\"") }
            index += 1
            skipWhitespace()
            members.append((key, try parseValue()))
            skipWhitespace()
            switch peek() {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "}"):
                index += 1
                depth -= 1
                return .object(JSONObjectValue(members))
            default: throw error("unexpected \(describeNext()), expected ',' or '}'")
            }
        }
    }

    private mutating func parseArray() throws(JSONError) -> JSONValue {
        try enter()
        index += 1
        var elements: [JSONValue] = []
        skipWhitespace()
        if peek() == UInt8(ascii: "]") {
            index += 1
            depth -= 1
            return .array(elements)
        }
        while true {
            skipWhitespace()
            elements.append(try parseValue())
            skipWhitespace()
            switch peek() {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "]"):
                index += 1
                depth -= 1
                return .array(elements)
            default: throw error("unexpected \(describeNext()), expected ',' or ']'")
            }
        }
    }

    private mutating func enter() throws(JSONError) {
        depth += 1
        if depth > JSONParser.maximumDepth { throw error("nesting deeper than \(JSONParser.maximumDepth) levels") }
    }

    private mutating func parseString() throws(JSONError) -> String {
        index += 1
        var bytes: [UInt8] = []
        var runStart = index
        while true {
            guard index < text.count else { throw error("unterminated string") }
            let byte = text[index]
            if byte == UInt8(ascii: "\"") {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[runStart..<index]))
                index += 1
                break
            }
            if byte < 0x20 { throw error("control character U+00\(byte < 0x10 ? "0" : "")\(String(byte, radix: 16, uppercase: true)) in a string: escape it") }
            if byte == UInt8(ascii: "\\") {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[runStart..<index]))
                try parseEscape(into: &bytes)
                runStart = index
                continue
            }
            if byte >= 0x80 {
                try skipUTF8Scalar()
                continue
            }
            index += 1
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Reads one escape sequence (after the backslash) and appends its UTF-8.
    private mutating func parseEscape(into bytes: inout [UInt8]) throws(JSONError) {
        index += 1
        guard index < text.count else { throw error("unterminated escape sequence") }
        let code = text[index]
        index += 1
        switch code {
        case UInt8(ascii: "\""): bytes.append(0x22)
        case UInt8(ascii: "\\"): bytes.append(0x5C)
        case UInt8(ascii: "/"): bytes.append(0x2F)
        case UInt8(ascii: "b"): bytes.append(0x08)
        case UInt8(ascii: "f"): bytes.append(0x0C)
        case UInt8(ascii: "n"): bytes.append(0x0A)
        case UInt8(ascii: "r"): bytes.append(0x0D)
        case UInt8(ascii: "t"): bytes.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try parseHex4()
            if (0xD800..<0xDC00).contains(scalar) {
                guard index + 1 < text.count, text[index] == UInt8(ascii: "\\"), text[index + 1] == UInt8(ascii: "u") else {
                    throw error("lone high surrogate \\u\(String(scalar, radix: 16, uppercase: true)) in a string")
                }
                index += 2
                let low = try parseHex4()
                guard (0xDC00..<0xE000).contains(low) else { throw error("high surrogate not followed by a low surrogate") }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            } else if (0xDC00..<0xE000).contains(scalar) {
                throw error("lone low surrogate \\u\(String(scalar, radix: 16, uppercase: true)) in a string")
            }
            guard let unicode = Unicode.Scalar(scalar) else { throw error("invalid \\u escape") }
            bytes.append(contentsOf: String(Character(unicode)).utf8)
        default:
            index -= 1
            throw error("invalid escape \\\(describeByte(code)) in a string")
        }
    }

    private mutating func parseHex4() throws(JSONError) -> UInt32 {
        guard index + 4 <= text.count else { throw error("truncated \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = text[index]
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
            default: throw error("invalid hex digit in a \\u escape")
            }
            value = value << 4 | digit
            index += 1
        }
        return value
    }

    /// Checks the UTF-8 sequence at `index` (RFC 3629: no overlongs, no surrogates, at most
    /// U+10FFFF) and moves past it.
    private mutating func skipUTF8Scalar() throws(JSONError) {
        let first = text[index]
        let length: Int
        var minimum: UInt32
        var scalar: UInt32
        switch first {
        case 0xC2...0xDF: length = 2; minimum = 0x80; scalar = UInt32(first & 0x1F)
        case 0xE0...0xEF: length = 3; minimum = 0x800; scalar = UInt32(first & 0x0F)
        case 0xF0...0xF4: length = 4; minimum = 0x10000; scalar = UInt32(first & 0x07)
        default: throw error("invalid UTF-8 byte 0x\(String(first, radix: 16))")
        }
        guard index + length <= text.count else { throw error("truncated UTF-8 sequence") }
        for offset in 1..<length {
            let next = text[index + offset]
            guard next & 0xC0 == 0x80 else { throw error("invalid UTF-8 sequence") }
            scalar = scalar << 6 | UInt32(next & 0x3F)
        }
        guard scalar >= minimum, scalar <= 0x10FFFF, !(0xD800..<0xE000).contains(scalar) else {
            throw error("invalid UTF-8 sequence")
        }
        index += length
    }

    private mutating func parseNumber() throws(JSONError) -> String {
        let start = index
        if peek() == UInt8(ascii: "-") { index += 1 }
        guard let first = peek(), isDigit(first) else { throw error("a number needs digits after '-'") }
        if first == UInt8(ascii: "0") {
            index += 1
            if let next = peek(), isDigit(next) { throw error("leading zero in a number") }
        } else {
            while let byte = peek(), isDigit(byte) { index += 1 }
        }
        if peek() == UInt8(ascii: ".") {
            index += 1
            guard let byte = peek(), isDigit(byte) else { throw error("a number needs digits after '.'") }
            while let byte = peek(), isDigit(byte) { index += 1 }
        }
        if let e = peek(), e | 0x20 == UInt8(ascii: "e") {
            index += 1
            if let sign = peek(), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { index += 1 }
            guard let byte = peek(), isDigit(byte) else { throw error("a number needs digits in its exponent") }
            while let byte = peek(), isDigit(byte) { index += 1 }
        }
        return String(decoding: UnsafeBufferPointer(rebasing: text[start..<index]), as: UTF8.self)
    }

    private mutating func expectWord(_ word: StaticString) throws(JSONError) {
        let length = word.utf8CodeUnitCount
        let matches = index + length <= text.count && (0..<length).allSatisfy { text[index + $0] == word.utf8Start[$0] }
        guard matches else { throw error("unexpected \(describeNext()), expected a value") }
        index += length
    }

    // MARK: - Helpers

    private func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    private func peek() -> UInt8? { index < text.count ? text[index] : nil }

    private mutating func skipWhitespace() {
        while index < text.count {
            switch text[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    private func describeNext() -> String {
        guard index < text.count else { return "end of input" }
        return describeByte(text[index])
    }

    private func describeByte(_ byte: UInt8) -> String {
        byte >= 0x21 && byte < 0x7F ? "'\(Character(Unicode.Scalar(byte)))'" : "byte 0x\(String(byte, radix: 16))"
    }

    /// The 1-based line and column (in characters) of `index`.
    private func position() -> (line: Int, column: Int) {
        var line = 1
        var column = 1
        for i in 0..<min(index, text.count) {
            if text[i] == 0x0A {
                line += 1
                column = 1
            } else if text[i] & 0xC0 != 0x80 {
                column += 1
            }
        }
        return (line, column)
    }

    private func error(_ message: String) -> JSONError {
        let (line, column) = position()
        return JSONError(line: line, column: column, message: message, incomplete: index >= text.count)
    }
}
