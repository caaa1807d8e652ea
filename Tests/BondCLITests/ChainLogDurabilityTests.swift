import Foundation
import Glibc
import Testing

/// `bond chain-log append` under concurrent appenders and under kill -9 at random moments.
@Suite("bond chain-log durability", .serialized)
struct ChainLogDurabilityTests {
    @Test("four processes appending 500 entries each give 2,000 entries, each once, and a clean verify")
    func concurrentAppenders() throws {
        let directory = try TemporaryDirectory()
        let dir = directory.path("log")
        let group = DispatchGroup()
        let results = ResultsBox()
        for process in 0..<4 {
            let input = (0..<500).map { "{\"process\": \(process), \"reading\": \($0)}" }.joined(separator: "\n") + "\n"
            DispatchQueue.global().async(group: group) {
                let result = Result { try BondBinary.run(["chain-log", "append", "--dir", dir], input: input) }
                results.add(result)
            }
        }
        group.wait()
        for result in results.all {
            let run = try result.get()
            #expect(run.status == 0, "\(run.stderr)")
            #expect(run.stdoutLines.count == 500)
        }
        let verify = try BondBinary.run(["chain-log", "verify", "--dir", dir])
        #expect(verify.status == 0, "\(verify.stderr)")
        #expect(verify.line["entries"] as? Int == 2000)
        var seen = Set<String>()
        for index in 0..<2000 {
            let content = try String(contentsOfFile: dir + String(format: "/entries/%012d", index), encoding: .utf8)
            seen.insert(content)
        }
        #expect(seen.count == 2000)
    }

    @Test("kill -9 at random moments, 200 times: after repair verify passes and every acknowledged entry is there")
    func killedAppenders() throws {
        let directory = try TemporaryDirectory()
        let dir = directory.path("log")
        var generator = SystemRandomNumberGenerator()
        var acknowledged: [Int: String] = [:]  // index -> content_sha256 printed
        var next = 0
        for round in 0..<200 {
            let process = Process()
            process.executableURL = BondBinary.url
            process.arguments = ["chain-log", "append", "--dir", dir]
            let input = Pipe()
            let output = Pipe()
            process.standardInput = input
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            try process.run()
            let lines = (0..<20).map { "{\"round\": \(round), \"n\": \(next + $0)}\n" }.joined()
            next += 20
            input.fileHandleForWriting.write(Data(lines.utf8))
            usleep(UInt32.random(in: 0...40_000, using: &generator))
            kill(process.processIdentifier, SIGKILL)
            try? input.fileHandleForWriting.close()
            process.waitUntilExit()
            let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            for line in printed.split(separator: "\n") {
                // A line cut by the kill is not an acknowledgement.
                guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                      let index = object["index"] as? Int, let hash = object["content_sha256"] as? String else { continue }
                acknowledged[index] = hash
            }
        }
        let repair = try BondBinary.run(["chain-log", "repair", "--dir", dir])
        #expect(repair.status == 0, "\(repair.stderr) \((try? String(contentsOfFile: dir + "/index.tsv", encoding: .utf8))?.suffix(400) ?? "")")
        let verify = try BondBinary.run(["chain-log", "verify", "--dir", dir])
        #expect(verify.status == 0, "\(verify.stderr)")
        let entries = try #require(verify.line["entries"] as? Int)
        #expect(!acknowledged.isEmpty)
        // index.tsv (which verify just checked against the files) holds every acknowledged entry.
        let index = try String(contentsOfFile: dir + "/index.tsv", encoding: .utf8).split(separator: "\n")
        #expect(index.count == entries)
        for (entry, hash) in acknowledged {
            #expect(entry < entries)
            guard entry < index.count else { continue }
            #expect("0x" + index[entry].split(separator: "\t")[1] == hash, "entry \(entry)")
        }
    }
}

/// Results gathered from several threads.
final class ResultsBox: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [Result<BondBinary.Result, any Error>] = []

    func add(_ result: Result<BondBinary.Result, any Error>) {
        lock.lock()
        results.append(result)
        lock.unlock()
    }

    var all: [Result<BondBinary.Result, any Error>] {
        lock.lock()
        defer { lock.unlock() }
        return results
    }
}
