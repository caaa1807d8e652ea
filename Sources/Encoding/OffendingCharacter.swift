/// Describes one character of an item for an error message, and its 1-based position.
///
/// Items arrive as UTF-8 bytes. A position counts Unicode scalars, not bytes, so a user who
/// counts characters in the item finds the one named. The character is shown quoted when it is
/// printable ASCII, and by its code point otherwise (`U+00E9 'é'`, `U+0009`), so that control
/// characters never reach a terminal raw.
public struct OffendingCharacter: Equatable, Sendable, CustomStringConvertible {
    /// How the character is shown in a message: `'O'`, `U+00E9 'é'` or `U+0009`.
    public let shown: String
    /// 1-based position of the character in the item, counted in Unicode scalars.
    public let position: Int

    /// Describes the character that starts at `byteOffset` in `text` (UTF-8, possibly invalid).
    public init(in text: UnsafeBufferPointer<UInt8>, at byteOffset: Int) {
        var scalarsBefore = 0
        for i in 0..<byteOffset where text[i] & 0xC0 != 0x80 {
            scalarsBefore += 1
        }
        position = scalarsBefore + 1
        let first = text[byteOffset]
        if first >= 0x21 && first < 0x7F {
            shown = "'\(Character(Unicode.Scalar(first)))'"
            return
        }
        // Decode the one scalar at byteOffset; an invalid sequence shows its first byte.
        var end = byteOffset + 1
        while end < text.count && end < byteOffset + 4 && text[end] & 0xC0 == 0x80 { end += 1 }
        let decoded = String(validating: UnsafeBufferPointer(rebasing: text[byteOffset..<end]), as: UTF8.self)
        if let decoded, let scalar = decoded.unicodeScalars.first, decoded.unicodeScalars.count == 1 {
            let code = String(scalar.value, radix: 16, uppercase: true)
            let padded = String(repeating: "0", count: max(0, 4 - code.count)) + code
            shown = scalar.isUnsafeToShow || scalar == " " ? "U+\(padded)" : "U+\(padded) '\(decoded)'"
        } else {
            let code = String(first, radix: 16, uppercase: true)
            shown = "byte 0x\(code.count == 1 ? "0" + code : code) (not UTF-8)"
        }
    }

    public var description: String { "\(shown) at position \(position)" }
}

extension Unicode.Scalar {
    /// Whether writing this character to a terminal could hide or reorder text: control
    /// characters, format characters (bidirectional overrides, zero-width joiners, the BOM),
    /// line and paragraph separators, private-use and unassigned code points.
    public var isUnsafeToShow: Bool {
        switch properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator, .privateUse, .surrogate, .unassigned: return true
        default: return false
        }
    }
}
