import Foundation
import Testing

/// `bond chain-log` run as a user would: appending, reading back, proving, verifying, and
/// every kind of tampering found at its index.
@Suite("bond chain-log")
struct ChainLogCLITests {
    func run(_ arguments: [String], input: String = "") throws -> BondBinary.Result {
        try BondBinary.run(["chain-log"] + arguments, input: input)
    }

    /// A log in a fresh directory with `lines` appended.
    func log(_ lines: [String]) throws -> (TemporaryDirectory, String) {
        let directory = try TemporaryDirectory()
        let dir = directory.path("log")
        let result = try run(["append", "--dir", dir], input: lines.joined(separator: "\n") + "\n")
        #expect(result.status == 0, "\(result.stderr)")
        return (directory, dir)
    }

    static func sha256(_ data: Data) throws -> String {
        let result = try ShellCommand.run("/usr/bin/env", ["python3", "-c", "import hashlib,sys; print(hashlib.sha256(bytes.fromhex(sys.argv[1])).hexdigest())",
                                                           data.map { String(format: "%02x", $0) }.joined()])
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test("append prints each entry's hashes, file, CID and the entry; the files and index.tsv follow the format")
    func append() throws {
        let (directory, dir) = try log(["{\"energy_wh\": 336.12}", "", "hello world", "  "])
        defer { _ = directory }
        let index = try String(contentsOfFile: dir + "/index.tsv", encoding: .utf8)
        let lines = index.split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
        #expect(lines.count == 2)
        // chain_hash_i = SHA-256(chain_hash_(i-1) || content_sha256_i), checked with hashlib.
        var previous = String(repeating: "0", count: 64)
        for (i, fields) in lines.enumerated() {
            #expect(fields.count == 5)
            #expect(fields[0] == String(format: "%012d", i))
            #expect(fields[4] == String(format: "entries/%012d", i))
            let content = try Data(contentsOf: URL(fileURLWithPath: dir + "/" + fields[4]))
            #expect(try Self.sha256(content) == fields[1])
            let chain = try Self.sha256(Data(try hexBytes(previous) + hexBytes(fields[1])))
            #expect(chain == fields[2])
            previous = chain
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: dir + "/entries/000000000001")) == Data("hello world".utf8))
        let head = try run(["head", "--dir", dir])
        #expect(head.line["index"] as? Int == 1)
        #expect(head.line["chain_hash"] as? String == "0x" + previous)
        #expect(head.line["previous_chain_hash"] as? String == "0x" + lines[0][2])
        #expect(head.line["content_base64"] as? String == "aGVsbG8gd29ybGQ=")
        #expect(head.line["cid"] as? String == "Qmf412jQZiuVUtdgnB36FXFX7xg5V6KEbSJ4dpQuhkLyfD")
        #expect(head.line["file"] as? String == dir + "/entries/000000000001")
        let first = try run(["show", "--dir", dir, "0"])
        #expect((first.line["upstream"] as? [String: Any])?["energy_wh"] as? Double == 336.12)
        #expect(first.line["previous_chain_hash"] as? String == "0x" + String(repeating: "0", count: 64))
        #expect(try run(["show", "--dir", dir, "--last", "5"]).stdoutLines.count == 2)
    }

    func hexBytes(_ hex: String) throws -> [UInt8] {
        stride(from: 0, to: hex.count, by: 2).map { UInt8(hex.dropFirst($0).prefix(2), radix: 16)! }
    }

    @Test("--file appends one file's bytes, binary too; its CID is the published one")
    func appendFile() throws {
        let directory = try TemporaryDirectory()
        let file = directory.path("blob")
        try Data((0..<300_000).map { UInt8($0 % 251) }).write(to: URL(fileURLWithPath: file))
        let result = try run(["append", "--dir", directory.path("log"), "--file", file])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.line["cid"] as? String == "QmWU4cq12z1Fq8kiWASSMzcpsxbQpY74z1X2koCz2TUnaU")
        #expect((result.line["content_base64"] as? String)?.count == 400_000)
    }

    @Test("root, prove, consistency and verify-proof agree with each other and with verify")
    func proofs() throws {
        let (directory, dir) = try log((0..<7).map { "{\"reading\": \($0)}" })
        let verify = try run(["verify", "--dir", dir])
        #expect(verify.status == 0)
        #expect(verify.line["ok"] as? Bool == true && verify.line["entries"] as? Int == 7)
        let root = try #require(try run(["root", "--dir", dir]).line["root"] as? String)
        #expect(root == verify.line["root"] as? String)
        let proof = try run(["prove", "--dir", dir, "3"])
        #expect(proof.line["tree_size"] as? Int == 7)
        #expect((proof.line["inclusion_path"] as? [String])?.count == 3)
        let entry = dir + "/entries/000000000003"
        let checked = try run(["verify-proof", "--entry", entry, "--root", root], input: proof.stdout)
        #expect(checked.status == 0, "\(checked.stderr)")
        // Another entry's bytes, or another root, fail with 65.
        let wrongEntry = try run(["verify-proof", "--entry", dir + "/entries/000000000004", "--root", root], input: proof.stdout)
        #expect(wrongEntry.status == 65)
        #expect(wrongEntry.stderr.contains("the proof does not lead from"))
        let smaller = try #require(try run(["root", "--dir", dir, "--size", "5"]).line["root"] as? String)
        let wrongRoot = try run(["verify-proof", "--entry", entry, "--root", smaller], input: proof.stdout)
        #expect(wrongRoot.status == 65)
        #expect(wrongRoot.stderr.contains("the proof is for root \(root), not the trusted \(smaller)"))
        let old = try run(["prove", "--dir", dir, "3", "--size", "5"])
        #expect(try run(["verify-proof", "--entry", entry, "--root", smaller], input: old.stdout).status == 0)
        let consistency = try run(["consistency", "--dir", dir, "--first", "5"])
        #expect(consistency.line["first_root"] as? String == smaller)
        #expect(consistency.line["second_root"] as? String == root)
        #expect((consistency.line["consistency_path"] as? [String])?.isEmpty == false)
        let garbage = try run(["verify-proof", "--entry", entry, "--root", root], input: "not json")
        #expect(garbage.status == 65)
        _ = directory
    }

    enum Tamper: String, CaseIterable {
        case entryChanged, entryMissing, extraEntry, indexLineAltered, indexLinesSwapped, chainLinkBroken, strayFile
    }

    @Test("every kind of tampering is found at its index", arguments: Tamper.allCases)
    func tamper(kind: Tamper) throws {
        let (directory, dir) = try log((0..<6).map { "reading \($0)" })
        let index = dir + "/index.tsv"
        var lines = try String(contentsOfFile: index, encoding: .utf8).split(separator: "\n").map(String.init)
        let expected: (Int, String)
        switch kind {
        case .entryChanged:
            try Data("reading X".utf8).write(to: URL(fileURLWithPath: dir + "/entries/000000000003"))
            expected = (3, "entry changed: entries/000000000003 has SHA-256")
        case .entryMissing:
            try FileManager.default.removeItem(atPath: dir + "/entries/000000000002")
            expected = (2, "entry missing: entries/000000000002 does not exist")
        case .extraEntry:
            try Data("sneaked in".utf8).write(to: URL(fileURLWithPath: dir + "/entries/000000000009"))
            expected = (9, "extra entry: entries/000000000009 is not in index.tsv")
        case .strayFile:
            try Data("x".utf8).write(to: URL(fileURLWithPath: dir + "/entries/notes.txt"))
            expected = (6, "extra entry: entries/notes.txt is not in index.tsv")
        case .indexLineAltered:
            lines[4] = lines[4].replacingOccurrences(of: "\tentries/", with: "\tentries/x")
            expected = (4, "index.tsv line 5 (entry 4) FILE")
        case .indexLinesSwapped:
            lines.swapAt(1, 2)
            expected = (1, "index.tsv line 2 (entry 1) holds index 2: lines are missing or out of order")
        case .chainLinkBroken:
            var fields = lines[2].split(separator: "\t").map(String.init)
            fields[2] = String(repeating: "ab", count: 32)
            lines[2] = fields.joined(separator: "\t")
            expected = (2, "entry 2: chain link broken")
        }
        if [.indexLineAltered, .indexLinesSwapped, .chainLinkBroken].contains(kind) {
            try (lines.joined(separator: "\n") + "\n").write(toFile: index, atomically: true, encoding: .utf8)
        }
        let result = try run(["verify", "--dir", dir])
        #expect(result.status == 65, "\(kind)")
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains(expected.1), "\(kind): \(result.stderr)")
        if ![.indexLineAltered, .indexLinesSwapped].contains(kind) {
            #expect(result.stderr.contains("entry \(expected.0):"), "\(kind): \(result.stderr)")
        }
        _ = directory
    }

    @Test("verify --from N --trusted-chain-hash checks only the tail, and catches a rewritten head")
    func verifyTail() throws {
        let (directory, dir) = try log((0..<4).map { "r\($0)" })
        let first = try run(["verify", "--dir", dir])
        let chain = try #require(first.line["chain_hash"] as? String)
        _ = try run(["append", "--dir", dir], input: "r4\nr5\n")
        let tail = try run(["verify", "--dir", dir, "--from", "4", "--trusted-chain-hash", chain])
        #expect(tail.status == 0, "\(tail.stderr)")
        #expect(tail.line["entries"] as? Int == 6)
        let wrong = try run(["verify", "--dir", dir, "--from", "4", "--trusted-chain-hash", "0x" + String(repeating: "11", count: 32)])
        #expect(wrong.status == 65)
        #expect(wrong.stderr.contains("entry 3: its chain hash"))
        #expect(try run(["verify", "--dir", dir, "--from", "2"]).status == 64)
        _ = directory
    }

    @Test("read commands: a missing log 66, a directory that is not a log 65, an empty log's head 65, usage 64")
    func errors() throws {
        let directory = try TemporaryDirectory()
        let missing = try run(["head", "--dir", directory.path("none")])
        #expect(missing.status == 66)
        #expect(missing.stderr.hasSuffix("none' does not exist\n") || missing.stderr.contains("the directory does not exist"))
        try FileManager.default.createDirectory(atPath: directory.path("plain"), withIntermediateDirectories: true)
        try Data("x".utf8).write(to: URL(fileURLWithPath: directory.path("plain/file")))
        let notALog = try run(["verify", "--dir", directory.path("plain")])
        #expect(notALog.status == 65)
        #expect(notALog.stderr.contains("is not a chain log: it has no index.tsv"))
        let refused = try run(["append", "--dir", directory.path("plain")], input: "x\n")
        #expect(refused.status == 65)
        #expect(refused.stderr.contains("is not a chain log: it is not empty (it holds 'file') and has no index.tsv"))
        _ = try run(["append", "--dir", directory.path("empty")], input: "\n")
        let head = try run(["head", "--dir", directory.path("empty")])
        #expect(head.status == 65)
        #expect(head.stderr.contains("has no entries"))
        #expect(try run(["show", "--dir", directory.path("empty"), "3"]).status == 65)
        #expect(try run(["prove", "--dir", directory.path("empty"), "x"]).status == 64)
        #expect(try run(["root", "--dir", directory.path("empty"), "--size", "2"]).status == 65)
        #expect(try run(["head"]).status == 64)
        // A creation killed before index.tsv existed is taken up again...
        try FileManager.default.createDirectory(atPath: directory.path("half/entries"), withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: directory.path("half/.lock"), contents: nil)
        #expect(try run(["append", "--dir", directory.path("half")], input: "x\n").status == 0)
        // ...but entries without an index are not a log to write into.
        try FileManager.default.createDirectory(atPath: directory.path("orphans/entries"), withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: directory.path("orphans/entries/000000000000"), contents: Data("x".utf8))
        let orphans = try run(["append", "--dir", directory.path("orphans")], input: "y\n")
        #expect(orphans.status == 65)
        #expect(orphans.stderr.contains("it holds 'entries/000000000000'"))
    }

    @Test("an unfinished append is named by verify and repaired: a dropped .pending, a cut line, an entry without its line")
    func repair() throws {
        let (directory, dir) = try log(["a", "b", "c"])
        // Crash after writing .pending: dropped.
        try Data("never acknowledged".utf8).write(to: URL(fileURLWithPath: dir + "/.pending"))
        let named = try run(["verify", "--dir", dir])
        #expect(named.status == 65)
        #expect(named.stderr.contains("entry 3: unfinished append: .pending is still there"))
        let repaired = try run(["repair", "--dir", dir])
        #expect(repaired.line["entries"] as? Int == 3)
        #expect((repaired.line["repaired"] as? [String])?.first?.hasPrefix("dropped an entry") == true)
        #expect(try run(["verify", "--dir", dir]).status == 0)
        // Crash after the link into entries/, with half an index line: cut, then completed.
        try Data("d".utf8).write(to: URL(fileURLWithPath: dir + "/entries/000000000003"))
        try FileManager.default.linkItem(atPath: dir + "/entries/000000000003", toPath: dir + "/.pending")
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: dir + "/index.tsv"))
        handle.seekToEndOfFile()
        handle.write(Data("000000000003\t18ac3e".utf8))
        try handle.close()
        #expect(try run(["verify", "--dir", dir]).stderr.contains("entry 3: unfinished append: index.tsv ends in part of its line"))
        let second = try run(["repair", "--dir", dir])
        #expect((second.line["repaired"] as? [String])?.count == 2)
        #expect(second.line["entries"] as? Int == 4)
        let verified = try run(["verify", "--dir", dir])
        #expect(verified.status == 0)
        #expect(verified.line["entries"] as? Int == 4)
        // The next append repairs by itself, saying so.
        try Data("e".utf8).write(to: URL(fileURLWithPath: dir + "/entries/000000000004"))
        try FileManager.default.linkItem(atPath: dir + "/entries/000000000004", toPath: dir + "/.pending")
        let appended = try run(["append", "--dir", dir], input: "f\n")
        #expect(appended.line["index"] as? Int == 5)
        #expect(appended.stderr.contains("warning: repaired"))
        #expect(try run(["verify", "--dir", dir]).line["entries"] as? Int == 6)
        _ = directory
    }
}
