import Files
import Encoding
import EthCrypto
import Ethereum

/// Where the signing key comes from: never the command line (ps shows argv). In order of
/// precedence: `--key-file PATH` (hex) or `--keystore PATH` (with `--password-file PATH` or
/// `BOND_KEYSTORE_PASSWORD`), then `BOND_PRIVATE_KEY` (hex). The options are read once into a
/// ``Source``; a new kind of key (a hardware token) is one more case and one more ``Signer``.
enum SigningKey {
    static let keyFile = OptionSpec("key-file", .path, help: "the private key, hex, in PATH (mode 600)")
        .conflicting(with: "keystore", message: "give one key: --key-file or --keystore, not both")
        .standing(for: "BOND_PRIVATE_KEY")
    static let keystore = OptionSpec("keystore", .path, help: "a Web3 Secret Storage v3 keystore (geth, eth-account)")
        .standing(for: "BOND_PRIVATE_KEY")
    static let passwordFile = OptionSpec("password-file", .path, help: "the keystore's password in PATH (mode 600); else BOND_KEYSTORE_PASSWORD")
        .conflicting(with: "key-file", message: "--password-file is for --keystore; a --key-file holds the key in clear")
        .requiring("keystore", message: "--password-file is for --keystore, which is missing")
        .standing(for: "BOND_KEYSTORE_PASSWORD", "BOND_PRIVATE_KEY")

    /// The options that name a key, as subcommands declare them.
    static let options = [keyFile, keystore, passwordFile]

    /// One place a key is kept.
    enum Source: Equatable {
        /// A file holding the key as hex (mode 600).
        case keyFile(String)
        /// A Web3 Secret Storage keystore, decrypted with ``SigningKey/password(_:)``.
        case keystore(String)
        /// `BOND_PRIVATE_KEY`, hex.
        case environment

        /// The key, read and checked.
        /// - Throws: ``FileFailure`` for a missing or unreadable file; 77 for a file readable by
        ///   others or a wrong keystore password; 65 for a key that is not one.
        func privateKey(_ arguments: ParsedArguments) throws -> PrivateKey {
            switch self {
            case .keyFile(let path):
                return try SigningKey.parseHex(try SecretFile.read(path, what: "key file"), source: "key file \(FileFailure.quoted(path))")
            case .keystore(let path):
                return try SigningKey.decrypt(path, password: try SigningKey.password(arguments))
            case .environment:
                return try SigningKey.parseHex(Array((Environment.value("BOND_PRIVATE_KEY") ?? "").utf8), source: "BOND_PRIVATE_KEY")
            }
        }

        /// What signs with the key.
        /// - Throws: as ``privateKey(_:)``.
        func signer(_ arguments: ParsedArguments) throws -> any Signer {
            try privateKey(arguments)
        }
    }

    /// The source the options and environment name, or nil when none does. With
    /// `keystoreIsInput` false (`key import`, whose `--keystore` is the file written), only a
    /// key file or the environment. The options' relations (one key, a password file for a
    /// keystore only) were checked with the command line.
    static func source(_ arguments: ParsedArguments, keystoreIsInput: Bool = true) -> Source? {
        if let path = arguments.text(keyFile) { return .keyFile(path) }
        if keystoreIsInput, let path = arguments.text(keystore) { return .keystore(path) }
        return Environment.value("BOND_PRIVATE_KEY") != nil ? .environment : nil
    }

    /// The signer the options name; with no key at all a usage error naming the three ways.
    /// - Throws: ``CommandFailure`` (64) without a key; as ``Source/signer(_:)``.
    static func required(_ arguments: ParsedArguments) throws -> any Signer {
        guard let source = source(arguments) else {
            throw CommandFailure.usage("no signing key: give --key-file PATH, or --keystore PATH with --password-file PATH, or set BOND_PRIVATE_KEY")
        }
        return try source.signer(arguments)
    }

    /// The password for a keystore: `--password-file`, else `BOND_KEYSTORE_PASSWORD`.
    static func password(_ arguments: ParsedArguments) throws -> [UInt8] {
        if let path = arguments.text(passwordFile) { return try SecretFile.password(path) }
        if let password = Environment.value("BOND_KEYSTORE_PASSWORD") { return Array(password.utf8) }
        throw CommandFailure.usage("the keystore needs its password: --password-file PATH or BOND_KEYSTORE_PASSWORD")
    }

    private static func decrypt(_ path: String, password: [UInt8]) throws -> PrivateKey {
        let text = try InputFile.readAll(path)
        do {
            let keystore = try Keystore(json: text)
            let key = try keystore.decrypt(password: password)
            let address = Address(publicKey: key.publicKey.uncompressed)
            if let recorded = keystore.addressBytes, recorded != address.bytes {
                throw CommandFailure(.dataError, "its address field is \(Hex.encode(recorded)), but its key's address is \(address.checksummed)")
            }
            return key
        } catch {
            let (status, message) = ErrorClassifier.classify(error)
            throw CommandFailure(status, "keystore \(FileFailure.quoted(path)): \(message)")
        }
    }

    /// A key from hex text: optional 0x, surrounding whitespace ignored.
    private static func parseHex(_ text: [UInt8], source: String) throws -> PrivateKey {
        let trimmed = String(decoding: text, as: UTF8.self).trimmingASCIIWhitespace
        let bytes: [UInt8]
        do {
            bytes = try Hex.decode(trimmed)
        } catch {
            // Never echo the text: it is a secret, however malformed.
            throw CommandFailure(.dataError, "\(source) does not hold a hex private key")
        }
        do {
            return try PrivateKey(bytes: bytes)
        } catch {
            throw CommandFailure(.dataError, "\(source): \(error.description)")
        }
    }
}
