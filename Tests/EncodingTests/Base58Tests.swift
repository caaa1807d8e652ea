import Encoding
import Testing

@Suite("Base58 (Bitcoin alphabet)")
struct Base58Tests {
    @Test("encodes and decodes Bitcoin Core's published base58_encode_decode vectors")
    func bitcoinCoreVectors() throws {
        let vectors = try #require(try VectorFile.json("bitcoin-core-base58.json")["vectors"] as? [[String]])
        #expect(vectors.count == 21)
        for vector in vectors {
            let data = bytes(vector[0])
            #expect(Base58.encode(data) == vector[1], "encoding \(vector[0])")
            #expect(try Base58.decode(vector[1]) == data, "decoding \(vector[1])")
        }
    }

    @Test("agrees with Python's base58 package on 1,200 generated inputs, both ways")
    func pythonCrossCheck() throws {
        let vectors = try #require(try VectorFile.json("base58-python.json")["vectors"] as? [[String: String]])
        #expect(vectors.count >= 1000)
        for vector in vectors {
            let data = bytes(vector["hex"]!)
            #expect(Base58.encode(data) == vector["base58"]!, "encoding \(vector["hex"]!)")
            #expect(try Base58.decode(vector["base58"]!) == data, "decoding \(vector["base58"]!)")
        }
    }

    @Test("maps each leading zero byte to a leading '1' and back")
    func leadingZeros() throws {
        #expect(Base58.encode([UInt8]()) == "")
        #expect(Base58.encode([0, 0, 0]) == "111")
        #expect(Base58.encode([0, 0, 1]) == "112")
        #expect(try Base58.decode("") == [])
        #expect(try Base58.decode("111") == [0, 0, 0])
        #expect(try Base58.decode("112") == [0, 0, 1])
    }

    @Test("rejects each character outside the alphabet, naming it and its 1-based position",
          arguments: [("0abc", "'0' at position 1"), ("a1O", "'O' at position 3"), ("zzI", "'I' at position 3"),
                      ("1l", "'l' at position 2"), ("ab c", "U+0020 at position 3"), ("2g+", "'+' at position 3"),
                      ("2é3", "U+00E9 'é' at position 2"), ("ab\t", "U+0009 at position 3"),
                      ("€", "U+20AC '€' at position 1"), ("zz\u{301}", "U+0301 '\u{301}' at position 3")])
    func invalidCharacters(text: String, expected: String) {
        #expect(throws: Base58Error.self) { try Base58.decode(text) }
        do {
            _ = try Base58.decode(text)
        } catch {
            #expect(error.description == "invalid Base58 character \(expected)")
        }
    }

    @Test("round-trips a 64 KiB input exactly")
    func largeInput() throws {
        var generator = SystemRandomNumberGenerator()
        var data = (0..<65536).map { _ in UInt8.random(in: 0...255, using: &generator) }
        data[0] = 0
        data[1] = 0
        let text = Base58.encode(data)
        #expect(text.hasPrefix("11"))
        #expect(try Base58.decode(text) == data)
    }
}
