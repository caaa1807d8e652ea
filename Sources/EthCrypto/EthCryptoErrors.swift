import ErrorCategories

/// Why a key, signature or keystore operation failed.
public enum CryptoError: CategorizedError, Equatable, Sendable {
    /// A private key that is not 32 bytes, or is 0 or not below the group order n.
    case invalidPrivateKey(String)
    /// A signature whose r, s or recovery id is out of range, or from which no key recovers.
    case invalidSignature(String)
    /// OpenSSL's random generator failed.
    case randomUnavailable

    public var category: ErrorCategory { self == .randomUnavailable ? .internal : .badInput }

    public var description: String {
        switch self {
        case .invalidPrivateKey(let reason): return "invalid private key: \(reason)"
        case .invalidSignature(let reason): return "invalid signature: \(reason)"
        case .randomUnavailable: return "no random bytes available from OpenSSL"
        }
    }
}

/// Why a Web3 Secret Storage keystore could not be read, decrypted or written.
public enum KeystoreError: CategorizedError, Equatable, Sendable {
    /// The file is not a version 3 keystore, or a field is missing or of the wrong kind.
    case malformed(String)
    /// A key derivation function other than scrypt and pbkdf2 (hmac-sha256).
    case unknownKDF(String)
    /// A cipher other than aes-128-ctr.
    case unknownCipher(String)
    /// KDF or cipher parameters out of range.
    case invalidParameters(String)
    /// The MAC does not match: a wrong password, or a damaged file.
    case macMismatch

    public var category: ErrorCategory { self == .macMismatch ? .unauthorized : .badInput }

    public var description: String {
        switch self {
        case .malformed(let reason): return "not a Web3 Secret Storage v3 keystore: \(reason)"
        case .unknownKDF(let name): return "keystore uses the key derivation function '\(name)'; bond reads scrypt and pbkdf2 (hmac-sha256)"
        case .unknownCipher(let name): return "keystore uses the cipher '\(name)'; bond reads aes-128-ctr"
        case .invalidParameters(let reason): return "keystore parameters: \(reason)"
        case .macMismatch: return "keystore MAC mismatch (wrong password?)"
        }
    }
}
