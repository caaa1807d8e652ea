import Foundation
import Testing

/// What repair and append must not do with a log someone altered: absorb the change.
@Suite("bond chain-log against altered logs")
struct ChainLogTamperTests {
    func run(_ arguments: [String], input: String = "") throws -> BondBinary.Result {
        try BondBinary.run(["chain-log"] + arguments, input: input)
    }

    func log(_ count: Int) throws -> (TemporaryDirectory, String) {
        let directory = try TemporaryDirectory()
        let dir = directory.path("log")
        #expect(try run(["append", "--dir", dir], input: (0..<count).map { "r\($0)\n" }.joined()).status == 0)
        return (directory, dir)
    }

    func truncate(_ path: String, to size: Int) throws {
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.truncate(atOffset: UInt64(size))
        try handle.close()
    }

    @Test("an index whose last LF was changed, or whose lines were cut, is refused, not repaired")
    func alteredIndexTail() throws {
        let (directory, dir) = try log(5)
        let index = dir + "/index.tsv"
        var bytes = try Data(contentsOf: URL(fileURLWithPath: index))
        bytes[bytes.count - 1] = UInt8(ascii: "X")
        try bytes.write(to: URL(fileURLWithPath: index))
        let verify = try run(["verify", "--dir", dir])
        #expect(verify.status == 65)
        #expect(verify.stderr.contains("no append was in progress: it was altered"))
        let append = try run(["append", "--dir", dir], input: "z\n")
        #expect(append.status == 65)
        #expect(try Data(contentsOf: URL(fileURLWithPath: index)) == bytes)
        try truncate(index, to: 2 * 185)
        let repair = try run(["repair", "--dir", dir])
        #expect(repair.status == 65)
        #expect(repair.stderr.contains("entries/000000000002 is not in index.tsv and no append was in progress"))
        _ = directory
    }

    @Test("a file planted ahead in entries/ is never adopted as an entry")
    func plantedEntry() throws {
        let (directory, dir) = try log(5)
        try Data("planted".utf8).write(to: URL(fileURLWithPath: dir + "/entries/000000000007"))
        #expect(try run(["append", "--dir", dir], input: "a\nb\n").status == 0)
        let third = try run(["append", "--dir", dir], input: "c\n")
        #expect(third.status == 65)
        #expect(third.stderr.contains("entry 7: entries/000000000007 is not in index.tsv and no append was in progress"))
        #expect(try run(["verify", "--dir", dir]).stderr.contains("entry 7: extra entry"))
        _ = directory
    }

    @Test("append refuses to build on a forged last chain link or a changed last entry")
    func forgedTail() throws {
        let (directory, dir) = try log(3)
        let index = dir + "/index.tsv"
        var lines = try String(contentsOfFile: index, encoding: .utf8).split(separator: "\n").map(String.init)
        var fields = lines[2].split(separator: "\t").map(String.init)
        fields[2] = String(repeating: "ab", count: 32)
        lines[2] = fields.joined(separator: "\t")
        let original = try String(contentsOfFile: index, encoding: .utf8)
        try (lines.joined(separator: "\n") + "\n").write(toFile: index, atomically: true, encoding: .utf8)
        let forged = try run(["append", "--dir", dir], input: "x\n")
        #expect(forged.status == 65)
        #expect(forged.stderr.contains("entry 2: chain link broken: not appending after it"))
        try original.write(toFile: index, atomically: true, encoding: .utf8)
        try Data("changed".utf8).write(to: URL(fileURLWithPath: dir + "/entries/000000000002"))
        let changed = try run(["append", "--dir", dir], input: "x\n")
        #expect(changed.status == 65)
        #expect(changed.stderr.contains("entry 2: entry changed"))
        _ = directory
    }

    @Test("FIFOs, devices, symbolic links and directories in place of files are named at their index (65), never waited on")
    func specialFiles() throws {
        for kind in ["fifo", "symlink", "directory", "index-directory", "pending-directory"] {
            let (directory, dir) = try log(4)
            let entry = dir + "/entries/000000000002"
            switch kind {
            case "fifo":
                try FileManager.default.removeItem(atPath: entry)
                #expect(mkfifo(entry, 0o644) == 0)
            case "symlink":
                try FileManager.default.removeItem(atPath: entry)
                try FileManager.default.createSymbolicLink(atPath: entry, withDestinationPath: dir + "/entries/000000000001")
            case "directory":
                try FileManager.default.removeItem(atPath: entry)
                try FileManager.default.createDirectory(atPath: entry, withIntermediateDirectories: false)
            case "index-directory":
                try FileManager.default.removeItem(atPath: dir + "/index.tsv")
                try FileManager.default.createDirectory(atPath: dir + "/index.tsv", withIntermediateDirectories: false)
            default:
                try FileManager.default.createDirectory(atPath: dir + "/.pending", withIntermediateDirectories: false)
            }
            let verify = try run(["verify", "--dir", dir])
            #expect(verify.status == 65, "\(kind): \(verify.stderr)")
            switch kind {
            case "index-directory": #expect(verify.stderr.contains("its index.tsv is not a regular file"))
            case "pending-directory": #expect(try run(["repair", "--dir", dir]).stderr.contains(".pending is not a regular file"))
            case "symlink": #expect(verify.stderr.contains("entry 2: entries/000000000002 is a symbolic link"))
            default: #expect(verify.stderr.contains("entry 2: entries/000000000002 is not a regular file"), "\(kind): \(verify.stderr)")
            }
            if kind == "fifo" {
                #expect(try run(["show", "--dir", dir, "2"]).status == 65)
            }
            _ = directory
        }
    }

    @Test("a reader that goes away stops append with 74; --trusted-chain-hash needs --from; sizes past the log are 65")
    func edges() throws {
        let (directory, dir) = try log(2)
        let script = "seq 1 200 | \(BondBinary.url.path) chain-log append --dir \(dir) | head -1 > /dev/null; echo ${PIPESTATUS[1]}"
        let piped = try ShellCommand.run("/bin/bash", ["-c", script])
        #expect(piped.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "74", "\(piped.stderr)")
        #expect(piped.stderr.contains("standard output closed after entry"))
        #expect(try run(["verify", "--dir", dir]).status == 0)
        let trusted = try run(["verify", "--dir", dir, "--trusted-chain-hash", "0x" + String(repeating: "11", count: 32)])
        #expect(trusted.status == 64)
        #expect(try run(["consistency", "--dir", dir, "--first", "500"]).status == 65)
        let file = directory.path("plain-file")
        try Data("x".utf8).write(to: URL(fileURLWithPath: file))
        let notDirectory = try run(["append", "--dir", file], input: "x\n")
        #expect(notDirectory.status == 65)
        #expect(notDirectory.stderr.contains("is not a chain log: it is not a directory"))
        let foreign = directory.path("foreign")
        try FileManager.default.createDirectory(atPath: foreign, withIntermediateDirectories: false)
        try Data("x".utf8).write(to: URL(fileURLWithPath: foreign + "/notes"))
        #expect(try run(["append", "--dir", foreign], input: "x\n").status == 65)
        #expect(!FileManager.default.fileExists(atPath: foreign + "/.lock"))
    }
}
