import Hashing
import Testing

@Suite("SHA-256 (OpenSSL)")
struct SHA256Tests {
    static func hex(_ bytes: some Sequence<UInt8>) -> String { bytes.map { String(format2: $0) }.joined() }

    @Test("gives the FIPS 180-2 example digests", arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
    ])
    func examples(message: String, digest: String) {
        #expect(Self.hex(SHA256.hash(Array(message.utf8))) == digest)
    }

    @Test("hashes a million 'a's fed in uneven pieces like the one-shot FIPS value")
    func streaming() {
        var hasher = SHA256()
        let piece = [UInt8](repeating: UInt8(ascii: "a"), count: 999)
        var fed = 0
        while fed + piece.count <= 1_000_000 {
            hasher.update(piece)
            fed += piece.count
        }
        hasher.update([UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000 - fed))
        #expect(Self.hex(hasher.finalize()) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test("double-hashes the empty string to Bitcoin's known hash256 value")
    func doubleHash() {
        #expect(Self.hex(SHA256.doubleHash([UInt8]())) == "5df6e0e2761359d30a8275058e299fcc0381534545f55cf43e41983f5d4c9456")
    }
}

extension String {
    init(format2 byte: UInt8) {
        let digits = Array("0123456789abcdef")
        self = String([digits[Int(byte >> 4)], digits[Int(byte & 0xF)]])
    }
}
