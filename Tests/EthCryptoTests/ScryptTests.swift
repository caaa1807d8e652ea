import COpenSSL
import Encoding
import EthCrypto
import Testing

@Suite("scrypt")
struct ScryptTests {
    /// OpenSSL's own scrypt, for parameters it accepts: an independent implementation.
    static func openSSL(_ password: String, _ salt: String, n: UInt64, r: UInt64, p: UInt64, length: Int) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: length)
        let status = bond_EVP_PBE_scrypt(password, password.utf8.count, Array(salt.utf8), salt.utf8.count, n, r, p, 1 << 30, &out, length)
        #expect(status == 1)
        return out
    }

    @Test("agrees with OpenSSL's scrypt on RFC 7914's parameter sets", arguments: [
        ("", "", 16, 1, 1), ("password", "NaCl", 1024, 8, 16), ("pleaseletmein", "SodiumChloride", 16384, 8, 1),
    ] as [(String, String, UInt64, UInt64, UInt64)])
    func matchesOpenSSL(password: String, salt: String, n: UInt64, r: UInt64, p: UInt64) throws {
        let ours = try KeyDerivation.scrypt(password: Array(password.utf8), salt: Array(salt.utf8), n: n, r: r, p: p, length: 64)
        #expect(ours == Self.openSSL(password, salt, n: n, r: r, p: p, length: 64))
    }

    @Test("gives RFC 7914's first test vector")
    func rfcVector() throws {
        let ours = try KeyDerivation.scrypt(password: [], salt: [], n: 16, r: 1, p: 1, length: 64)
        #expect(Hex.encode(ours) == "0x77d6576238657b203b19ca42c18a0497f16b4844e3074ae8dfdffa3fede21442fcd0069ded0948f8326a753a0fc81f17e8d3e0fb2e0d3628cf35e20c38d18906")
    }

    @Test("refuses n that is not a power of two and parameters needing more than 2 GiB")
    func parameters() {
        #expect(throws: KeystoreError.self) { try KeyDerivation.scrypt(password: [], salt: [], n: 1000, r: 8, p: 1, length: 32) }
        #expect(throws: KeystoreError.self) { try KeyDerivation.scrypt(password: [], salt: [], n: 1 << 24, r: 8, p: 1, length: 32) }
        #expect(throws: KeystoreError.self) { try KeyDerivation.scrypt(password: [], salt: [], n: 1, r: 8, p: 1, length: 32) }
    }
}
