/// Why a key, signature or keystore operation failed.
public enum CryptoError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A private key that is not 32 bytes, or is 0 or not below the group order n.
    case invalidPrivateKey(String)
    /// A signature whose r, s or recovery id is out of range, or from which no key recovers.
    case invalidSignature(String)
    /// OpenSSL's random generator failed.
    case randomUnavailable

    public var description: String {
        switch self {
        case .invalidPrivateKey(let reason): return "invalid private key: \(reason)"
        case .invalidSignature(let reason): return "invalid signature: \(reason)"
        case .randomUnavailable: return "no random bytes available from OpenSSL"
        }
    }
}
