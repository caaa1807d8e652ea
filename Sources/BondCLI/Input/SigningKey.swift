import Files
import Encoding
import EthCrypto
import Ethereum

/// Where the signing key comes from: never the command line (ps shows argv). In order of
/// precedence: `--key-file PATH` (hex) or `--keystore PATH` (with `--password-file PATH` or
/// `BOND_KEYSTORE_PASSWORD`), then `BOND_PRIVATE_KEY` (hex).
enum SigningKey {
    /// The options that name a key, as subcommands declare them.
    static let options: [OptionSpec] = [
        OptionSpec("key-file", .path, help: "the private key, hex, in PATH (mode 600)"),
        OptionSpec("keystore", .path, help: "a Web3 Secret Storage v3 keystore (geth, eth-account)"),
        OptionSpec("password-file", .path, help: "the keystore's password in PATH (mode 600); else BOND_KEYSTORE_PASSWORD"),
    ]

    /// The key the options and environment name, or nil when none does.
    /// - Throws: ``CommandFailure`` (64) for two key sources or a keystore without a password;
    ///   ``FileFailure`` for a missing or unreadable file; 77 for a file readable by others or a
    ///   wrong keystore password; ``CryptoError`` (65) for a key that is not one.
    static func load(_ arguments: ParsedArguments) throws -> PrivateKey? {
        let keyFile = arguments.text("key-file")
        let keystore = arguments.text("keystore")
        if keyFile != nil && keystore != nil {
            throw CommandFailure.usage("give one key: --key-file or --keystore, not both")
        }
        if let keyFile {
            if arguments.text("password-file") != nil {
                throw CommandFailure.usage("--password-file is for --keystore; a --key-file holds the key in clear")
            }
            return try parseHex(try SecretFile.read(keyFile, what: "key file"), source: "key file \(FileFailure.quoted(keyFile))")
        }
        if let keystore {
            return try decrypt(keystore, arguments)
        }
        if arguments.text("password-file") != nil {
            throw CommandFailure.usage("--password-file is for --keystore, which is missing")
        }
        if let hex = Environment.value("BOND_PRIVATE_KEY") {
            return try parseHex(Array(hex.utf8), source: "BOND_PRIVATE_KEY")
        }
        return nil
    }

    /// Like ``load(_:)``, but with no key at all a usage error naming the three ways.
    static func required(_ arguments: ParsedArguments) throws -> PrivateKey {
        guard let key = try load(arguments) else {
            throw CommandFailure.usage("no signing key: give --key-file PATH, or --keystore PATH with --password-file PATH, or set BOND_PRIVATE_KEY")
        }
        return key
    }

    /// The password for a keystore: `--password-file`, else `BOND_KEYSTORE_PASSWORD`.
    static func password(_ arguments: ParsedArguments) throws -> [UInt8] {
        if let path = arguments.text("password-file") { return try SecretFile.password(path) }
        if let password = Environment.value("BOND_KEYSTORE_PASSWORD") { return Array(password.utf8) }
        throw CommandFailure.usage("the keystore needs its password: --password-file PATH or BOND_KEYSTORE_PASSWORD")
    }

    private static func decrypt(_ path: String, _ arguments: ParsedArguments) throws -> PrivateKey {
        let password = try password(arguments)
        let text = try InputFile.readAll(path)
        do {
            let keystore = try Keystore(json: text)
            let key = try keystore.decrypt(password: password)
            let address = Address(publicKey: key.publicKey.uncompressed)
            if let recorded = keystore.addressBytes, recorded != address.bytes {
                throw CommandFailure(.dataError, "its address field is \(Hex.encode(recorded)), but its key's address is \(address.checksummed)")
            }
            return key
        } catch let failure as FileFailure {
            throw failure
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
