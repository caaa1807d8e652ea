import ChainLog
import Foundation
import Testing

@Suite("IPFS CIDv0 of a file (UnixFS in dag-pb, ipfs add defaults)")
struct UnixFSFileTests {
    @Test("the published CIDs: empty, 'hello world\\n', 300,000 bytes of i mod 251 (two chunks)")
    func published() {
        #expect(UnixFSFile.cid([]) == "QmbFMke1KXqnYyBBWxB74N4c5SBnJMVAiMNRcGu6x1AwQH")
        #expect(UnixFSFile.cid(Array("hello world\n".utf8)) == "QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff5o")
        #expect(UnixFSFile.cid((0..<300_000).map { UInt8($0 % 251) }) == "QmWU4cq12z1Fq8kiWASSMzcpsxbQpY74z1X2koCz2TUnaU")
    }

    @Test("chunk boundaries, 1 MiB and a two-level tree (175 chunks): the same as the Python reference")
    func againstReference() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("bond-cid-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let sizes = [1, 262_143, 262_144, 262_145, 1 << 20, 174 * 262_144, 174 * 262_144 + 1]
        var paths: [String] = []
        var contents: [[UInt8]] = []
        for size in sizes {
            let bytes = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 9) }
            let path = directory.appendingPathComponent("\(size)").path
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            paths.append(path)
            contents.append(bytes)
        }
        let expected = String(decoding: try Reference.run("unixfs-cid.py", paths), as: UTF8.self).split(separator: "\n").map(String.init)
        #expect(expected.count == sizes.count)
        for (bytes, cid) in zip(contents, expected) {
            #expect(UnixFSFile.cid(bytes) == cid, "\(bytes.count) bytes")
        }
    }
}
