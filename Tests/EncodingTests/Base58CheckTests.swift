import Encoding
import Testing

@Suite("Base58Check")
struct Base58CheckTests {
    @Test("agrees with Python's base58 b58encode_check and b58decode_check on 1,200 inputs")
    func pythonCrossCheck() throws {
        let vectors = try #require(try VectorFile.json("base58-python.json")["vectors"] as? [[String: String]])
        for vector in vectors {
            let payload = bytes(vector["hex"]!)
            let encoded = Base58Check.encode(payload)
            #expect(encoded.base58 == vector["base58check"]!, "encoding \(vector["hex"]!)")
            let decoded = try Base58Check.decode(vector["base58check"]!)
            #expect(decoded.payload == payload)
            #expect(decoded.checksum == encoded.checksum)
        }
    }

    @Test("decodes the genesis block's coinbase address to version 0x00 and its hash160")
    func genesisAddress() throws {
        // 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa pays to hash160 62e907b1…b88f18 (P2PKH, version 0).
        let decoded = try Base58Check.decode("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa")
        #expect(decoded.payload == bytes("0062e907b15cbf27d5425399ebf6f0fb50ebb88f18"))
        #expect(Base58Check.encode(decoded.payload).base58 == "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa")
    }

    @Test("rejects a checksum mismatch, showing both the carried and the computed checksum")
    func mismatch() {
        // "1Wh4bh" is 0x00 with checksum 1406e058; change the last digit.
        #expect(throws: Base58Error.checksumMismatch(carried: bytes("1406e059"), computed: bytes("1406e058"))) {
            try Base58Check.decode("1Wh4bi")
        }
        let message = Base58Error.checksumMismatch(carried: bytes("1406e059"), computed: bytes("1406e058")).description
        #expect(message == "Base58Check checksum mismatch: the item carries 0x1406e059, its payload's checksum is 0x1406e058")
    }

    @Test("rejects input that decodes to fewer than 4 bytes", arguments: [("", 0), ("2g", 1), ("a3gV", 3)])
    func tooShort(text: String, count: Int) {
        #expect(throws: Base58Error.checksumMissing(byteCount: count)) { try Base58Check.decode(text) }
    }

    @Test("accepts a payload that is empty: just the checksum")
    func emptyPayload() throws {
        let encoded = Base58Check.encode([])
        // SHA-256(SHA-256("")) starts 5df6e0e2.
        #expect(encoded.checksum == bytes("5df6e0e2"))
        #expect(try Base58Check.decode(encoded.base58).payload == [])
    }
}
