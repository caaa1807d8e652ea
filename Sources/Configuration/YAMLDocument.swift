import CYAMLShim
import Encoding

/// A YAML document (YAML 1.1, as libyaml reads it) as a ``JSONValue`` tree: mappings become
/// objects (keys in order, a repeated key refused), sequences arrays, and scalars strings,
/// except plain (unquoted) ones that read as null (`null`, `~`, nothing), a boolean (`true`,
/// `false`) or a decimal number. YAML 1.1's `yes`, `no`, `on` and `off` stay strings, so that a
/// flag written `yes` is refused rather than guessed. Anchors, aliases and tags are refused:
/// a config file needs none of them.
public enum YAMLDocument {
    /// The tree of `bytes`.
    /// - Throws: ``ConfigError/malformed(_:_:)`` naming the line; ``ConfigError/unavailable(_:)``
    ///   when libyaml cannot be loaded.
    public static func parse(_ bytes: [UInt8], name: String) throws(ConfigError) -> JSONValue {
        var message = [CChar](repeating: 0, count: 512)
        guard bond_yaml_load(&message, message.count) == 0 else { throw ConfigError.unavailable(text(message)) }
        var line: Int32 = 0
        let parsed = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { bond_yaml_parse($0.baseAddress, $0.count, &message, message.count, &line) }
        }
        guard let parsed else { throw ConfigError.malformed(name, "line \(line): \(text(message))") }
        defer { bond_yaml_free(parsed) }
        let events = UnsafeBufferPointer(start: parsed.pointee.events, count: parsed.pointee.count)
        var index = 0
        var documents = 0
        var root: JSONValue = .null
        while index < events.count {
            if events[index].kind == Int32(BOND_YAML_DOCUMENT_START) {
                documents += 1
                guard documents == 1 else { throw ConfigError.malformed(name, "line \(events[index].line): more than one YAML document") }
                index += 1
                root = index < events.count ? try node(events, &index, name) : .null
                continue
            }
            index += 1
        }
        return root
    }

    /// How deep mappings and sequences may nest: a config file needs three levels.
    static let maximumDepth = 32

    private static func node(_ events: UnsafeBufferPointer<bond_yaml_event>, _ index: inout Int, _ name: String, depth: Int = 0) throws(ConfigError) -> JSONValue {
        let event = events[index]
        index += 1
        guard depth < maximumDepth else {
            throw ConfigError.malformed(name, "line \(event.line): nested more than \(maximumDepth) levels deep")
        }
        if event.decorated != 0 || event.kind == Int32(BOND_YAML_ALIAS) {
            throw ConfigError.malformed(name, "line \(event.line): anchors, aliases and tags are not used in a bond config file")
        }
        switch event.kind {
        case Int32(BOND_YAML_SCALAR):
            let value = String(decoding: UnsafeRawBufferPointer(start: event.value, count: event.length), as: UTF8.self)
            return event.plain != 0 ? plain(value) : .string(value)
        case Int32(BOND_YAML_SEQUENCE_START):
            var items: [JSONValue] = []
            while index < events.count && events[index].kind != Int32(BOND_YAML_SEQUENCE_END) {
                items.append(try node(events, &index, name, depth: depth + 1))
            }
            index += 1
            return .array(items)
        case Int32(BOND_YAML_MAPPING_START):
            var members: [(String, JSONValue)] = []
            while index < events.count && events[index].kind != Int32(BOND_YAML_MAPPING_END) {
                let keyEvent = events[index]
                guard case .string(let key) = try node(events, &index, name, depth: depth + 1).asKey else {
                    throw ConfigError.malformed(name, "line \(keyEvent.line): a key must be a plain word")
                }
                if members.contains(where: { $0.0 == key }) {
                    throw ConfigError.malformed(name, "line \(keyEvent.line): '\(MessageText.sanitized(key, limit: 80))' is given twice")
                }
                members.append((key, index < events.count ? try node(events, &index, name, depth: depth + 1) : .null))
            }
            index += 1
            return .object(JSONObjectValue(members))
        default:
            throw ConfigError.malformed(name, "line \(event.line): unexpected YAML structure")
        }
    }

    /// A plain scalar: null, a boolean, a decimal number, or text.
    static func plain(_ text: String) -> JSONValue {
        switch text {
        case "", "~", "null", "Null", "NULL": return .null
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        default:
            let digits = text.hasPrefix("-") || text.hasPrefix("+") ? text.dropFirst() : Substring(text)
            if !digits.isEmpty, !digits.hasPrefix("."), !digits.hasSuffix("."), ExactDecimal(String(digits)) != nil,
               digits.allSatisfy({ $0.isASCIIDigit || $0 == "." }) {
                return .number(text.hasPrefix("+") ? String(text.dropFirst()) : text)
            }
            return .string(text)
        }
    }

    private static func text(_ buffer: [CChar]) -> String {
        String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

extension JSONValue {
    /// A mapping key as text: scalars only.
    var asKey: JSONValue {
        switch self {
        case .string: return self
        case .number(let text): return .string(text)
        case .bool(let flag): return .string(flag ? "true" : "false")
        default: return .null
        }
    }
}
