/// Why a Base58 or Base58Check item could not be decoded.
public enum Base58Error: Error, Equatable, Sendable, CustomStringConvertible {
    /// A character outside the Bitcoin alphabet (`0`, `O`, `I`, `l`, punctuation, whitespace,
    /// any non-ASCII character), and where it is.
    case invalidCharacter(OffendingCharacter)
    /// Base58Check: the text decodes to `byteCount` bytes, fewer than the 4-byte checksum.
    case checksumMissing(byteCount: Int)
    /// Base58Check: the last 4 bytes (`carried`) are not the checksum of the payload (`computed`).
    case checksumMismatch(carried: [UInt8], computed: [UInt8])

    public var description: String {
        switch self {
        case .invalidCharacter(let character):
            return "invalid Base58 character \(character)"
        case .checksumMissing(let count):
            return "Base58Check item decodes to \(count) byte\(count == 1 ? "" : "s"), fewer than its 4-byte checksum"
        case .checksumMismatch(let carried, let computed):
            return "Base58Check checksum mismatch: the item carries \(Hex.encode(carried)), its payload's checksum is \(Hex.encode(computed))"
        }
    }
}
