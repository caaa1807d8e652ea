import Encoding
import Ethereum
import Dispatch
import Foundation
import Testing

/// `bond sign-tx --origin` offline: the calls it builds from chain-log lines, the state file,
/// the carbon rate, and its usage errors.
@Suite("bond sign-tx --origin")
struct OriginSignCLITests {
    static let registry = "0x" + String(repeating: "77", count: 20)

    func line(_ energy: String, accumulated: Bool = true, hash: String = "0x" + String(repeating: "ab", count: 32)) -> String {
        "{\"index\": 0, \"chain_hash\": \"\(hash)\", \"upstream\": {\"kind\": \"energy\", \"energy_wh\": \(energy), \"is_accumulated\": \(accumulated)}}\n"
    }

    func sign(_ directory: TemporaryDirectory, _ extra: [String], input: String) throws -> BondBinary.Result {
        let key = directory.path("device.key")
        if !FileManager.default.fileExists(atPath: key) {
            try Data(("0x" + String(repeating: "46", count: 32) + "\n").utf8).write(to: URL(fileURLWithPath: key))
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: key)
        }
        return try BondBinary.run(["sign-tx", "--key-file", key, "--to", Self.registry, "--chain-id", "73799", "--gas", "400000",
                                   "--gas-price", "0", "--nonce", "0", "--origin-asset-id", "7", "--state-file", directory.path("state.json")]
                                  + extra, input: input)
    }

    @Test("the producer call's arguments decode back to the reading, the chain hash and the CO2 counter; state follows")
    func producerCall() throws {
        let directory = try TemporaryDirectory()
        let carbon = directory.path("carbon.json")
        let now = Int(Date().timeIntervalSince1970)
        try "{\"kind\": \"carbon\", \"co2_kg_per_wh\": 0.0005, \"accessed_epoch\": \(now)}\n".write(toFile: carbon, atomically: true, encoding: .utf8)
        let first = try sign(directory, ["--origin", "producer", "--carbon", carbon], input: line("1000.9"))
        #expect(first.status == 0, "\(first.stderr)")
        let second = try sign(directory, ["--origin", "producer", "--carbon", carbon], input: line("3000.9", hash: "0x" + String(repeating: "cd", count: 32)))
        #expect(second.status == 0, "\(second.stderr)")
        let data = try Hex.decode(try #require(second.line["data"] as? String))
        let signature = OriginContract.producer.signature
        #expect(Array(data.prefix(4)) == signature.selector)
        let arguments = try ABIDecoder.decode(signature.inputs, from: Array(data.dropFirst(4)))
        // 2,000 Wh x 0.0005 kg/Wh x 1,000 = 1,000 g.
        #expect(arguments == [.uint(UInt256(7)), .uint(UInt256(3000)), .bool(false), .fixedBytes([UInt8](repeating: 0xCD, count: 32)),
                              .uint(UInt256(1000)), .bool(false)])
        let origin = try #require(second.line["origin"] as? [String: Any])
        #expect(origin["co2_offset_meter_read"] as? String == "1000")
        #expect((second.line["upstream"] as? [String: Any])?["chain_hash"] as? String == "0x" + String(repeating: "cd", count: 32))
        let state = try String(contentsOfFile: directory.path("state.json"), encoding: .utf8)
        #expect(state.contains("\"meter_read_wh\":\"3000.9\"") && state.contains("\"co2_offset_g\":\"1000\""))
    }

    @Test("a carbon line that is stale, has no rate or is down: the CO2 service is reported down, with a warning")
    func unusableCarbon() throws {
        for (content, reason) in [
            ("{\"kind\": \"carbon\", \"co2_kg_per_wh\": 0.0005, \"accessed_epoch\": 1000}", "more than --carbon-max-age"),
            ("{\"kind\": \"carbon\", \"co2_kg_per_wh\": null, \"percentile\": 62, \"accessed_epoch\": \(Int(Date().timeIntervalSince1970))}", "has no co2_kg_per_wh"),
            ("{\"kind\": \"carbon\", \"meter_down\": true}", "says the service was down"),
        ] {
            let directory = try TemporaryDirectory()
            let carbon = directory.path("carbon.json")
            try content.write(toFile: carbon, atomically: true, encoding: .utf8)
            let result = try sign(directory, ["--origin", "producer", "--carbon", carbon], input: line("10"))
            #expect(result.status == 0)
            #expect((result.line["origin"] as? [String: Any])?["co2_offset_service_down"] as? Bool == true)
            #expect(result.stderr.contains(reason), "\(result.stderr)")
        }
    }

    @Test("four runs at once on one state file take turns: no update is lost")
    func concurrentRuns() throws {
        let directory = try TemporaryDirectory()
        _ = try sign(directory, ["--origin", "consumer"], input: "")
        let group = DispatchGroup()
        let results = ResultsBox()
        for _ in 0..<4 {
            DispatchQueue.global().async(group: group) {
                let hash = "0x" + (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255)) }.joined()
                results.add(Result { try self.sign(directory, ["--origin", "consumer"], input: self.line("10", accumulated: false, hash: hash)) })
            }
        }
        group.wait()
        #expect(results.all.allSatisfy { (try? $0.get().status) == 0 })
        let state = try String(contentsOfFile: directory.path("state.json"), encoding: .utf8)
        #expect(state.contains("\"meter_read_wh\":\"40\""), "\(state)")
    }

    @Test("a carbon file read in the future, or endless, is not used (the CO2 service is reported down)")
    func hostileCarbon() throws {
        let directory = try TemporaryDirectory()
        let future = directory.path("future.json")
        try "{\"kind\": \"carbon\", \"co2_kg_per_wh\": 0.0005, \"accessed_epoch\": \(Int(Date().timeIntervalSince1970) + 99_999)}".write(toFile: future, atomically: true, encoding: .utf8)
        let ahead = try sign(directory, ["--origin", "producer", "--carbon", future], input: line("10"))
        #expect(ahead.stderr.contains("in the future"))
        #expect((ahead.line["origin"] as? [String: Any])?["co2_offset_service_down"] as? Bool == true)
        let endless = try sign(try TemporaryDirectory(), ["--origin", "producer", "--carbon", "/dev/zero"], input: line("10"))
        #expect(endless.status == 0)
        #expect(endless.stderr.contains("larger than 64 KiB"))
    }

    @Test("usage errors exit 64; lines that are not chain-log readings, or a meter down with no state, exit 65")
    func errors() throws {
        let directory = try TemporaryDirectory()
        for (flags, message) in [
            (["--origin", "producer", "--function", "f()"], "--origin builds the call itself: --function does not go with it"),
            (["--carbon", "x"], "--origin-asset-id goes with --origin producer|consumer"),
            (["--origin", "consumer", "--carbon", "x"], "--carbon is for producers: the consumer registry has no CO2 counter"),
        ] {
            let result = try sign(directory, flags, input: "")
            #expect(result.status == 64, "\(flags)")
            #expect(result.stderr == "bond sign-tx: error: \(message)\n")
        }
        let notALog = try sign(directory, ["--origin", "consumer"], input: "{\"kind\": \"energy\", \"energy_wh\": 5}\n")
        #expect(notALog.status == 65)
        #expect(notALog.stderr.contains("no 32-byte \"chain_hash\""))
        let down = try sign(directory, ["--origin", "consumer"],
                            input: "{\"chain_hash\": \"0x\(String(repeating: "ab", count: 32))\", \"upstream\": {\"meter_down\": true}}\n")
        #expect(down.status == 65)
        #expect(down.stderr.contains("no reading was sent before"))
        #expect(!FileManager.default.fileExists(atPath: directory.path("state.json")))
    }
}
