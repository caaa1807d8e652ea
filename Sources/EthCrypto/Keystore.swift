import Encoding
import Hashing

/// A Web3 Secret Storage (version 3) keystore, as geth, parity and eth-account write them
/// (Ethereum wiki, "Web3 Secret Storage Definition").
///
/// The private key is encrypted with AES-128-CTR under the first 16 bytes of a key derived from
/// the password (scrypt, or PBKDF2 with HMAC-SHA-256); the MAC is Keccak-256 of the derived
/// key's bytes 16-31 followed by the ciphertext.
public struct Keystore: Sendable {
    /// Key derivation and its parameters.
    public enum KDF: Equatable, Sendable {
        case scrypt(n: UInt64, r: UInt64, p: UInt64)
        case pbkdf2(iterations: Int)
    }

    public var kdf: KDF
    public var salt: [UInt8]
    public var derivedKeyLength: Int
    public var iv: [UInt8]
    public var ciphertext: [UInt8]
    public var mac: [UInt8]
    /// The address field as written (hex without 0x), when present.
    public var address: String?
    public var id: String

    /// Geth's standard scrypt parameters: n = 2^18, r = 8, p = 1.
    public static let standardScrypt = KDF.scrypt(n: 262_144, r: 8, p: 1)

    /// Reads a keystore from its JSON text.
    /// - Throws: ``KeystoreError`` for a document that is not a version 3 keystore, an unknown
    ///   KDF or cipher, or malformed hex.
    public init(json text: [UInt8]) throws(KeystoreError) {
        let document: JSONValue
        do {
            document = try JSONParser.parse(text)
        } catch {
            throw .malformed(error.description)
        }
        guard let root = document.objectValue else { throw .malformed("the document is not a JSON object") }
        guard let version = root["version"], version == .number("3") else { throw .malformed("'version' is not 3") }
        // geth writes "crypto", some older tools "Crypto".
        guard let crypto = (root["crypto"] ?? root["Crypto"])?.objectValue else { throw .malformed("no 'crypto' object") }
        let cipher = try Keystore.string(crypto, "cipher", "crypto.cipher")
        guard cipher == "aes-128-ctr" else { throw .unknownCipher(cipher) }
        let cipherParameters = try Keystore.object(crypto, "cipherparams", "crypto.cipherparams")
        iv = try Keystore.hex(cipherParameters, "iv", "crypto.cipherparams.iv")
        ciphertext = try Keystore.hex(crypto, "ciphertext", "crypto.ciphertext")
        mac = try Keystore.hex(crypto, "mac", "crypto.mac")
        let kdfName = try Keystore.string(crypto, "kdf", "crypto.kdf")
        let parameters = try Keystore.object(crypto, "kdfparams", "crypto.kdfparams")
        salt = try Keystore.hex(parameters, "salt", "crypto.kdfparams.salt")
        derivedKeyLength = Int(clamping: try Keystore.integer(parameters, "dklen", "crypto.kdfparams.dklen"))
        switch kdfName {
        case "scrypt":
            kdf = .scrypt(n: try Keystore.integer(parameters, "n", "crypto.kdfparams.n"),
                          r: try Keystore.integer(parameters, "r", "crypto.kdfparams.r"),
                          p: try Keystore.integer(parameters, "p", "crypto.kdfparams.p"))
        case "pbkdf2":
            let prf = try Keystore.string(parameters, "prf", "crypto.kdfparams.prf")
            guard prf == "hmac-sha256" else { throw .unknownKDF("pbkdf2 with \(prf)") }
            let iterations = try Keystore.integer(parameters, "c", "crypto.kdfparams.c")
            guard iterations >= 1, iterations <= 100_000_000 else {
                throw .invalidParameters("pbkdf2 iteration count \(iterations) is outside 1-100,000,000")
            }
            kdf = .pbkdf2(iterations: Int(iterations))
        default:
            throw .unknownKDF(kdfName)
        }
        guard derivedKeyLength >= 32, derivedKeyLength <= 1024 else {
            throw .invalidParameters("dklen \(derivedKeyLength) is outside 32-1024 bytes")
        }
        guard iv.count == 16 else { throw .invalidParameters("the iv is \(iv.count) bytes, not 16") }
        address = root["address"]?.stringValue
        id = root["id"]?.stringValue ?? ""
    }

    /// Decrypts the private key with `password` (its UTF-8 bytes).
    /// - Throws: ``KeystoreError/macMismatch`` for a wrong password; ``CryptoError`` when the
    ///   decrypted bytes are not a valid key.
    public func decrypt(password: [UInt8]) throws -> PrivateKey {
        let derived = try derive(password: password)
        guard Keccak256.hash(Array(derived[16..<32]) + ciphertext).bytes == mac else { throw KeystoreError.macMismatch }
        let plain = try KeyDerivation.aes128CTR(key: Array(derived[0..<16]), iv: iv, input: ciphertext)
        return try PrivateKey(bytes: plain)
    }

    /// The `address` field (hex, 40 digits, any case) as bytes, when present and well formed.
    public var addressBytes: [UInt8]? {
        guard let address else { return nil }
        let digits = address.hasPrefix("0x") || address.hasPrefix("0X") ? String(address.dropFirst(2)) : address
        guard digits.count == 40, let bytes = try? Hex.decode(digits) else { return nil }
        return bytes
    }

