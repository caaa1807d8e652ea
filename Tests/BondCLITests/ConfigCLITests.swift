import Foundation
import Testing

/// Config profiles on the command line: precedence, `bond config check`, and the errors that
/// exit 78.
@Suite("bond config profiles")
struct ConfigCLITests {
    static let sample = """
        default:
          global:
            quiet: true
          read-meter.eumel:
            register: export
            url: http://192.168.1.20
          chain-log:
            dir: LOGDIR
          send-tx:
            rpc: http://127.0.0.1:1
        other:
          read-meter:
            retries: 0
        """

    func config(_ directory: TemporaryDirectory, _ text: String = ConfigCLITests.sample) throws -> String {
        let path = directory.path("config.yaml")
        try text.replacingOccurrences(of: "LOGDIR", with: directory.path("log")).write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static let fixture = BondBinary.packageRoot.appendingPathComponent("Tests/Fixtures/eumel/eumel-v2.1.1.xml").path

    @Test("a profile fills what the command line leaves out; the command line wins; --file beats the profile's --url")
    func precedence() throws {
        let directory = try TemporaryDirectory()
        let path = try config(directory)
        let fromProfile = try BondBinary.run(["read-meter", "eumel", "--config", path, "--file", Self.fixture])
        #expect(fromProfile.status == 0, "\(fromProfile.stderr)")
        #expect(fromProfile.line["register"] as? String == "export")
        let flag = try BondBinary.run(["read-meter", "eumel", "--config", path, "--file", Self.fixture, "--register", "import"])
        #expect(flag.line["register"] as? String == "import")
        let logged = try BondBinary.run(["chain-log", "append", "--config", path], input: "x\n")
        #expect(logged.status == 0, "\(logged.stderr)")
        #expect((logged.line["file"] as? String)?.hasPrefix(directory.path("log")) == true)
        // BOND_CONFIG finds the file too.
        let environment = ["BOND_CONFIG": path, "PATH": "/usr/bin:/bin"]
        let viaEnvironment = try BondBinary.run(["read-meter", "eumel", "--file", Self.fixture], environment: environment)
        #expect(viaEnvironment.line["register"] as? String == "export")
    }

    @Test("an option on the command line keeps out the profile's alternatives to it")
    func alternatives() throws {
        let directory = try TemporaryDirectory()
        let path = try config(directory, "default:\n  sign-tx:\n    key-file: /nonexistent/key\n    gas-price: 1gwei\n")
        let key = directory.path("device.key")
        try Data(("0x" + String(repeating: "46", count: 32) + "\n").utf8).write(to: URL(fileURLWithPath: key))
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: key)
        let keystore = directory.path("device.json")
        let password = directory.path("device.pw")
        try Data("pw\n".utf8).write(to: URL(fileURLWithPath: password))
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: password)
        #expect(try BondBinary.run(["key", "import", "--key-file", key, "--keystore", keystore, "--password-file", password],
                                   environment: ["BOND_CONFIG": "/dev/null", "PATH": "/usr/bin:/bin"]).status == 0)
        let signed = try BondBinary.run(["sign-tx", "-n", "--config", path, "--keystore", keystore, "--password-file", password,
                                         "--chain-id", "1", "--nonce", "0", "--gas", "21000", "--max-fee-per-gas", "2gwei",
                                         "--max-priority-fee-per-gas", "1gwei", "--to", "0x" + String(repeating: "35", count: 20)])
        #expect(signed.status == 0, "\(signed.stderr)")
        #expect(signed.line["type"] as? Int == 2)
    }

    @Test("the environment beats the profile: BOND_RPC_URL over send-tx.rpc")
    func environmentWins() throws {
        let directory = try TemporaryDirectory()
        let path = try config(directory)
        let key = directory.path("device.key")
        try Data(("0x" + String(repeating: "46", count: 32) + "\n").utf8).write(to: URL(fileURLWithPath: key))
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: key)
        let signed = try BondBinary.run(["sign-tx", "-n", "--key-file", key, "--nonce", "0", "--gas", "21000", "--gas-price", "1gwei",
                                         "--chain-id", "1", "--to", "0x" + String(repeating: "35", count: 20)])
        #expect(signed.status == 0)
        let fromProfile = try BondBinary.run(["send-tx", "--retries", "0"], stdin: Data(signed.stdout.utf8),
                                             environment: ["BOND_CONFIG": path, "PATH": "/usr/bin:/bin"])
        #expect(fromProfile.status == 75)
        #expect(fromProfile.stderr.contains("cannot reach http://127.0.0.1:1"), "\(fromProfile.stderr)")
        let fromEnvironment = try BondBinary.run(["send-tx", "--retries", "0"], stdin: Data(signed.stdout.utf8),
                                                 environment: ["BOND_CONFIG": path, "BOND_RPC_URL": "http://127.0.0.1:2", "PATH": "/usr/bin:/bin"])
        #expect(fromEnvironment.stderr.contains("cannot reach http://127.0.0.1:2"), "\(fromEnvironment.stderr)")
        let fromFlag = try BondBinary.run(["send-tx", "--retries", "0", "--rpc", "http://127.0.0.1:3"], stdin: Data(signed.stdout.utf8),
                                          environment: ["BOND_CONFIG": path, "BOND_RPC_URL": "http://127.0.0.1:2", "PATH": "/usr/bin:/bin"])
        #expect(fromFlag.stderr.contains("cannot reach http://127.0.0.1:3"), "\(fromFlag.stderr)")
    }

    @Test("config check prints each section; unknown keys, sections, profiles, wrong types and inline secrets exit 78")
    func check() throws {
        let directory = try TemporaryDirectory()
        let path = try config(directory)
        let checked = try BondBinary.run(["config", "check", "--config", path])
        #expect(checked.status == 0, "\(checked.stderr)")
        #expect(checked.lines.map { "\($0["profile"]!) \($0["section"]!)" } == ["default global", "default read-meter.eumel", "default chain-log",
                                                                                "default send-tx", "other read-meter"])
        #expect(try BondBinary.run(["config", "check", "--config", path, "--profile", "other"]).stdoutLines.count == 1)
        for (text, message) in [
            ("default:\n  read-meter.eumel:\n    urll: x\n", "profile 'default', read-meter.eumel: 'urll' is not an option of it (did you mean 'url'?)"),
            ("default:\n  read-metre:\n    url: x\n", "profile 'default': 'read-metre' is not a subcommand of bond (did you mean 'read-meter'?)"),
            ("default:\n  send-tx:\n    retries: many\n", "profile 'default', send-tx.retries: option '--retries' expects a whole number, got 'many'"),
            ("default:\n  send-tx:\n    wait: yes\n", "profile 'default', send-tx.wait: expects true or false, got a string"),
            ("default:\n  read-meter.eumel:\n    password: hunter2\n", "profile 'default', read-meter.eumel.password: secrets stay in files"),
            ("default:\n  sign-tx:\n    key-file: \"0x\(String(repeating: "46", count: 32))\"\n", "profile 'default', sign-tx.key-file: secrets stay in files"),
            ("default:\n  sign-tx:\n    to: \"0x52908400098527886e0F7030069857D2E4169EE7\"\n", "profile 'default', sign-tx.to: "),
            ("default:\n  send-tx:\n    rpc: htp://x\n", "profile 'default', send-tx.rpc: 'htp://x' is not an http or https URL"),
            ("default:\n  sign-tx:\n    key-file: /k\n    keystore: /s\n", "profile 'default', sign-tx.keystore: --key-file and --keystore do not go together"),
            ("default:\n  global:\n    allow-http: true\n", "profile 'default', global: 'allow-http' is not an option of it"),
            ("default:\n  sign-tx:\n    decode: true\n", "profile 'default', sign-tx: 'decode' is not an option of it"),
            ("default:\n  sign-tx:\n    key-file: \" 0x\(String(repeating: "46", count: 32))\\n\"\n", "sign-tx.key-file: secrets stay in files"),
            ("default:\n  send-tx:\n    arg: " + String(repeating: "[", count: 40) + String(repeating: "]", count: 40) + "\n", "nested more than 32 levels deep"),
            ("# " + String(repeating: "x", count: 300_000) + "\ndefault: {}\n", "larger than 256 KiB: not a config file"),
        ] {
            let bad = directory.path("bad.yaml")
            try text.write(toFile: bad, atomically: true, encoding: .utf8)
            let result = try BondBinary.run(["config", "check", "--config", bad])
            #expect(result.status == 78, "\(text)")
            #expect(result.stderr.contains(message), "\(result.stderr)")
            // Any command reading the profile refuses it the same way.
            #expect(try BondBinary.run(["base58", "encode", "00", "--config", bad]).status == 78)
        }
        let unknown = try BondBinary.run(["base58", "encode", "00", "--config", path, "--profile", "nope"])
        #expect(unknown.status == 78)
        #expect(unknown.stderr.contains("has no profile 'nope' (it has default, other)"))
        let missing = try BondBinary.run(["base58", "encode", "00", "--config", directory.path("none.yaml")])
        #expect(missing.status == 66)
    }

    @Test("the default file under XDG_CONFIG_HOME is read; without one, --profile is a configuration error")
    func defaultLocation() throws {
        let directory = try TemporaryDirectory()
        try FileManager.default.createDirectory(atPath: directory.path("bond"), withIntermediateDirectories: true)
        try ConfigCLITests.sample.replacingOccurrences(of: "LOGDIR", with: directory.path("log"))
            .write(toFile: directory.path("bond/config.yaml"), atomically: true, encoding: .utf8)
        let result = try BondBinary.run(["read-meter", "eumel", "--file", Self.fixture],
                                        environment: ["XDG_CONFIG_HOME": directory.url.path, "PATH": "/usr/bin:/bin"])
        #expect(result.line["register"] as? String == "export")
        let none = try BondBinary.run(["base58", "encode", "00", "--profile", "x"],
                                      environment: ["XDG_CONFIG_HOME": directory.path("empty"), "HOME": directory.path("empty"), "PATH": "/usr/bin:/bin"])
        if !FileManager.default.fileExists(atPath: "/etc/bond/config.yaml") {
            #expect(none.status == 78)
            #expect(none.stderr.contains("--profile x: no config file"))
        }
    }

    @Test("the relations options declare decide what a profile gives: the more specific section, what the command line keeps out, what is left needing what is gone")
    func relationsDecideTheProfile() throws {
        let directory = try TemporaryDirectory()
        // read-meter.eumel's file keeps read-meter's url out: the saved answer is read.
        let sections = try config(directory, "default:\n  read-meter:\n    url: http://192.168.1.20\n  read-meter.eumel:\n    file: \(Self.fixture)\n")
        let saved = try BondBinary.run(["read-meter", "eumel", "--config", sections])
        #expect(saved.status == 0, "\(saved.stderr)")
        #expect(saved.stdout.contains("\"energy_wh\": 336.12"))
        // --key-file on the command line keeps the profile's keystore and its password file out.
        let key = directory.path("device.key")
        try Data(("0x" + String(repeating: "46", count: 32) + "\n").utf8).write(to: URL(fileURLWithPath: key))
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: key)
        let keystore = try config(directory, "default:\n  key:\n    keystore: /nonexistent/device.json\n    password-file: /nonexistent/device.pw\n")
        let address = try BondBinary.run(["key", "address", "--config", keystore, "--key-file", key])
        #expect(address.status == 0, "\(address.stderr)")
        #expect(address.line["address"] as? String == "0x9d8A62f656a8d1615C1294fd71e9CFb3E4855A4F")
        // --decode keeps a producer profile's --origin out, and with it the options that need it.
        let origin = try config(directory, """
            default:
              sign-tx:
                origin: producer
                origin-asset-id: 7
                state-file: /nonexistent/origin.json
                to: "0x52908400098527886E0F7030069857D2E4169EE7"
            """)
        let signed = try BondBinary.run(["sign-tx", "--key-file", key, "--nonce", "9", "--gas-price", "20gwei", "--gas", "21000", "--chain-id", "1",
                                         "--to", "0x3535353535353535353535353535353535353535", "-n"])
        #expect(signed.status == 0, "\(signed.stderr)")
        let raw = try #require(signed.line["raw"] as? String)
        let decoded = try BondBinary.run(["sign-tx", "--config", origin, "--decode", raw])
        #expect(decoded.status == 0, "\(decoded.stderr)")
        #expect(decoded.line["nonce"] as? String == "9")
    }

    @Test("config check shows a URL's credentials as ***, never the password")
    func checkHidesCredentials() throws {
        let directory = try TemporaryDirectory()
        let path = try config(directory, "default:\n  send-tx:\n    rpc: http://admin:rpc-secret@127.0.0.1:8545/\n")
        let checked = try BondBinary.run(["config", "check", "--config", path])
        #expect(checked.status == 0, "\(checked.stderr)")
        #expect(!checked.stdout.contains("rpc-secret"))
        #expect(checked.stdout.contains("http://***@127.0.0.1:8545/"))
    }
}
