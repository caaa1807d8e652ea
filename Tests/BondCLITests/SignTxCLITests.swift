import Encoding
import Foundation
import Testing

/// `bond sign-tx` run as a process.
@Suite("bond sign-tx")
struct SignTxCLITests {
    /// A key file with the EIP-155 example key, mode 600, and its address.
    static let exampleKey = "0x4646464646464646464646464646464646464646464646464646464646464646"
    static let exampleAddress = "0x9d8A62f656a8d1615C1294fd71e9CFb3E4855A4F"
    static let eip155Raw = "0xf86c098504a817c800825208943535353535353535353535353535353535353535880de0b6b3a76400008025a028ef61340bd939bc2195fe537567866003e1a15d3c71ff63e1590620aa636276a067cbe9d8997f761aecb703304b3800ccf555c9f3dc64214b297fb1966a3b6d83"

    static func keyFile(_ directory: TemporaryDirectory, mode: Int = 0o600, contents: String = exampleKey + "\n") throws -> String {
        let path = directory.path("device.key")
        try Data(contents.utf8).write(to: URL(fileURLWithPath: path))
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
        return path
    }

    @Test("signs the EIP-155 example from a JSON line, with cast-style units")
    func eip155() throws {
        let directory = try TemporaryDirectory()
        let key = try Self.keyFile(directory)
        let result = try BondBinary.run(["sign-tx", "--key-file", key], input: #"{"nonce": 9, "gasPrice": "20gwei", "gas": 21000, "to": "0x3535353535353535353535353535353535353535", "value": "1ether", "chainId": 1}"# + "\n")
        #expect(result.status == 0, "\(result.stderr)")
        let line = try #require(result.lines.first)
        #expect(line["raw"] as? String == Self.eip155Raw)
        #expect(line["from"] as? String == Self.exampleAddress)
        #expect(line["v"] as? String == "37" && line["chain_id"] as? String == "1" && line["type"] as? Int == 0)
        #expect(line["gas_price"] as? String == "20000000000" && line["value"] as? String == "1000000000000000000")
        #expect(line["access_list"] == nil && line["y_parity"] == nil)
    }

    @Test("fills missing fields from flags, counts --nonce up over a stream, and a line's field wins")
    func flagsFill() throws {
        let directory = try TemporaryDirectory()
        let key = try Self.keyFile(directory)
        let input = """
            {"to": "0x3535353535353535353535353535353535353535"}
            {"nonce": 100}

            {"gas": 50000, "value": "0x10"}
            """
        let result = try BondBinary.run(["sign-tx", "--key-file", key, "--nonce", "7", "--gas", "21000", "--chain-id", "246",
                                         "--max-fee-per-gas", "2gwei", "--max-priority-fee-per-gas", "1gwei"], input: input)
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.lines
        #expect(lines.map { $0["nonce"] as? String } == ["7", "100", "8"])
        #expect(lines.map { $0["gas"] as? String } == ["21000", "21000", "50000"])
        #expect(lines.map { $0["type"] as? Int } == [2, 2, 2])
        #expect(lines[0]["to"] as? String == "0x3535353535353535353535353535353535353535")
        #expect(lines[1]["to"] is NSNull)
        #expect(lines[2]["value"] as? String == "16")
        #expect(lines.allSatisfy { $0["chain_id"] as? String == "246" && $0["y_parity"] != nil })
    }

    @Test("--decode gives back every field of what it signed, as a second path through the code")
    func decodeRoundTrip() throws {
        let directory = try TemporaryDirectory()
        let key = try Self.keyFile(directory)
        let signed = try BondBinary.run(["sign-tx", "--key-file", key, "-n", "--nonce", "3", "--gas", "100000", "--chain-id", "73799",
                                         "--gas-price", "1gwei", "--type", "1", "--function", "transfer(address,uint256)",
                                         "--arg", "0x3535353535353535353535353535353535353535", "--arg", "1000"])
        #expect(signed.status == 0, "\(signed.stderr)")
        let line = try #require(signed.lines.first)
        #expect((line["data"] as? String)?.hasPrefix("0xa9059cbb") == true)
        let decoded = try BondBinary.run(["sign-tx", "--decode", line["raw"] as! String])
        #expect(decoded.status == 0)
        #expect(decoded.stdout == signed.stdout)
        let noKey = try BondBinary.run(["sign-tx", "--decode"], input: Self.eip155Raw + "\n")
        #expect(noKey.lines.first?["from"] as? String == Self.exampleAddress)
        let piped = try BondBinary.run(["sign-tx", "--decode"], input: signed.stdout)
        #expect(piped.stdout == signed.stdout, "sign-tx lines pipe straight into --decode")
    }

    @Test("reads a file holding one pretty-printed transaction object")
    func prettyFile() throws {
        let directory = try TemporaryDirectory()
        let key = try Self.keyFile(directory)
        let file = directory.path("tx.json")
        try Data("""
            {
              "nonce": 9,
              "gasPrice": "20gwei",
              "gas": 21000,
              "to": "0x3535353535353535353535353535353535353535",
              "value": "1ether",
              "chainId": 1
            }
            """.utf8).write(to: URL(fileURLWithPath: file))
        let result = try BondBinary.run(["sign-tx", "--key-file", key, file])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.lines.map { $0["raw"] as? String } == [Self.eip155Raw])
    }