    /// Encrypts `key` under `password` with fresh random salt, iv and id, and the given KDF.
    /// - Throws: ``CryptoError/randomUnavailable`` when OpenSSL has no random bytes;
    ///   ``KeystoreError`` when the key derivation fails.
    public static func encrypt(_ key: PrivateKey, password: [UInt8], kdf: KDF = standardScrypt,
                               address: String) throws -> Keystore {
        var store = Keystore(kdf: kdf, salt: try SecureRandom.bytes(32), derivedKeyLength: 32,
                             iv: try SecureRandom.bytes(16), ciphertext: [], mac: [], address: address,
                             id: try Keystore.uuid())
        let derived = try store.derive(password: password)
        store.ciphertext = try KeyDerivation.aes128CTR(key: Array(derived[0..<16]), iv: store.iv, input: key.bytes)
        store.mac = Keccak256.hash(Array(derived[16..<32]) + store.ciphertext).bytes
        return store
    }

    private init(kdf: KDF, salt: [UInt8], derivedKeyLength: Int, iv: [UInt8], ciphertext: [UInt8], mac: [UInt8],
                 address: String?, id: String) {
        self.kdf = kdf
        self.salt = salt
        self.derivedKeyLength = derivedKeyLength
        self.iv = iv
        self.ciphertext = ciphertext
        self.mac = mac
        self.address = address
        self.id = id
    }

    /// The keystore as JSON, in the layout geth writes.
    public var json: JSONValue {
        func hex(_ bytes: [UInt8]) -> JSONValue { .string(String(Hex.encode(bytes).dropFirst(2))) }
        var parameters: [(key: String, value: JSONValue)] = [("dklen", .number(String(derivedKeyLength)))]
        let kdfName: String
        switch kdf {
        case .scrypt(let n, let r, let p):
            kdfName = "scrypt"
            parameters += [("n", .number(String(n))), ("p", .number(String(p))), ("r", .number(String(r)))]
        case .pbkdf2(let iterations):
            kdfName = "pbkdf2"
            parameters += [("c", .number(String(iterations))), ("prf", .string("hmac-sha256"))]
        }
        parameters.append(("salt", hex(salt)))
        let crypto = JSONObjectValue([
            ("cipher", .string("aes-128-ctr")),
            ("ciphertext", hex(ciphertext)),
            ("cipherparams", .object(JSONObjectValue([("iv", hex(iv))]))),
            ("kdf", .string(kdfName)),
            ("kdfparams", .object(JSONObjectValue(parameters))),
            ("mac", hex(mac)),
        ])
        var members: [(key: String, value: JSONValue)] = []
        if let address { members.append(("address", .string(address))) }
        members += [("crypto", .object(crypto)), ("id", .string(id)), ("version", .number("3"))]
        return .object(JSONObjectValue(members))
    }

    private func derive(password: [UInt8]) throws(KeystoreError) -> [UInt8] {
        switch kdf {
        case .scrypt(let n, let r, let p):
            return try KeyDerivation.scrypt(password: password, salt: salt, n: n, r: r, p: p, length: derivedKeyLength)
        case .pbkdf2(let iterations):
            return try KeyDerivation.pbkdf2SHA256(password: password, salt: salt, iterations: iterations, length: derivedKeyLength)
        }
    }

    /// A random (version 4) UUID, RFC 9562, section 5.4.
    private static func uuid() throws -> String {
        var bytes = try SecureRandom.bytes(16)
        bytes[6] = bytes[6] & 0x0F | 0x40
        bytes[8] = bytes[8] & 0x3F | 0x80
        let hex = String(Hex.encode(bytes).dropFirst(2))
        let parts = [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { range in
            String(hex[hex.index(hex.startIndex, offsetBy: range.lowerBound)..<hex.index(hex.startIndex, offsetBy: range.upperBound)])
        }
        return parts.joined(separator: "-")
    }

    // MARK: - Reading fields

    private static func string(_ object: JSONObjectValue, _ key: String, _ path: String) throws(KeystoreError) -> String {
        guard let value = object[key]?.stringValue else { throw .malformed("'\(path)' is missing or not a string") }
        return value
    }

    private static func object(_ object: JSONObjectValue, _ key: String, _ path: String) throws(KeystoreError) -> JSONObjectValue {
        guard let value = object[key]?.objectValue else { throw .malformed("'\(path)' is missing or not an object") }
        return value
    }

    private static func hex(_ object: JSONObjectValue, _ key: String, _ path: String) throws(KeystoreError) -> [UInt8] {
        let text = try string(object, key, path)
        do {
            return try Hex.decode(text)
        } catch {
            throw .malformed("'\(path)' is not hex: \(error.description)")
        }
    }

    private static func integer(_ object: JSONObjectValue, _ key: String, _ path: String) throws(KeystoreError) -> UInt64 {
        guard case .number(let text)? = object[key], let value = UInt64(text) else {
            throw .malformed("'\(path)' is missing or not a whole number")
        }
        return value
    }
}
