import Hashing

/// Hexadecimal text for byte strings, as bond reads and prints them.
///
/// bond prints hex in lower case with a `0x` prefix (bond(1), OUTPUT) and
/// reads it in either case, with or without the prefix.
public enum Hex {
    /// Decodes hex digits into bytes.
    ///
    /// - Parameter text: UTF-8 text: an optional `0x` or `0X` prefix, then an even number of hex
    ///   digits in either case. No whitespace: callers trim items first.
    /// - Returns: the bytes, `text.count / 2` of them after the prefix (none for `""` or `"0x"`).
    /// - Throws: ``HexError/invalidDigit(_:)`` naming the first character that is not a hex digit
    ///   and its 1-based position in `text` (prefix included); ``HexError/oddLength(digitCount:)``
    ///   when the digits are all valid but odd in number.
    public static func decode(_ text: UnsafeBufferPointer<UInt8>) throws(HexError) -> [UInt8] {
        let start = hasPrefix(text) ? 2 : 0
        let digitCount = text.count - start
        // Report a bad character before an odd length: it is the more useful of the two.
        let result = nibbles.withUnsafeBufferPointer { nibble in Result { () throws(HexError) -> [UInt8] in
            try [UInt8](unsafeUninitializedCapacity: digitCount / 2) { (bytes, initialized) throws(HexError) -> Void in
                var i = start
                var o = 0
                while i + 1 < text.count {
                    let high = nibble[Int(text[i])]
                    let low = nibble[Int(text[i + 1])]
                    if high | low > 0x0F {
                        throw .invalidDigit(OffendingCharacter(in: text, at: high > 0x0F ? i : i + 1))
                    }
                    bytes[o] = high << 4 | low
                    o += 1
                    i += 2
                }
                initialized = o
                if i < text.count {
                    if nibble[Int(text[i])] > 0x0F { throw .invalidDigit(OffendingCharacter(in: text, at: i)) }
                    throw .oddLength(digitCount: digitCount)
                }
            }
        } }
        return try result.get()
    }

    /// Decodes hex digits held in a `String`; see ``decode(_:)-(UnsafeBufferPointer<UInt8>)``.
    /// - Throws: ``HexError``, as the buffer form.
    public static func decode(_ text: String) throws(HexError) -> [UInt8] {
        var copy = text
        let result = copy.withUTF8 { utf8 in Result { () throws(HexError) -> [UInt8] in try decode(utf8) } }
        return try result.get()
    }

    /// Returns `bytes` as `0x` followed by two lower-case hex digits per byte.
    public static func encode(_ bytes: some ByteContainer) -> String {
        var out: [UInt8] = [0x30, 0x78]
        bytes.withByteBuffer { appendDigits(of: $0, to: &out) }
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends two lower-case ASCII hex digits per byte of `bytes` to `output`, with no prefix.
    public static func appendDigits(of bytes: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) {
        let start = output.count
        output.append(contentsOf: repeatElement(0, count: bytes.count * 2))
        output.withUnsafeMutableBufferPointer { out in
            var o = start
            for byte in bytes {
                out[o] = digit(byte >> 4)
                out[o + 1] = digit(byte & 0x0F)
                o += 2
            }
        }
    }

    private static func hasPrefix(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        text.count >= 2 && text[0] == UInt8(ascii: "0") && (text[1] | 0x20) == UInt8(ascii: "x")
    }

    /// The lower-case ASCII digit for `value` (0-15).
    @inline(__always)
    private static func digit(_ value: UInt8) -> UInt8 {
        value < 10 ? value &+ UInt8(ascii: "0") : value &+ (UInt8(ascii: "a") &- 10)
    }

    /// The value of each byte as a hex digit, or 0xFF for a byte that is not one. A table, not
    /// comparisons: digits and letters alternate at random in real data, and branches on them
    /// mispredict.
    private static let nibbles: [UInt8] = (0...255).map { code -> UInt8 in
        let byte = UInt8(code)
        let decimal = byte &- UInt8(ascii: "0")
        if decimal < 10 { return decimal }
        let letter = (byte | 0x20) &- UInt8(ascii: "a")
        return letter < 6 ? letter &+ 10 : 0xFF
    }
}

extension Bytes32 {
    /// The value of 64 hex digits (`0x` optional); nil for anything else, such as a hash of
    /// another length.
    public init?(hex text: String) {
        guard let bytes = try? Hex.decode(text) else { return nil }
        self.init(bytes)
    }
}
