import Foundation
import Testing

extension DevNodeSuite {
    /// The main job end to end on the dev node: meter -> log -> Origin transaction -> chain.
    @Suite("Origin pipeline end to end")
    struct OriginEndToEndTests {
        @Test("three producer and three consumer runs: each mined run's file hash on chain is its log entry's chain hash")
        func producerAndConsumer() throws {
            for kind in ["producer", "consumer"] {
                let testbed = try OriginTestbed(kind)
                var carbon: String?
                if kind == "producer" {
                    carbon = testbed.directory.path("carbon.json")
                    let rate = try BondBinary.run(["read-meter", "watttime", "--signal", "moer", "--region", "CAISO_NORTH"] + testbed.fixtures.wattTime())
                    try Data(rate.stdout.utf8).write(to: URL(fileURLWithPath: carbon!))
                }
                var readings: [String] = []
                for run in 1...3 {
                    let result = try testbed.run(carbon: carbon)
                    #expect(result.stages == [0, 0, 0, 0], "\(kind) run \(run): \(result.stderr)")
                    let sent = try #require(result.lines.first)
                    #expect(sent["status"] as? String == "mined")
                    let signed = try #require(sent["upstream"] as? [String: Any])
                    let logged = try #require(signed["upstream"] as? [String: Any])
                    let origin = try #require(signed["origin"] as? [String: Any])
                    let chainHash = try #require(logged["chain_hash"] as? String)
                    #expect(try testbed.onChainFileHash() == chainHash, "\(kind) run \(run)")
                    #expect(origin["file_hash"] as? String == chainHash)
                    readings.append(try #require(origin["new_meter_read"] as? String))
                    if kind == "producer" {
                        #expect(origin["co2_offset_service_down"] as? Bool == false)
                    }
                }
                // The rising logger adds 100.25 Wh to TotWhExp (10.5 to TotWhImp) per read.
                let numbers = readings.compactMap(Int.init)
                #expect(numbers.count == 3 && numbers[1] > numbers[0] && numbers[2] > numbers[1], "\(readings)")
                let events = try testbed.events()
                #expect(events.map(\.reading) == readings)
                #expect(events.map(\.fileHash) == (try testbed.logEntries()).compactMap { $0["chain_hash"] as? String })
                if kind == "producer" {
                    // 100.25 Wh x 0.000395577905877 kg/Wh x 1,000 = 39.66 g per run after the first.
                    #expect(events.map(\.co2) == ["0", "39", "79"])
                }
            }
        }

        @Test("a meter answering 500: with --emit-failure logged and sent as down with the last reading; without, nothing")
        func meterDown() throws {
            let testbed = try OriginTestbed("consumer")
            let first = try testbed.run()
            #expect(first.stages == [0, 0, 0, 0], "\(first.stderr)")
            let lastReading = try #require(((first.lines.first?["upstream"] as? [String: Any])?["origin"] as? [String: Any])?["new_meter_read"] as? String)

            let down = try testbed.run(emitFailure: true, fault: "500")
            #expect(down.stages == [0, 0, 0, 0], "\(down.stderr)")
            let sent = try #require(down.lines.first)
            #expect(sent["status"] as? String == "mined")
            let origin = try #require((sent["upstream"] as? [String: Any])?["origin"] as? [String: Any])
            #expect(origin["smart_meter_down"] as? Bool == true)
            #expect(origin["new_meter_read"] as? String == lastReading)
            let entries = try testbed.logEntries()
            #expect(entries.count == 2)
            #expect((entries.last?["upstream"] as? [String: Any])?["meter_down"] as? Bool == true)
            #expect(try testbed.onChainFileHash() == entries.last?["chain_hash"] as? String)
            #expect(try testbed.events().last?.down == true)

            let failed = try testbed.run(fault: "500")
            #expect(failed.stages == [75, 0, 0, 0])
            #expect(failed.stdout.isEmpty)
            #expect(try testbed.logEntries().count == 2)
            #expect(try testbed.events().count == 2)
        }

        @Test("a decreasing reading reverts (69), is logged, is not spooled, and the next run sends only its own")
        func decreasing() throws {
            let testbed = try OriginTestbed("producer")
            #expect(try testbed.run().stages == [0, 0, 0, 0])
            try testbed.fixtures.control("eumel/control/decrease")
            let reverted = try testbed.run()
            #expect(reverted.stages == [0, 0, 0, 69], "\(reverted.stderr)")
            #expect(reverted.lines.first?["status"] as? String == "reverted")
            #expect(reverted.stderr.contains("reverted in block"))
            #expect(try testbed.logEntries().count == 2)
            let spooled = try BondBinary.run(["send-tx", "--spool-status", testbed.directory.path("spool")])
            #expect(spooled.stdout.isEmpty)
            let again = try testbed.run()
            #expect(again.lines.count == 1)
            #expect(try testbed.events().count == 1)
        }

        @Test("node stopped: signing goes on from the nonce file, transactions spool; node back: flushed, each once, in order")
        func outage() throws {
            let testbed = try OriginTestbed("producer")
            #expect(try testbed.run().stages == [0, 0, 0, 0])
            try testbed.node.control(["action": "down"])
            var upAgain = false
            defer { if !upAgain { _ = try? testbed.node.control(["action": "up"]) } }
            for _ in 0..<2 {
                let run = try testbed.run()
                #expect(run.stages == [0, 0, 0, 0], "\(run.stderr)")
                #expect(run.lines.first?["status"] as? String == "spooled")
            }
            try testbed.node.control(["action": "up"])
            upAgain = true
            let flushed = try BondBinary.run(["send-tx", "--flush", testbed.directory.path("spool"), "--rpc", testbed.node.rpc, "--wait"])
            #expect(flushed.status == 0, "\(flushed.stderr)")
            #expect(flushed.lines.map { $0["status"] as? String } == ["mined", "mined"])
            #expect(try testbed.run().stages == [0, 0, 0, 0])
            let events = try testbed.events()
            let entries = try testbed.logEntries()
            #expect(events.count == 4)
            #expect(events.map(\.fileHash) == entries.compactMap { $0["chain_hash"] as? String })
            let readings = events.compactMap { Int($0.reading) }
            #expect(readings == readings.sorted() && Set(readings).count == 4)
        }
    }
}