    @Test("bad input exits with the documented status, names the line, and prints nothing for it", arguments: [
        (#"{"nonce": 1, "gas": 1, "chainId": 1, "gasprice": 1}"#, [String](), 65, "line 1: unknown field 'gasprice' (did you mean 'gasPrice'?)"),
        (#"{"nonce": 1, "gas": 1, "chainId": 1"#, [], 65, "line 1: invalid JSON at column 36: unexpected end of input, expected ',' or '}'"),
        (#"{"gas": 1, "chainId": 1, "gasPrice": 1}"#, [], 65, "line 1: missing nonce: give it in the transaction or with --nonce"),
        (#"{"nonce": 1, "chainId": 1, "gasPrice": 1}"#, [], 65, "line 1: missing gas: give it in the transaction or with --gas"),
        (#"{"nonce": 1, "gas": 1, "gasPrice": 1}"#, [], 65, "line 1: missing chainId: give it in the transaction or with --chain-id (or --no-chain-id for a legacy transaction without EIP-155)"),
        (#"{"nonce": 1, "gas": 1, "chainId": 1, "gasPrice": 1, "maxFeePerGas": 2}"#, [], 65, "line 1: a type 2 (EIP-1559) transaction takes maxFeePerGas and maxPriorityFeePerGas, not gasPrice"),
        (#"{"nonce": 1, "gas": 1, "chainId": 1, "gasPrice": 1, "data": "0xzz"}"#, [], 65, "line 1: data: invalid hex digit 'z' at position 3"),
        (#"{"nonce": 1, "gas": 1, "chainId": 1, "gasPrice": 1, "to": "0x3535"}"#, [], 65, "line 1: to: address '0x3535' has 4 hex digits, not 40"),
        (#"{"nonce": 1, "gas": 1, "chainId": 1, "gasPrice": 1, "to": "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD"}"#, [], 65, "line 1: to: address '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD' has a wrong EIP-55 checksum: expected 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed (or all lower or upper case)"),
        (#"{"nonce": 1, "gas": 1, "chainId": 1, "gasPrice": 1, "value": "115792089237316195423570985008687907853269984665640564039457584007913129639936"}"#, [], 65, "line 1: value: '115792089237316195423570985008687907853269984665640564039457584007913129639936' is larger than 2^256-1"),
        (#"{"nonce": "18446744073709551616", "gas": 1, "chainId": 1, "gasPrice": 1}"#, [], 65, "line 1: nonce: '18446744073709551616' is larger than 2^64-1"),
        (#"{"nonce": 1, "gas": 1, "chainId": 1, "gasPrice": "-1"}"#, [], 65, "line 1: gasPrice: '-1' is negative"),
        (#"{"nonce": 1, "gas": 1, "chainId": 1, "gasPrice": "0.5wei"}"#, [], 65, "line 1: gasPrice: '0.5wei' has a fraction of a wei"),
        (#"{"nonce": 1, "gas": 1, "chainId": 1, "gasPrice": 1, "call": {"function": "f(uint8)", "args": [256]}}"#, [], 65, "line 1: call: argument 1 (uint8): 256 does not fit uint8"),
        (#"[1]"#, [], 65, "line 1: expected a transaction JSON object, got an array"),
        (#"{}"#, ["--nonce", "abc"], 64, "option '--nonce' expects a whole number (decimal or 0x hex), got 'abc'"),
        (#"{}"#, ["--nonce", "18446744073709551616"], 65, "--nonce: '18446744073709551616' is larger than 2^64-1"),
        (#"{}"#, ["--gas-price", "1", "--max-fee-per-gas", "2"], 65, "fee fields of two types: --gas-price with --max-fee-per-gas or --max-priority-fee-per-gas"),
        (#"{}"#, ["--to", "0xnope"], 65, "--to: address '0xnope' has 4 hex digits, not 40"),
    ])
    func badInput(line: String, flags: [String], status: Int32, message: String) throws {
        let directory = try TemporaryDirectory()
        let key = try Self.keyFile(directory)
        let result = try BondBinary.run(["sign-tx", "--key-file", key] + flags, input: line + "\n")
        #expect(result.status == status)
        #expect(result.stdout == "")
        #expect(result.stderr == "bond sign-tx: error: \(message)\n")
    }

    @Test("option values not of their kind are usage errors (64); conflicting options too", arguments: [
        (["--nonce", "1.5"], "option '--nonce' expects a whole number (decimal or 0x hex), got '1.5'"),
        (["--gas", "-1"], "option '--gas' expects a whole number (decimal or 0x hex), got '-1'"),
        (["--data", "0xzz"], "option '--data' expects hex bytes: invalid hex digit 'z' at position 3"),
        (["--no-chain-id", "--chain-id", "1"], "give --chain-id or --no-chain-id, not both"),
        (["--function", "f(uint256,bool)", "--arg", "1"], "f(uint256,bool) takes 2 arguments (--arg), 1 given"),
        (["--decode", "-n"], "--decode reads raw transactions; --no-input signs one"),
    ])
    func optionKinds(flags: [String], message: String) throws {
        let directory = try TemporaryDirectory()
        let key = try Self.keyFile(directory)
        let result = try BondBinary.run(["sign-tx", "--key-file", key] + flags, input: "{}\n")
        #expect(result.status == 64)
        #expect(result.stderr == "bond sign-tx: error: \(message)\n")
    }

    @Test("a key file ending in CRLF is read; a pretty-printed object on stdin is one transaction")
    func crlfAndPretty() throws {
        let directory = try TemporaryDirectory()
        let key = try Self.keyFile(directory, contents: Self.exampleKey + "\r\n")
        let pretty = "{\n  \"nonce\": 9,\n  \"gasPrice\": \"20gwei\",\n  \"gas\": 21000,\n  \"to\": \"0x3535353535353535353535353535353535353535\",\n  \"value\": \"1ether\",\n  \"chainId\": 1\n}\n"
        let result = try BondBinary.run(["sign-tx", "--key-file", key], input: pretty + pretty)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.lines.map { $0["raw"] as? String } == [Self.eip155Raw, Self.eip155Raw])
        let broken = try BondBinary.run(["sign-tx", "--key-file", key], input: "{\n \"nonce\": 9,\n \"gas\": ]\n}\n")
        #expect(broken.status == 65)
        #expect(broken.stderr == "bond sign-tx: error: line 1: invalid JSON at line 3, column 9: unexpected ']', expected a value\n")
    }

    @Test("deep nesting is refused cleanly, never a crash")
    func deepNesting() throws {
        let directory = try TemporaryDirectory()
        let key = try Self.keyFile(directory)
        // 1,000 nested RLP lists: 0xc1 0xc1 ... 0xc0, lengths growing outward.
        var rlp: [UInt8] = [0xC0]
        for _ in 0..<1_000 { rlp = (rlp.count < 56 ? [0xC0 + UInt8(rlp.count)] : [0xF7 + UInt8((rlp.count.bitWidth - rlp.count.leadingZeroBitCount + 7) / 8)] + withUnsafeBytes(of: rlp.count.bigEndian, Array.init).drop { $0 == 0 }) + rlp }
        let raw = try BondBinary.run(["sign-tx", "--decode"], input: Hex.encode(rlp) + "\n")
        #expect(raw.status == 65)
        #expect(raw.stderr.contains("lists nest deeper than 256 levels"))
        let signature = "f(" + String(repeating: "(", count: 100) + "uint256" + String(repeating: ")", count: 100) + ")"
        let call = try BondBinary.run(["sign-tx", "--key-file", key, "--function", signature], input: "{}\n")
        #expect(call.status == 65)
        #expect(call.stderr.contains("tuples nest deeper than 32 levels"))
    }

    @Test("--keep-going signs the good lines and reports the bad ones")
    func keepGoing() throws {
        let directory = try TemporaryDirectory()
        let key = try Self.keyFile(directory)
        let input = "{\"nonce\": 1}\n{\"nonce\": 2, \"gasprice\": 1}\n{\"nonce\": 3}\n"
        let result = try BondBinary.run(["sign-tx", "--key-file", key, "--keep-going", "--gas", "21000", "--chain-id", "1", "--gas-price", "1gwei",
                                         "--to", "0x3535353535353535353535353535353535353535"], input: input)
        #expect(result.status == 65)
        #expect(result.lines.map { $0["nonce"] as? String } == ["1", "3"])
        #expect(result.stderr == "bond sign-tx: error: line 2: unknown field 'gasprice' (did you mean 'gasPrice'?)\n")
    }

    @Test("keys: none is 64 naming the three ways; a group-readable file is 77; a bad key is 65; env works")
    func keys() throws {
        let directory = try TemporaryDirectory()
        let tx = #"{"nonce": 9, "gasPrice": "20gwei", "gas": 21000, "to": "0x3535353535353535353535353535353535353535", "value": "1ether", "chainId": 1}"#
        let none = try BondBinary.run(["sign-tx"], stdin: Data(tx.utf8), environment: [:])
        #expect(none.status == 64)
        #expect(none.stderr == "bond sign-tx: error: no signing key: give --key-file PATH, or --keystore PATH with --password-file PATH, or set BOND_PRIVATE_KEY\n")
        let open = try Self.keyFile(directory, mode: 0o640)
        let readable = try BondBinary.run(["sign-tx", "--key-file", open], input: tx)
        #expect(readable.status == 77)
        #expect(readable.stderr == "bond sign-tx: error: key file '\(open)' is readable by group or others (mode 640): chmod 600 it\n")
        let zero = try Self.keyFile(directory, contents: String(repeating: "0", count: 64))
        let invalid = try BondBinary.run(["sign-tx", "--key-file", zero], input: tx)
        #expect(invalid.status == 65)
        #expect(invalid.stderr == "bond sign-tx: error: key file '\(zero)': invalid private key: zero\n")
        let order = try Self.keyFile(directory, contents: "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141")
        #expect(try BondBinary.run(["sign-tx", "--key-file", order], input: tx).status == 65)
        let notHex = try Self.keyFile(directory, contents: "secret-ish text")
        let garbled = try BondBinary.run(["sign-tx", "--key-file", notHex], input: tx)
        #expect(garbled.status == 65 && !garbled.stderr.contains("secret-ish"))
        let missing = try BondBinary.run(["sign-tx", "--key-file", directory.path("absent")], input: tx)
        #expect(missing.status == 66)
        let fromEnvironment = try BondBinary.run(["sign-tx"], stdin: Data(tx.utf8), environment: ["BOND_PRIVATE_KEY": Self.exampleKey])
        #expect(fromEnvironment.lines.first?["raw"] as? String == Self.eip155Raw)
    }

    @Test("--decode refuses what does not decode (65), naming the item; a missing FILE is 66")
    func decodeErrors() throws {
        let bad = try BondBinary.run(["sign-tx", "--decode"], input: "0x02c0\nzz\n")
        #expect(bad.status == 65)
        #expect(bad.stderr == "bond sign-tx: error: line 1: not a signed transaction: a signed type 2 transaction has 12 fields, this one 0\n")
        let keepGoing = try BondBinary.run(["sign-tx", "--decode", "--keep-going", "0x03c0", Self.eip155Raw, "0x1"])
        #expect(keepGoing.status == 65)
        #expect(keepGoing.lines.count == 1)
        #expect(keepGoing.stderr == """
            bond sign-tx: error: '0x03c0': not a signed transaction: unknown transaction type 0x3
            bond sign-tx: error: '0x1': odd number of hex digits (1): bytes take two digits each

            """)
        let directory = try TemporaryDirectory()
        let key = try Self.keyFile(directory)
        let missing = try BondBinary.run(["sign-tx", "--key-file", key, directory.path("absent.ndjson")])
        #expect(missing.status == 66)
        #expect(missing.stderr == "bond sign-tx: error: cannot open '\(directory.path("absent.ndjson"))': No such file or directory\n")
    }

    @Test("a keystore with an unknown KDF or cipher is bad input (65)")
    func unknownKeystoreFormats() throws {
        let directory = try TemporaryDirectory()
        let password = directory.path("pw")
        try Data("pw".utf8).write(to: URL(fileURLWithPath: password))
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: password)
        let store = directory.path("odd.json")
        try Data(#"{"version": 3, "crypto": {"cipher": "aes-128-ctr", "cipherparams": {"iv": "00000000000000000000000000000000"}, "ciphertext": "00", "kdf": "argon2id", "kdfparams": {"dklen": 32, "salt": "00"}, "mac": "00"}}"#.utf8)
            .write(to: URL(fileURLWithPath: store))
        let result = try BondBinary.run(["key", "address", "--keystore", store, "--password-file", password])
        #expect(result.status == 65)
        #expect(result.stderr == "bond key: error: keystore '\(store)': keystore uses the key derivation function 'argon2id'; bond reads scrypt and pbkdf2 (hmac-sha256)\n")
        try Data(#"{"version": 3, "crypto": {"cipher": "aes-256-gcm"}}"#.utf8).write(to: URL(fileURLWithPath: store))
        let cipher = try BondBinary.run(["key", "address", "--keystore", store, "--password-file", password])
        #expect(cipher.status == 65)
        #expect(cipher.stderr == "bond key: error: keystore '\(store)': keystore uses the cipher 'aes-256-gcm'; bond reads aes-128-ctr\n")
    }

    @Test("a keystore with its password file signs; a wrong password is 77 with the MAC message")
    func keystore() throws {
        let directory = try TemporaryDirectory()
        let key = try Self.keyFile(directory)
        let password = directory.path("pw")
        try Data("correct horse\r\n".utf8).write(to: URL(fileURLWithPath: password))
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: password)
        let store = directory.path("device.json")
        let imported = try BondBinary.run(["key", "import", "--key-file", key, "--keystore", store, "--password-file", password])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.lines.first?["address"] as? String == Self.exampleAddress)
        let tx = #"{"nonce": 9, "gasPrice": "20gwei", "gas": 21000, "to": "0x3535353535353535353535353535353535353535", "value": "1ether", "chainId": 1}"#
        let signed = try BondBinary.run(["sign-tx", "--keystore", store, "--password-file", password], input: tx)
        #expect(signed.lines.first?["raw"] as? String == Self.eip155Raw)
        try Data("wrong\n".utf8).write(to: URL(fileURLWithPath: password))
        let wrong = try BondBinary.run(["sign-tx", "--keystore", store, "--password-file", password], input: tx)
        #expect(wrong.status == 77)
        #expect(wrong.stderr == "bond sign-tx: error: keystore '\(store)': keystore MAC mismatch (wrong password?)\n")
        let noPassword = try BondBinary.run(["sign-tx", "--keystore", store], stdin: Data(tx.utf8), environment: [:])
        #expect(noPassword.status == 64)
        let stray = try BondBinary.run(["sign-tx", "--key-file", key, "--password-file", password], input: tx)
        #expect(stray.status == 64)
        #expect(stray.stderr == "bond sign-tx: error: --password-file is for --keystore; a --key-file holds the key in clear\n")
    }
}
