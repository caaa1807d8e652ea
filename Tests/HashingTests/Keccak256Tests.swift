import Foundation
import Hashing
import Testing

@Suite("Keccak-256")
struct Keccak256Tests {
    static func hex(_ bytes: some Sequence<UInt8>) -> String { bytes.map { String(format2: $0) }.joined() }

    /// The test message of length `n`: byte i is (31 * i + n) mod 256 (as the generator).
    static func message(_ n: Int) -> [UInt8] { (0..<n).map { UInt8((31 * $0 + n) % 256) } }

    static let vectors: [(length: Int, digest: String)] = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Vectors/keccak256-pycryptodome.json")
        guard let data = try? Data(contentsOf: url),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let list = object["vectors"] as? [[String: Any]] else { return [] }
        return list.compactMap { entry in
            guard let length = entry["length"] as? Int, let digest = entry["keccak256"] as? String else { return nil }
            return (length, digest)
        }
    }()

    @Test("gives the published digests of the empty string and \"abc\"")
    func published() {
        #expect(Self.hex(Keccak256.hash([UInt8]())) == "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470")
        #expect(Self.hex(Keccak256.hash(Array("abc".utf8))) == "4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45")
    }

    @Test("agrees with pycryptodome for every length 0-600 and past several blocks")
    func everyLength() throws {
        #expect(Self.vectors.count == 607)
        for (length, digest) in Self.vectors {
            let got = Self.hex(Keccak256.hash(Self.message(length)))
            if got != digest {
                Issue.record("length \(length): got \(got), pycryptodome \(digest)")
            }
        }
    }

    @Test("gives the same digest fed in pieces of every size across the rate boundaries",
          arguments: [135, 136, 137, 271, 272, 273, 600])
    func streaming(length: Int) throws {
        let message = Self.message(length)
        let expected = try #require(Self.vectors.first { $0.length == length }?.digest)
        for piece in [1, 7, 64, 135, 136, 137, 1000] {
            var hasher = Keccak256()
            var offset = 0
            while offset < message.count {
                let end = min(offset + piece, message.count)
                hasher.update(Array(message[offset..<end]))
                offset = end
            }
            #expect(Self.hex(hasher.finalize()) == expected, "pieces of \(piece)")
        }
    }
}
