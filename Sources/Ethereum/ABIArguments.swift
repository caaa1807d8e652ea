import Encoding

/// Turns arguments as users write them into checked ``ABIValue``s: JSON values from a record
/// (`"args": [7, "0x…", true]`), or the text of a `--arg` option as cast takes it (`7`,
/// `0x…`, `true`, `[1,2,3]`, `(1,0x…)`).
///
/// Integers are JSON numbers or strings of decimal digits or `0x` hex, `-` for `int<M>`; they
/// must fit M bits. Booleans are `true` or `false`. `bytes<M>` takes exactly M bytes of hex.
/// Arrays and tuples are JSON arrays, or in text `[…]` and `(…)` with comma-separated elements
/// (double quotes protect a string that holds commas or brackets).
public enum ABIArguments {
    /// Checks `arguments` against `types` (a function's inputs).
    /// - Throws: ``ABIError/wrongArgumentCount(expected:given:signature:)`` or
    ///   ``ABIError/badValue(path:reason:)`` naming the argument (1-based) and element.
    public static func values(_ arguments: [JSONValue], for signature: FunctionSignature) throws(ABIError) -> [ABIValue] {
        guard arguments.count == signature.inputs.count else {
            throw .wrongArgumentCount(expected: signature.inputs.count, given: arguments.count, signature: signature.canonical)
        }
        var values: [ABIValue] = []
        for (i, (argument, type)) in zip(arguments, signature.inputs).enumerated() {
            values.append(try value(argument, as: type, path: "argument \(i + 1) (\(type))"))
        }
        return values
    }

    /// Checks `--arg` texts against `types`; see ``values(_:for:)-(JSONValue)``.
    /// - Throws: ``ABIError`` for a wrong count or a value that does not fit its type.
    public static func values(texts: [String], for signature: FunctionSignature) throws(ABIError) -> [ABIValue] {
        try values(texts.map { JSONValue.string($0) }, for: signature)
    }

    /// The value `json` stands for as a `type`.
    /// - Throws: ``ABIError/badValue(path:reason:)`` naming `path` when it does not fit.
    public static func value(_ json: JSONValue, as type: ABIType, path: String) throws(ABIError) -> ABIValue {
        switch type {
        case .uint(let bits):
            let magnitude = try integer(json, path: path, allowNegative: false).magnitude
            guard magnitude.bitWidth <= bits else { throw .badValue(path: path, reason: "\(magnitude) does not fit uint\(bits)") }
            return .uint(magnitude)
        case .int(let bits):
            let (negative, magnitude) = try integer(json, path: path, allowNegative: true)
            // -2^(bits-1) <= value < 2^(bits-1)
            let limit = magnitude.bitWidth < bits || (negative && magnitude.bitWidth == bits && isPowerOfTwo(magnitude))
            guard limit, !(magnitude.bitWidth == bits && !negative) else {
                throw .badValue(path: path, reason: "\(negative ? "-" : "")\(magnitude) does not fit int\(bits)")
            }
            return .int(negative ? magnitude.twosComplement : magnitude)
        case .address:
            let text = try string(json, path: path, what: "an address")
            do {
                return .address(try Address(text))
            } catch {
                throw .badValue(path: path, reason: error.description)
            }
        case .bool:
            switch json {
            case .bool(let flag): return .bool(flag)
            case .string("true"): return .bool(true)
            case .string("false"): return .bool(false)
            default: throw .badValue(path: path, reason: "expected true or false, got \(shown(json))")
            }
        case .fixedBytes(let size):
            let bytes = try hexBytes(json, path: path)
            guard bytes.count == size else { throw .badValue(path: path, reason: "bytes\(size) takes \(size) bytes, got \(bytes.count)") }
            return .fixedBytes(bytes)
        case .bytes:
            return .bytes(try hexBytes(json, path: path))
        case .string:
            return .string(try string(json, path: path, what: "a string"))
        case .array(let element, let length):
            let elements = try list(json, path: path, open: "[")
            if let length, elements.count != length {
                throw .badValue(path: path, reason: "\(type) takes \(length) elements, got \(elements.count)")
            }
            var values: [ABIValue] = []
            for (i, item) in elements.enumerated() {
                values.append(try value(item, as: element, path: "\(path)[\(i)]"))
            }
            return .array(values, dynamicLength: length == nil)
        case .tuple(let members):
            let elements = try list(json, path: path, open: "(")
            guard elements.count == members.count else {
                throw .badValue(path: path, reason: "\(type) takes \(members.count) members, got \(elements.count)")
            }
            var values: [ABIValue] = []
            for (i, (item, member)) in zip(elements, members).enumerated() {
                values.append(try value(item, as: member, path: "\(path).\(i)"))
            }
            return .tuple(values)
        }
    }

