import Foundation
import Testing

/// `bond key` run as a process, checked with eth-account.
@Suite("bond key")
struct KeyCLITests {
    @Test("key new writes a mode-600 keystore that eth-account decrypts to the address printed, never over a file")
    func new() throws {
        let directory = try TemporaryDirectory()
        let password = directory.path("pw")
        try Data("device password\n".utf8).write(to: URL(fileURLWithPath: password))
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: password)
        let store = directory.path("device.json")
        let result = try BondBinary.run(["key", "new", "--keystore", store, "--password-file", password])
        #expect(result.status == 0, "\(result.stderr)")
        let line = try #require(result.lines.first)
        #expect(line["keystore"] as? String == store)
        let attributes = try FileManager.default.attributesOfItem(atPath: store)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let check = try TestPython.run("""
            import json, sys
            from eth_account import Account
            key = Account.decrypt(json.load(open(sys.argv[1])), "device password")
            print(Account.from_key(key).address)
            """, [store])
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.stdout == "\(line["address"] as? String ?? "")\n")
        let address = try BondBinary.run(["key", "address", "--keystore", store, "--password-file", password])
        #expect(address.lines.first?["address"] as? String == line["address"] as? String)

        let again = try BondBinary.run(["key", "new", "--keystore", store, "--password-file", password])
        #expect(again.status == 73)
        #expect(again.stderr == "bond key: error: '\(store)' exists: bond never writes over a keystore\n")
    }

    @Test("key address prints the address and public key of a key file")
    func address() throws {
        let directory = try TemporaryDirectory()
        let key = try SignTxCLITests.keyFile(directory)
        let result = try BondBinary.run(["key", "address", "--key-file", key])
        #expect(result.stdoutLines == [#"{"address": "0x9d8A62f656a8d1615C1294fd71e9CFb3E4855A4F", "public_key": "0x4bc2a31265153f07e70e0bab08724e6b85e217f8cd628ceb62974247bb493382ce28cab79ad7119ee1ad3ebcdb98a16805211530ecc6cfefa1b88e6dff99232a"}"#])
    }
}
