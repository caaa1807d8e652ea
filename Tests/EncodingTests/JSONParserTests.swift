import Encoding
import Testing

@Suite("JSON parser")
struct JSONParserTests {
    @Test("keeps number literals exactly and object keys in order")
    func exactNumbers() throws {
        let value = try JSONParser.parse(#"{"b": 11277.41, "a": 115792089237316195423570985008687907853269984665640564039457584007913129639935, "c": -0.5e-3, "d": [true, false, null, "x"]}"#)
        let object = try #require(value.objectValue)
        #expect(object.keys == ["b", "a", "c", "d"])
        #expect(object["b"] == .number("11277.41"))
        #expect(object["a"] == .number("115792089237316195423570985008687907853269984665640564039457584007913129639935"))
        #expect(object["c"] == .number("-0.5e-3"))
        #expect(object["d"] == .array([.bool(true), .bool(false), .null, .string("x")]))
        #expect(JSONWriter.text(value) == #"{"b":11277.41,"a":115792089237316195423570985008687907853269984665640564039457584007913129639935,"c":-0.5e-3,"d":[true,false,null,"x"]}"#)
    }

    @Test("decodes escapes, surrogate pairs and UTF-8, and writes them back as JSON")
    func strings() throws {
        let value = try JSONParser.parse(#"["a\"b\\c\/d\b\f\n\r\t", "\u00e9\ud83d\ude00", "é😀", "\u0001"]"#)
        #expect(value == .array([.string("a\"b\\c/d\u{8}\u{c}\n\r\t"), .string("é😀"), .string("é😀"), .string("\u{1}")]))
        #expect(JSONWriter.text(value) == #"["a\"b\\c/d\b\f\n\r\t","é😀","é😀","\u0001"]"#)
    }

    @Test("rejects what RFC 8259 does not allow, with line and column", arguments: [
        ("", "invalid JSON at column 1: unexpected end of input, expected a value"),
        ("{\"a\": 1,}", "invalid JSON at column 9: unexpected '}', expected a quoted key"),
        ("[1, 2,]", "invalid JSON at column 7: unexpected ']', expected a value"),
        ("{\"a\": 1}\n{", "invalid JSON at line 2, column 1: unexpected '{' after the JSON value"),
        ("{'a': 1}", "invalid JSON at column 2: unexpected ''', expected a quoted key"),
        ("[01]", "invalid JSON at column 3: leading zero in a number"),
        ("[1.]", "invalid JSON at column 4: a number needs digits after '.'"),
        ("[NaN]", "invalid JSON at column 2: unexpected 'N', expected a value"),
        ("[\"a\nb\"]", "invalid JSON at column 4: control character U+000A in a string: escape it"),
        ("[\"\\ud800\"]", "invalid JSON at column 9: lone high surrogate \\uD800 in a string"),
        ("{\"nonce\": 1,\n \"nonce\": 2}", "invalid JSON at line 2, column 2: duplicate key \"nonce\""),
        ("[\"abc", "invalid JSON at column 6: unterminated string"),
        ("[tru]", "invalid JSON at column 2: unexpected 't', expected a value"),
        ("// comment\n{}", "invalid JSON at column 1: unexpected '/', expected a value"),
    ])
    func rejects(text: String, message: String) {
        do {
            _ = try JSONParser.parse(text)
            Issue.record("accepted \(text)")
        } catch {
            #expect(error.description == message)
        }
    }

    @Test("rejects invalid UTF-8 and nesting deeper than 256 levels")
    func limits() {
        #expect(throws: JSONError.self) { try JSONParser.parse([0x22, 0xC3, 0x28, 0x22]) }
        #expect(throws: JSONError.self) { try JSONParser.parse([0x22, 0xED, 0xA0, 0x80, 0x22]) }
        #expect(throws: JSONError.self) { try JSONParser.parse(String(repeating: "[", count: 300) + String(repeating: "]", count: 300)) }
        #expect(throws: Never.self) { try JSONParser.parse(String(repeating: "[", count: 256) + String(repeating: "]", count: 256)) }
    }
}

@Suite("JSON writer")
struct JSONWriterTests {
    @Test("what other tools split lines at, DEL and bidi controls are escaped; other text stays UTF-8")
    func escapes() {
        let text = JSONWriter.text(.string("a\u{2028}b\u{2029}c\u{85}d\u{7F}e\u{202E}f\u{2066}é€😀\n"))
        #expect(text == #""a\u2028b\u2029c\u0085d\u007fe\u202ef\u2066é€😀\n""#)
        #expect(JSONWriter.text(.string("plain \"q\" \\ \u{1}")) == #""plain \"q\" \\ \u0001""#)
    }
}
