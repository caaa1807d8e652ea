import Encoding
import Hashing

/// A 20-byte Ethereum account address: the last 20 bytes of Keccak-256 of an account's 64-byte
/// uncompressed public key (Yellow Paper, section 7; without the 0x04 prefix).
///
/// bond prints every address with its EIP-55 mixed-case checksum. It reads addresses written
/// all lower case or all upper case (no checksum to check) or in mixed case, which must then
/// be the EIP-55 spelling.
public struct Address: Hashable, Sendable, CustomStringConvertible {
    /// The 20 bytes.
    public let bytes: [UInt8]

    /// The address of 20 `bytes`; nil for another count.
    public init?(bytes: [UInt8]) {
        guard bytes.count == 20 else { return nil }
        self.bytes = bytes
    }

    /// The address of a 64-byte public key (x and y, big-endian, no prefix).
    public init(publicKey: [UInt8]) {
        bytes = Array(Keccak256.hash(publicKey).suffix(20))
    }

    /// Parses `text`: `0x` and 40 hex digits.
    /// - Throws: ``AddressError`` for a wrong length, a non-hex character, or mixed case that is
    ///   not the EIP-55 checksum (naming the expected spelling).
    public init(_ text: String) throws(AddressError) {
        let digits = text.hasPrefix("0x") || text.hasPrefix("0X") ? Substring(text.dropFirst(2)) : Substring(text)
        guard text.hasPrefix("0x") || text.hasPrefix("0X") else { throw .missingPrefix(text) }
        guard digits.count == 40 else { throw .wrongLength(text, digits: digits.count) }
        let decoded: [UInt8]
        do {
            decoded = try Hex.decode(String(digits))
        } catch {
            throw .notHex(text)
        }
        self.bytes = decoded
        // Hex letters only here (the digits decoded): ASCII case tests suffice.
        let hasLower = digits.utf8.contains { $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "f") }
        let hasUpper = digits.utf8.contains { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "F") }
        if hasLower && hasUpper && !digits.utf8.elementsEqual(checksummed.utf8.dropFirst(2)) {
            throw .badChecksum(text, expected: checksummed)
        }
    }

    /// The EIP-55 spelling: `0x`, then each hex letter upper case where the corresponding
    /// nibble of Keccak-256 of the lower-case hex digits is 8 or more.
    public var checksummed: String {
        let lower = Array(Hex.encode(bytes).utf8.dropFirst(2))
        let hash = Keccak256.hash(lower)
        var out: [UInt8] = [UInt8(ascii: "0"), UInt8(ascii: "x")]
        for (i, character) in lower.enumerated() {
            let nibble = i % 2 == 0 ? hash[i / 2] >> 4 : hash[i / 2] & 0x0F
            out.append(character >= UInt8(ascii: "a") && nibble >= 8 ? character - 32 : character)
        }
        return String(decoding: out, as: UTF8.self)
    }

    public var description: String { checksummed }
}
