/// A Solidity ABI type (Solidity documentation, "Contract ABI Specification", types).
public indirect enum ABIType: Equatable, Sendable, CustomStringConvertible {
    /// `uint<M>`, M in 8...256 by 8.
    case uint(Int)
    /// `int<M>`, M in 8...256 by 8: two's complement.
    case int(Int)
    case address
    case bool
    /// `bytes<M>`, M in 1...32.
    case fixedBytes(Int)
    /// Dynamic `bytes`.
    case bytes
    /// Dynamic UTF-8 `string`.
    case string
    /// `T[k]` (a length) or `T[]` (nil).
    case array(ABIType, Int?)
    /// `(T1,T2,...)`.
    case tuple([ABIType])

    /// The canonical name used in signatures (`uint256`, `(bool,address)[]`).
    public var description: String {
        switch self {
        case .uint(let bits): return "uint\(bits)"
        case .int(let bits): return "int\(bits)"
        case .address: return "address"
        case .bool: return "bool"
        case .fixedBytes(let size): return "bytes\(size)"
        case .bytes: return "bytes"
        case .string: return "string"
        case .array(let element, let length): return "\(element)[\(length.map(String.init) ?? "")]"
        case .tuple(let members): return "(" + members.map(\.description).joined(separator: ",") + ")"
        }
    }

    /// Whether values of this type are encoded out of place, behind an offset.
    public var isDynamic: Bool {
        switch self {
        case .bytes, .string, .array(_, nil): return true
        case .array(let element, _?): return element.isDynamic
        case .tuple(let members): return members.contains { $0.isDynamic }
        default: return false
        }
    }

    /// The size of a static value's encoding, in bytes (32 per word).
    var staticSize: Int {
        switch self {
        case .array(let element, let length?): return element.staticSize * length
        case .tuple(let members): return members.reduce(0) { $0 + $1.staticSize }
        default: return 32
        }
    }

    /// Parses one type: an elementary name (`uint` and `int` mean 256 bits), a parenthesised
    /// tuple, and any number of `[k]` or `[]` suffixes.
    /// - Throws: ``ABIError/badType(_:)`` naming the text.
    public static func parse(_ text: String) throws(ABIError) -> ABIType {
        var parser = ABITypeParser(Array(text.utf8))
        let type = try parser.parseType()
        guard parser.atEnd else { throw .badType("'\(text)' is not an ABI type") }
        return type
    }

    /// Parses a comma-separated list of types, as inside a signature's parentheses.
    /// - Throws: ``ABIError/badType(_:)`` for a type that is not one.
    public static func parseList(_ text: String) throws(ABIError) -> [ABIType] {
        var parser = ABITypeParser(Array(text.utf8))
        let types = try parser.parseList(until: nil)
        guard parser.atEnd else { throw .badType("'\(text)' is not a list of ABI types") }
        return types
    }
}

/// A recursive-descent parser over a type's text.
struct ABITypeParser {
    let text: [UInt8]
    var index = 0
    private var depth = 0
    /// How deep tuples and arrays may nest.
    static let maximumDepth = 32

    init(_ text: [UInt8]) {
        self.text = ABITypeParser.withoutNames(text)
    }

    /// `text` without whitespace and without the parameter names and data locations Solidity
    /// writes after a type (`uint256 _assetId`, `bytes memory data`), as cast accepts them.
    static func withoutNames(_ text: [UInt8]) -> [UInt8] {
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
        func isWordStart(_ byte: UInt8) -> Bool {
            (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z")) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "$")
        }
        func isWord(_ byte: UInt8) -> Bool { isWordStart(byte) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) }
        var out: [UInt8] = []
        var index = 0
        while index < text.count {
            let byte = text[index]
            guard isSpace(byte) else {
                out.append(byte)
                index += 1
                continue
            }
            while index < text.count && isSpace(text[index]) { index += 1 }
            // A word right after a complete type is a name or a data location: drop it.
            if let last = out.last, isWord(last) || last == UInt8(ascii: ")") || last == UInt8(ascii: "]"),
               index < text.count, isWordStart(text[index]) {
                while index < text.count && isWord(text[index]) { index += 1 }
            }
        }
        return out
    }

