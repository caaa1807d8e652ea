import Encoding
import Testing

@Suite("Base64 (RFC 4648)")
struct Base64Tests {
    @Test("the RFC's test vectors, both ways", arguments: [
        ("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foob", "Zm9vYg=="), ("fooba", "Zm9vYmE="), ("foobar", "Zm9vYmFy"),
    ])
    func vectors(text: String, encoded: String) {
        #expect(Base64.encode(Array(text.utf8)) == encoded)
        #expect(Base64.decode(encoded) == Array(text.utf8))
    }

    @Test("the URL-safe alphabet decodes too; other characters do not")
    func alphabets() {
        #expect(Base64.decode("-_8") == [0xFB, 0xFF])
        #expect(Base64.decode("+/8") == [0xFB, 0xFF])
        #expect(Base64.decode("Zm9v!") == nil)
    }
}
