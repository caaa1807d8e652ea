import Encoding
import EthCrypto
import Ethereum
import Testing

@Suite("Addresses (EIP-55)")
struct AddressTests {
    @Test("derives the address and public key of 100 keys as eth-account does")
    func ethAccountVectors() throws {
        let vectors = try VectorFile.vectors("addresses-eth-account.json")
        #expect(vectors.count == 100)
        for vector in vectors {
            let key = try PrivateKey(bytes: try Hex.decode(vector["key"] as! String))
            #expect(Hex.encode(key.publicKey.uncompressed) == vector["public_key"] as? String)
            #expect(Address(publicKey: key.publicKey.uncompressed).checksummed == vector["address"] as? String)
        }
    }

    @Test("spells the EIP-55 examples from the EIP text", arguments: [
        "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
        "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB", "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb",
    ])
    func eip55(text: String) throws {
        #expect(try Address(text.lowercased()).checksummed == text)
        #expect(try Address("0x" + text.dropFirst(2).uppercased()).checksummed == text)
        #expect(try Address(text).checksummed == text)
    }

    @Test("refuses mixed case with a wrong checksum, naming the expected spelling")
    func badChecksum() {
        #expect(throws: AddressError.badChecksum("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD",
                                                 expected: "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed")) {
            try Address("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD")
        }
        #expect(throws: AddressError.wrongLength("0x5aaeb6", digits: 6)) { try Address("0x5aaeb6") }
        #expect(throws: AddressError.notHex("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaeg")) {
            try Address("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaeg")
        }
        #expect(throws: AddressError.missingPrefix("5aaeb6053f3e94c9b9a09f33669435e7ef1beaed")) {
            try Address("5aaeb6053f3e94c9b9a09f33669435e7ef1beaed")
        }
    }
}
