import Encoding
import EthCrypto
import Foundation
import Testing

@Suite("Web3 Secret Storage keystores")
struct KeystoreTests {
    static func file() throws -> [String: Any] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Vectors/ethereum-tests-keystore.json")
        return try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    }

    static func test(_ group: String, _ name: String) throws -> (json: [UInt8], password: [UInt8], key: String) {
        let tests = try #require(try file()[group] as? [String: Any])
        let test = try #require(tests[name] as? [String: Any])
        let json = try JSONSerialization.data(withJSONObject: test["json"]!)
        return (Array(json), Array((test["password"] as! String).utf8), test["priv"] as! String)
    }

    @Test("decrypts the ethereum/tests KeyStoreTests examples (pbkdf2 and scrypt)", arguments: ["test1", "test2"])
    func ethereumTests(name: String) throws {
        let (json, password, key) = try Self.test("basic_tests", name)
        let keystore = try Keystore(json: json)
        #expect(Hex.encode(try keystore.decrypt(password: password).bytes) == "0x" + key)
    }

    @Test("a wrong password is a MAC mismatch")
    func wrongPassword() throws {
        let (json, _, _) = try Self.test("basic_tests", "test1")
        #expect(throws: KeystoreError.macMismatch) { try Keystore(json: json).decrypt(password: Array("wrong".utf8)) }
        #expect(KeystoreError.macMismatch.description == "keystore MAC mismatch (wrong password?)")
    }

    @Test("refuses the version 2 aes-128-cbc example and unknown KDFs and ciphers")
    func unknownFormats() throws {
        let (json, _, _) = try Self.test("pbkdf2_test", "test1")
        #expect(throws: KeystoreError.malformed("'version' is not 3")) { try Keystore(json: json) }
        var text = String(decoding: try Self.test("basic_tests", "test1").json, as: UTF8.self)
        text = text.replacingOccurrences(of: "\"pbkdf2\"", with: "\"argon2\"")
        #expect(throws: KeystoreError.unknownKDF("argon2")) { try Keystore(json: Array(text.utf8)) }
        text = text.replacingOccurrences(of: "aes-128-ctr", with: "aes-256-gcm")
        #expect(throws: KeystoreError.unknownCipher("aes-256-gcm")) { try Keystore(json: Array(text.utf8)) }
        #expect(throws: KeystoreError.self) { try Keystore(json: Array("{\"version\": 3}".utf8)) }
        #expect(throws: KeystoreError.self) { try Keystore(json: Array("not json".utf8)) }
    }

    @Test("a keystore bond writes (geth's scrypt parameters) decrypts back to its key")
    func roundTrip() throws {
        let key = try PrivateKey.random()
        let store = try Keystore.encrypt(key, password: Array("pässword".utf8), address: "00")
        #expect(store.kdf == .scrypt(n: 262_144, r: 8, p: 1))
        let text = JSONWriter.text(store.json)
        let reread = try Keystore(json: Array(text.utf8))
        #expect(try reread.decrypt(password: Array("pässword".utf8)).bytes == key.bytes)
        #expect(store.id.wholeMatch(of: #/[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}/#) != nil)
    }
}

@Suite("Keystores written by eth-account")
struct EthAccountKeystoreTests {
    @Test("decrypt in bond to the key and address eth-account gave (scrypt and pbkdf2)")
    func decrypts() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Vectors/keystores-eth-account.json")
        let file = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        let vectors = try #require(file["vectors"] as? [[String: Any]])
        #expect(vectors.count == 4)
        for vector in vectors {
            let json = try JSONSerialization.data(withJSONObject: vector["keystore"]!)
            let key = try Keystore(json: Array(json)).decrypt(password: Array((vector["password"] as! String).utf8))
            #expect(Hex.encode(key.bytes) == vector["key"] as? String)
        }
    }
}