    private static func isPowerOfTwo(_ value: UInt256) -> Bool {
        (0..<4).map { value[limb: $0].nonzeroBitCount }.reduce(0, +) == 1
    }

    /// A whole number from a JSON number or a decimal / 0x-hex string, with its sign.
    private static func integer(_ json: JSONValue, path: String, allowNegative: Bool) throws(ABIError) -> (negative: Bool, magnitude: UInt256) {
        var text: String
        switch json {
        case .number(let literal): text = literal
        case .string(let string): text = string.trimmingASCIIWhitespace
        default: throw .badValue(path: path, reason: "expected a whole number, got \(shown(json))")
        }
        let negative = text.hasPrefix("-")
        if negative {
            guard allowNegative else { throw .badValue(path: path, reason: "\(text) is negative") }
            text.removeFirst()
        }
        let magnitude: UInt256
        do {
            if case .number = json {
                magnitude = try Quantity.parse(jsonNumber: text)
            } else if text.hasPrefix("0x") || text.hasPrefix("0X") || text.allSatisfy(\.isASCIIDigit) && !text.isEmpty {
                magnitude = try Quantity.parse(text)
            } else {
                throw QuantityError.notANumber(text)
            }
        } catch QuantityError.tooLarge {
            throw .badValue(path: path, reason: "\(text) does not fit 256 bits")
        } catch {
            throw .badValue(path: path, reason: "expected a whole number, got \(shown(json))")
        }
        return (negative && !magnitude.isZero, magnitude)
    }

    private static func string(_ json: JSONValue, path: String, what: String) throws(ABIError) -> String {
        guard case .string(let text) = json else { throw .badValue(path: path, reason: "expected \(what), got \(shown(json))") }
        return text
    }

    private static func hexBytes(_ json: JSONValue, path: String) throws(ABIError) -> [UInt8] {
        let text = try string(json, path: path, what: "0x hex bytes")
        guard text.hasPrefix("0x") || text.hasPrefix("0X") else { throw .badValue(path: path, reason: "expected 0x hex bytes, got '\(text)'") }
        do {
            return try Hex.decode(text)
        } catch {
            throw .badValue(path: path, reason: error.description)
        }
    }

    /// The elements of an array or tuple: a JSON array, or text in brackets or parentheses.
    private static func list(_ json: JSONValue, path: String, open: Character) throws(ABIError) -> [JSONValue] {
        switch json {
        case .array(let elements):
            return elements
        case .string(let text):
            let trimmed = text.trimmingASCIIWhitespace
            guard let first = trimmed.first, first == "[" || first == "(",
                  trimmed.last == (first == "[" ? "]" : ")") else {
                throw .badValue(path: path, reason: "expected \(open == "[" ? "[a,b,...]" : "(a,b,...)"), got '\(text)'")
            }
            return try splitTopLevel(String(trimmed.dropFirst().dropLast()), path: path).map { .string($0) }
        default:
            throw .badValue(path: path, reason: "expected an array, got \(shown(json))")
        }
    }

    /// Splits `text` at commas outside brackets, parentheses and double quotes; strips the
    /// quotes of a quoted element.
    private static func splitTopLevel(_ text: String, path: String) throws(ABIError) -> [String] {
        if text.trimmingASCIIWhitespace.isEmpty { return [] }
        var parts: [String] = []
        var current = ""
        var depth = 0
        var quoted = false
        var wasQuoted = false
        var escaped = false
        func finishElement() throws(ABIError) {
            let element = wasQuoted ? current : current.trimmingASCIIWhitespace
            if element.isEmpty && !wasQuoted { throw .badValue(path: path, reason: "an empty element in '\(text)' (write \"\" for an empty string)") }
            parts.append(element)
        }
        for character in text {
            if quoted {
                if escaped {
                    current.append(character)
                    escaped = false
                } else if character == "\\" {
                    escaped = true
                } else if character == "\"" {
                    quoted = false
                } else {
                    current.append(character)
                }
                continue
            }
            switch character {
            case "\"" where depth == 0:
                quoted = true
                wasQuoted = true
            case "[", "(":
                depth += 1
                current.append(character)
            case "]", ")":
                depth -= 1
                if depth < 0 { throw .badValue(path: path, reason: "unbalanced '\(character)'") }
                current.append(character)
            case "," where depth == 0:
                try finishElement()
                current = ""
                wasQuoted = false
            default:
                current.append(character)
            }
        }
        if quoted || depth != 0 { throw .badValue(path: path, reason: "unbalanced brackets or quotes") }
        try finishElement()
        return parts
    }

    private static func shown(_ json: JSONValue) -> String {
        switch json {
        case .string(let text): return "'\(text)'"
        case .number(let text): return text
        default: return json.kindDescription
        }
    }
}
