/// Why a Web3 Secret Storage keystore could not be read, decrypted or written.
public enum KeystoreError: Error, Equatable, Sendable, CustomStringConvertible {
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
