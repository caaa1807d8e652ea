import Encoding
import EthCrypto
import Ethereum
import Testing

@Suite("Transactions")
struct TransactionTests {
    static func key(_ hex: String) throws -> PrivateKey { try PrivateKey(bytes: try Hex.decode(hex)) }

    @Test("signs the EIP-155 example exactly as the EIP text gives it")
    func eip155Example() throws {
        let transaction = try Transaction(
            type: .legacy, chainID: 1, nonce: 9, gasPrice: UInt256(20_000_000_000), maxPriorityFeePerGas: nil,
            maxFeePerGas: nil, gas: 21000, to: try Address("0x3535353535353535353535353535353535353535"),
            value: UInt256(1_000_000_000_000_000_000), data: [], accessList: [])
        #expect(Hex.encode(transaction.signingPayload) == "0xec098504a817c800825208943535353535353535353535353535353535353535880de0b6b3a764000080018080")
        #expect(Hex.encode(transaction.signingHash) == "0xdaf5a779ae972f972197303d7b574746c7ef83eadac0f2791ad23db92e4c8e53")
        let signed = try transaction.signed(with: try Self.key("0x4646464646464646464646464646464646464646464646464646464646464646"))
        #expect(signed.v == UInt256(37))
        #expect(Hex.encode(signed.raw) == "0xf86c098504a817c800825208943535353535353535353535353535353535353535880de0b6b3a76400008025a028ef61340bd939bc2195fe537567866003e1a15d3c71ff63e1590620aa636276a067cbe9d8997f761aecb703304b3800ccf555c9f3dc64214b297fb1966a3b6d83")
    }

    @Test("signs 1,224 transactions byte-identically to eth-account, and decodes each back")
    func ethAccountVectors() throws {
        let vectors = try VectorFile.vectors("transactions-eth-account.json")
        #expect(vectors.count >= 1000)
        var leadingZero = 0
        for (i, vector) in vectors.enumerated() {
            let input = try JSONParser.parse(try VectorFile.text(vector["input"]!))
            let request = try TransactionRequest(json: try #require(input.objectValue))
            let transaction = try request.transaction(withoutChainID: request.chainID == nil)
            let signed = try transaction.signed(with: try Self.key(vector["key"] as! String))
            let raw = Hex.encode(signed.raw)
            guard raw == vector["raw"] as? String else {
                Issue.record("vector \(i): raw differs from eth-account")
                continue
            }
            #expect(Hex.encode(signed.hash) == vector["hash"] as? String, "vector \(i)")
            #expect(signed.from.checksummed == vector["from"] as? String, "vector \(i)")
            #expect(Hex.encode(signed.signature.r) == vector["r"] as? String && Hex.encode(signed.signature.s) == vector["s"] as? String)
            let v = signed.v?.description ?? String(signed.yParity ?? 9)
            #expect(v == vector["v"] as? String, "vector \(i)")
            if signed.signature.r[0] == 0 || signed.signature.s[0] == 0 { leadingZero += 1 }

            let decoded = try SignedTransaction.decode(raw: signed.raw)
            #expect(decoded == signed, "vector \(i): decode gives other fields")
        }
        #expect(leadingZero >= 20)
    }

    @Test("rejects raw bytes that are not one canonical signed transaction", arguments: [
        ("0x", "not a signed transaction: empty input"),
        ("0x03c0", "not a signed transaction: unknown transaction type 0x3"),
        ("0xc0", "not a signed transaction: a signed legacy transaction has 9 fields, this one 0"),
        ("0x02c0", "not a signed transaction: a signed type 2 transaction has 12 fields, this one 0"),
        ("0xf86c098504a817c800825208943535353535353535353535353535353535353535880de0b6b3a76400008025a028ef61340bd939bc2195fe537567866003e1a15d3c71ff63e1590620aa636276a067cbe9d8997f761aecb703304b3800ccf555c9f3dc64214b297fb1966a3b6d8300",
         "not a signed transaction: 1 byte after the RLP item, from byte 110"),
        // a list announcing 109 bytes, cut after 4
        ("0xf86d82000985", "not a signed transaction: RLP item at byte 0 announces 109 bytes but only 4 follow"),
    ])
    func rejectsBadRaw(hex: String, message: String) throws {
        do {
            _ = try SignedTransaction.decode(raw: try Hex.decode(hex))
            Issue.record("decoded \(hex)")
        } catch {
            #expect(String(describing: error) == message)
        }
    }

    @Test("rejects a non-canonical integer, a high s and v that is no chain's")
    func rejectsBadFields() throws {
        // The EIP-155 example with its nonce re-encoded with a leading zero byte.
        let nonCanonical = try Hex.decode("0xf86e82000985" + "04a817c800825208943535353535353535353535353535353535353535880de0b6b3a76400008025a028ef61340bd939bc2195fe537567866003e1a15d3c71ff63e1590620aa636276a067cbe9d8997f761aecb703304b3800ccf555c9f3dc64214b297fb1966a3b6d83")
        #expect(throws: TransactionError.malformed("nonce has a leading zero byte (non-canonical integer)")) {
            try SignedTransaction.decode(raw: nonCanonical)
        }
        // s replaced by n - s (high s) and v flipped: the same signature in its high-s form.
        let highS = try Hex.decode("0xf86c098504a817c800825208943535353535353535353535353535353535353535880de0b6b3a76400008026a028ef61340bd939bc2195fe537567866003e1a15d3c71ff63e1590620aa636276a098341627668089e51348fccfb4c7ff31c55912f2d2e47ef09652acf665fad3be")
        #expect(throws: TransactionError.malformed("s is above n/2, which Ethereum rejects since Homestead (EIP-2)")) {
            try SignedTransaction.decode(raw: highS)
        }
        let badV = try Hex.decode("0xf86c098504a817c800825208943535353535353535353535353535353535353535880de0b6b3a76400008020a028ef61340bd939bc2195fe537567866003e1a15d3c71ff63e1590620aa636276a067cbe9d8997f761aecb703304b3800ccf555c9f3dc64214b297fb1966a3b6d83")
        #expect(throws: TransactionError.malformed("legacy v is 32, neither 27/28 nor 35 or more (EIP-155)")) {
            try SignedTransaction.decode(raw: badV)
        }
    }
}