    var atEnd: Bool { index == text.count }

    var source: String { String(decoding: text, as: UTF8.self) }

    mutating func parseList(until closer: UInt8?) throws(ABIError) -> [ABIType] {
        var types: [ABIType] = []
        if index < text.count, text[index] == closer { return types }
        if closer == nil && atEnd { return types }
        while true {
            types.append(try parseType())
            guard index < text.count, text[index] == UInt8(ascii: ",") else { return types }
            index += 1
        }
    }

    mutating func parseType() throws(ABIError) -> ABIType {
        var type: ABIType
        if index < text.count, text[index] == UInt8(ascii: "(") {
            depth += 1
            defer { depth -= 1 }
            guard depth <= ABITypeParser.maximumDepth else { throw .badType("tuples nest deeper than \(ABITypeParser.maximumDepth) levels in '\(source)'") }
            index += 1
            let members = try parseList(until: UInt8(ascii: ")"))
            guard index < text.count, text[index] == UInt8(ascii: ")") else { throw .badType("unclosed '(' in '\(source)'") }
            guard !members.isEmpty else { throw .badType("an empty tuple () in '\(source)' is not an ABI type") }
            index += 1
            type = .tuple(members)
        } else {
            let start = index
            while index < text.count, isNameByte(text[index]) { index += 1 }
            let name = String(decoding: text[start..<index], as: UTF8.self)
            type = try elementary(name)
        }
        var dimensions = 0
        while index < text.count, text[index] == UInt8(ascii: "[") {
            dimensions += 1
            guard dimensions <= ABITypeParser.maximumDepth else { throw .badType("arrays nest deeper than \(ABITypeParser.maximumDepth) levels in '\(source)'") }
            index += 1
            let start = index
            while index < text.count, text[index] >= UInt8(ascii: "0"), text[index] <= UInt8(ascii: "9") { index += 1 }
            let digits = String(decoding: text[start..<index], as: UTF8.self)
            guard index < text.count, text[index] == UInt8(ascii: "]") else { throw .badType("unclosed '[' in '\(source)'") }
            index += 1
            if digits.isEmpty {
                type = .array(type, nil)
            } else {
                guard let length = Int(digits), length > 0, length <= 1 << 20 else {
                    throw .badType("array length [\(digits)] in '\(source)' is not 1 or more")
                }
                type = .array(type, length)
            }
        }
        return type
    }

    private func isNameByte(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
    }

    private func elementary(_ name: String) throws(ABIError) -> ABIType {
        switch name {
        case "address": return .address
        case "bool": return .bool
        case "bytes": return .bytes
        case "string": return .string
        case "uint": return .uint(256)
        case "int": return .int(256)
        case "": throw .badType("missing type in '\(source)'")
        default: break
        }
        for (prefix, make) in [("uint", ABIType.uint), ("int", ABIType.int)] as [(String, (Int) -> ABIType)] where name.hasPrefix(prefix) {
            guard let bits = Int(name.dropFirst(prefix.count)), bits >= 8, bits <= 256, bits % 8 == 0 else {
                throw .badType("'\(name)' is not an ABI type: \(prefix)<M> takes M from 8 to 256 in steps of 8")
            }
            return make(bits)
        }
        if name.hasPrefix("bytes") {
            guard let size = Int(name.dropFirst(5)), size >= 1, size <= 32 else {
                throw .badType("'\(name)' is not an ABI type: bytes<M> takes M from 1 to 32")
            }
            return .fixedBytes(size)
        }
        throw .badType("'\(name)' is not an ABI type (in '\(source)')")
    }
}
