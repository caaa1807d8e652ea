import Hashing

/// A function signature as cast writes it: `name(type,...)`, optionally followed by the return
/// types `(type,...)`: `getLastSmartMeterReadFileHash(uint256)(bytes32)`.
public struct FunctionSignature: Equatable, Sendable, CustomStringConvertible {
    public let name: String
    public let inputs: [ABIType]
    /// The return types; empty when none were written.
    public let outputs: [ABIType]

    /// Parses `text`.
    /// - Throws: ``ABIError/badSignature(_:)`` or ``ABIError/badType(_:)`` naming what is wrong.
    public init(_ text: String) throws(ABIError) {
        let trimmed = String(decoding: ABITypeParser.withoutNames(Array(text.utf8)), as: UTF8.self)
        guard let open = trimmed.firstIndex(of: "(") else {
            throw .badSignature("function signature '\(text)' has no '(': write it as name(type,...)")
        }
        let name = String(trimmed[..<open])
        guard let first = name.first, first.isLetter || first == "_" || first == "$",
              name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "$") }) else {
            throw .badSignature("'\(name)' in '\(text)' is not a function name")
        }
        var parser = ABITypeParser(Array(trimmed[trimmed.index(after: open)...].utf8))
        let inputs = try parser.parseList(until: UInt8(ascii: ")"))
        guard !parser.atEnd, parser.text[parser.index] == UInt8(ascii: ")") else {
            throw .badSignature("function signature '\(text)' lacks its closing ')'")
        }
        parser.index += 1
        var outputs: [ABIType] = []
        if !parser.atEnd {
            guard parser.text[parser.index] == UInt8(ascii: "(") else {
                throw .badSignature("unexpected text after the arguments of '\(text)'")
            }
            parser.index += 1
            outputs = try parser.parseList(until: UInt8(ascii: ")"))
            guard !parser.atEnd, parser.text[parser.index] == UInt8(ascii: ")") else {
                throw .badSignature("the return types of '\(text)' lack their closing ')'")
            }
            parser.index += 1
            guard parser.atEnd else { throw .badSignature("unexpected text after the return types of '\(text)'") }
        }
        self.name = name
        self.inputs = inputs
        self.outputs = outputs
    }

    /// `name(type,...)` with canonical type names: what the selector hashes.
    public var canonical: String { name + "(" + inputs.map(\.description).joined(separator: ",") + ")" }

    public var description: String {
        canonical + (outputs.isEmpty ? "" : "(" + outputs.map(\.description).joined(separator: ",") + ")")
    }

    /// The first 4 bytes of Keccak-256 of ``canonical``.
    public var selector: [UInt8] { Array(Keccak256.hash(Array(canonical.utf8)).prefix(4)) }

    /// The calldata: the selector, then the ABI encoding of `arguments` as a tuple of ``inputs``.
    public func calldata(_ arguments: [ABIValue]) -> [UInt8] {
        selector + ABIEncoder.encode(arguments)
    }
}
