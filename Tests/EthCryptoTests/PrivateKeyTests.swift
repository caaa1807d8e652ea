import Encoding
import EthCrypto
import Hashing
import Testing

@Suite("secp256k1 keys and signatures")
struct PrivateKeyTests {
    @Test("refuses zero, the group order and above, and wrong lengths")
    func validation() throws {
        #expect(throws: CryptoError.invalidPrivateKey("zero")) { try PrivateKey(bytes: [UInt8](repeating: 0, count: 32)) }
        let order = try Hex.decode("0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141")
        #expect(throws: CryptoError.invalidPrivateKey("not below the secp256k1 group order")) { try PrivateKey(bytes: order) }
        #expect(throws: CryptoError.invalidPrivateKey("not below the secp256k1 group order")) {
            try PrivateKey(bytes: [UInt8](repeating: 0xFF, count: 32))
        }
        #expect(throws: CryptoError.invalidPrivateKey("31 bytes, not 32")) { try PrivateKey(bytes: [UInt8](repeating: 1, count: 31)) }
        var belowOrder = order
        belowOrder[31] -= 1
        #expect(throws: Never.self) { try PrivateKey(bytes: belowOrder) }
    }

    @Test("the public key of 1 is the generator G")
    func generator() throws {
        let one = try PrivateKey(bytes: [UInt8](repeating: 0, count: 31) + [1])
        #expect(Hex.encode(one.publicKey.uncompressed) == "0x79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798483ada7726a3c4655da4fbfc0e1108a8fd17b448a68554199c47d08ffb10d4b8")
    }

    @Test("signs with low s and recovers the signer's key from the signature")
    func signAndRecover() throws {
        let halfOrder = try Hex.decode("0x7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0")
        for i in 0..<50 {
            let key = try PrivateKey.random()
            let hash = Bytes32((0..<32).map { UInt8(truncatingIfNeeded: $0 * 7 + i) })!
            let signature = key.sign(hash: hash)
            #expect(signature.s.lexicographicallyPrecedes(halfOrder))
            #expect(try PublicKey.recover(hash: hash, signature: signature) == key.publicKey)
            #expect(key.sign(hash: hash) == signature, "RFC 6979 nonces are deterministic")
        }
    }

    @Test("never shows the key in its description")
    func hidden() throws {
        let key = try PrivateKey(bytes: [UInt8](repeating: 0x46, count: 32))
        #expect("\(key)" == "PrivateKey(hidden)")
    }
}
