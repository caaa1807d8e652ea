import Foundation
import Testing

extension DevNodeSuite {
    /// examples/producer-job.sh, the cron job, against the dev node and the rising logger.
    @Suite("the example cron job")
    struct ExampleJobTests {
        /// A deployed registry, a profile for it, and a state directory: what an installed
        /// device has.
        struct Installation {
            let testbed: OriginTestbed
            let config: String
            let state: String

            /// The meter's driver, as the job's BOND_METER names it.
            let meter: String

            /// An installation reading the rising logger, or (`sunspecUnit`) a SunSpec unit of the
            /// Modbus peer.
            init(sunspecUnit: Int? = nil) throws {
                testbed = try OriginTestbed("producer")
                let directory = testbed.directory
                let password = try testbed.fixtures.passwordFile("eumel-secret")
                state = directory.path("state")
                config = directory.path("config.yaml")
                let reading: String
                if let sunspecUnit {
                    meter = "sunspec"
                    reading = """
                          read-meter.sunspec:
                            host: \(try ModbusPeer.tcp())
                            unit-id: \(sunspecUnit)
                            register: export
                        """
                } else {
                    meter = "eumel"
                    reading = """
                          read-meter.eumel:
                            url: \(testbed.loggerURL())
                            user: admin
                            password-file: \(password)
                            register: export
                            retries: 0
                        """
                }
                try """
                    producer:
                    \(reading)
                      chain-log:
                        dir: \(directory.path("log"))
                      sign-tx:
                        origin: producer
                        origin-asset-id: 0
                        to: "\(testbed.contract)"
                        key-file: \(testbed.meterKey)
                        state-file: \(directory.path("origin.json"))
                        nonce-file: \(directory.path("nonce.json"))
                        rpc: \(testbed.node.rpc)
                        chain-id: \(testbed.node.chainID)
                        gas: 400000
                        gas-price: 1gwei
                        retries: 0
                      send-tx:
                        rpc: \(testbed.node.rpc)
                        retries: 0
                        wait-timeout: 20s
                    """.write(toFile: config, atomically: true, encoding: .utf8)
            }

            /// The job as cron runs it.
            var command: String {
                "BOND=\(BondBinary.url.path) BOND_CONFIG=\(config) BOND_STATE_DIR=\(state) BOND_METER=\(meter) BOND_LOG_COMMAND='cat >&2' examples/producer-job.sh"
            }

            /// One cron run of the job; its stdout.
            func run() throws -> (status: Int32, stdout: String, stderr: String) {
                try ShellCommand.run("/bin/bash", ["-c", command])
            }
        }

        @Test("the sample config passes bond config check")
        func sampleConfig() throws {
            let checked = try BondBinary.run(["config", "check", "--config", BondBinary.packageRoot.appendingPathComponent("examples/config.yaml").path])
            #expect(checked.status == 0, "\(checked.stderr)")
            #expect(checked.lines.contains { $0["section"] as? String == "read-meter.eumel" && ($0["options"] as? [String: Any])?["register"] as? String == "export" })
        }

        @Test("20 cycles with a node outage in the middle: every reading logged once and on chain once, in order")
        func twentyCycles() throws {
            let installation = try Installation()
            let node = installation.testbed.node
            var upAgain = true
            defer { if !upAgain { _ = try? node.control(["action": "up"]) } }
            for cycle in 1...20 {
                if cycle == 8 {
                    try node.control(["action": "down"])
                    upAgain = false
                }
                if cycle == 12 {
                    try node.control(["action": "up"])
                    upAgain = true
                }
                let run = try installation.run()
                #expect(run.status == 0, "cycle \(cycle): \(run.stderr)")
                let status = (try? JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])?["status"] as? String
                #expect(status == ((8...11).contains(cycle) ? "spooled" : "mined"), "cycle \(cycle): \(run.stdout) \(run.stderr)")
            }
            let entries = try installation.testbed.logEntries()
            let events = try installation.testbed.events()
            #expect(entries.count == 20)
            #expect(events.count == 20)
            #expect(events.map(\.fileHash) == entries.compactMap { $0["chain_hash"] as? String })
            let readings = events.compactMap { Int($0.reading) }
            #expect(readings == readings.sorted() && Set(readings).count == 20)
            #expect(try installation.testbed.onChainFileHash() == entries.last?["chain_hash"] as? String)
            let spooled = try BondBinary.run(["send-tx", "--spool-status", installation.state + "/producer-spool"])
            #expect(spooled.stdout.isEmpty)
        }

        @Test("a SunSpec site's job (BOND_METER=sunspec): the inverter's energy logged and on chain")
        func sunspecSite() throws {
            let installation = try Installation(sunspecUnit: 2)
            let run = try installation.run()
            #expect(run.status == 0, "\(run.stderr)")
            let status = (try? JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])?["status"] as? String
            #expect(status == "mined", "\(run.stdout) \(run.stderr)")
            let entries = try installation.testbed.logEntries()
            let events = try installation.testbed.events()
            #expect(entries.count == 1)
            #expect(events.map(\.reading) == ["9876543210"])
            #expect(events.map(\.fileHash) == entries.compactMap { $0["chain_hash"] as? String })
        }

        @Test("two overlapping runs: the second skips while the first holds the lock; nothing is doubled")
        func overlapping() throws {
            let installation = try Installation()
            // Hold the job's lock as a long first run would.
            try FileManager.default.createDirectory(atPath: installation.state, withIntermediateDirectories: true)
            let holder = Process()
            holder.executableURL = URL(fileURLWithPath: "/usr/bin/flock")
            holder.arguments = [installation.state + "/producer.lock", "sleep", "5"]
            try holder.run()
            defer { holder.terminate() }
            usleep(300_000)
            let skipped = try installation.run()
            #expect(skipped.status == 0)
            #expect(skipped.stdout.isEmpty)
            #expect(skipped.stderr.contains("the previous run is still going; skipping this one"))
            holder.terminate()
            holder.waitUntilExit()
            // Two runs at once for real: one goes, the other waits its turn or skips.
            let group = DispatchGroup()
            let results = RunsBox()
            let command = installation.command
            for _ in 0..<2 {
                DispatchQueue.global().async(group: group) {
                    if let run = try? ShellCommand.run("/bin/bash", ["-c", command]) { results.add(run.stdout) }
                }
            }
            group.wait()
            let entries = try installation.testbed.logEntries()
            let events = try installation.testbed.events()
            #expect(entries.count == results.nonEmpty)
            #expect(events.count == entries.count)
            #expect((1...2).contains(entries.count))
        }
    }
}

/// Outputs of runs made on several threads.
final class RunsBox: @unchecked Sendable {
    private let lock = NSLock()
    private var outputs: [String] = []

    func add(_ output: String) {
        lock.lock()
        outputs.append(output)
        lock.unlock()
    }

    var nonEmpty: Int {
        lock.lock()
        defer { lock.unlock() }
        return outputs.filter { !$0.isEmpty }.count
    }
}
