import Files
import Encoding
import EthCrypto
import Ethereum
import Glibc

/// `bond key new|address|import`: the device's key and its Web3 Secret Storage keystore
/// (bond-key(1)). The device owner registers the printed address as the asset's smart meter.
enum KeyCommand {
    /// The keystore `new` and `import` write.
    static let keystoreOption = OptionSpec("keystore", .path, help: "a Web3 Secret Storage v3 keystore (geth, eth-account)")
    /// The password of the keystore written.
    static let passwordOption = OptionSpec("password-file", .path, help: "the keystore's password in PATH (mode 600); else BOND_KEYSTORE_PASSWORD")
        .standing(for: "BOND_KEYSTORE_PASSWORD")
    /// The key `import` reads.
    static let importedKey = OptionSpec("key-file", .path, help: "the private key, hex, in PATH (mode 600)").standing(for: "BOND_PRIVATE_KEY")

    static let spec = CommandSpec(
        "key",
        summary: "create, import and show the device's signing key",
        verbs: [
            CommandSpec(
                "new", summary: "create a key from OpenSSL's RAND_bytes in a new keystore",
                details: "Writes a Web3 Secret Storage v3 keystore (scrypt n=262144, r=8, p=1; mode 600; never over an existing file) that geth and eth-account decrypt, and prints its address.",
                options: [keystoreOption, passwordOption], run: new),
            CommandSpec(
                "address", summary: "print the address and public key of the signing key",
                options: SigningKey.options, run: address),
            CommandSpec(
                "import", summary: "wrap an existing hex key into a new keystore",
                details: "Reads the key from --key-file (or BOND_PRIVATE_KEY) and writes it to a new keystore as 'key new' does.",
                options: [importedKey, keystoreOption, passwordOption],
                run: importKey),
        ]
    )

    static func new(_ invocation: Invocation) throws -> ExitStatus {
        let path = try requiredKeystorePath(invocation.arguments)
        let password = try SigningKey.password(invocation.arguments)
        try write(try PrivateKey.random(), to: path, password: password, invocation)
        return .ok
    }

    static func importKey(_ invocation: Invocation) throws -> ExitStatus {
        let arguments = invocation.arguments
        let path = try requiredKeystorePath(arguments)
        let password = try SigningKey.password(arguments)
        guard let source = SigningKey.source(arguments, keystoreIsInput: false) else {
            throw CommandFailure.usage("no key to import: give --key-file PATH or set BOND_PRIVATE_KEY")
        }
        try write(try source.privateKey(arguments), to: path, password: password, invocation)
        return .ok
    }

    static func address(_ invocation: Invocation) throws -> ExitStatus {
        let key = try SigningKey.required(invocation.arguments)
        let publicKey = key.publicKey.uncompressed
        var line = JSONObject()
        line.string("address", Address(publicKey: publicKey).checksummed)
        line.hex("public_key", publicKey)
        try invocation.output.write(line)
        return .ok
    }

    private static func requiredKeystorePath(_ arguments: ParsedArguments) throws -> String {
        guard let path = arguments.text(keystoreOption) else { throw CommandFailure.usage("--keystore PATH names the file to write") }
        return path
    }

    /// Encrypts `key` and writes the keystore to `path`, then prints `address` and `keystore`.
    private static func write(_ key: PrivateKey, to path: String, password: [UInt8], _ invocation: Invocation) throws {
        let address = Address(publicKey: key.publicKey.uncompressed)
        invocation.diagnostics.note("deriving the keystore key with scrypt n=262144, r=8, p=1")
        let store = try Keystore.encrypt(key, password: password, address: String(Hex.encode(address.bytes).dropFirst(2)))
        var text: [UInt8] = []
        JSONWriter.append(store.json, to: &text)
        text.append(0x0A)
        do {
            try AtomicFile.create(path, contents: text, mode: 0o600)
        } catch {
            guard error.errorNumber == EEXIST else { throw error }
            throw CommandFailure(.cannotCreate, "\(FileFailure.quoted(path)) exists: bond never writes over a keystore")
        }
        var line = JSONObject()
        line.string("address", address.checksummed)
        line.string("keystore", AtomicFile.absolute(path))
        try invocation.output.write(line)
    }
}
