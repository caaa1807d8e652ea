import Encoding
import Ethereum
import Hashing
import Foundation
import Testing

/// An Origin registry deployed on the dev node (scripts/origin-deploy) with a rising Eumel
/// logger on the fixture server, and the producer or consumer pipeline that reports to it:
/// read-meter | chain-log append | sign-tx --origin | send-tx.
struct OriginTestbed {
    let node: DevNode
    let kind: String
    let contract: String
    let directory: TemporaryDirectory
    let meterKey: String
    let fixtures: MeterFixtures

    /// Dev node accounts for these tests (the send-tx tests use 3 to 11).
    static let deployerAccount = 12
    static func meterAccount(_ kind: String) -> Int { kind == "producer" ? 13 : 14 }

    init(_ kind: String) throws {
        node = try DevNode.running()
        self.kind = kind
        directory = try TemporaryDirectory()
        fixtures = try MeterFixtures()
        let deployer = try node.keyFile(Self.deployerAccount, in: directory)
        meterKey = try node.keyFile(Self.meterAccount(kind), in: directory)
        let deployed = try ShellCommand.run("/bin/bash", ["-c", "BOND=\(BondBinary.url.path) scripts/origin-deploy \(kind) \(node.rpc) \(deployer) \(node.accounts[Self.meterAccount(kind)].address)"])
        #expect(deployed.status == 0, "origin-deploy: \(deployed.stderr)")
        let line = try #require(try JSONSerialization.jsonObject(with: Data(deployed.stdout.utf8)) as? [String: Any])
        contract = try #require(line["contract"] as? String)
    }

    /// The rising logger's URL (a fault in front of it when given).
    func loggerURL(fault: String? = nil) -> String { fixtures.url("eumel/rising", fault: fault) }

    struct Run {
        let stages: [Int32]
        let stdout: String
        let stderr: String
        var lines: [[String: Any]] { BondBinary.Result(status: 0, stdout: stdout, stderr: stderr).lines }
    }

    /// One run of the pipeline, as a cron job runs it; `stages` are the exit statuses of its
    /// four commands (bash's PIPESTATUS).
    func run(emitFailure: Bool = false, fault: String? = nil, carbon: String? = nil, extraSign: [String] = []) throws -> Run {
        let bond = BondBinary.url.path
        let password = try fixtures.passwordFile("eumel-secret")
        let register = kind == "producer" ? "export" : "import"
        let sign = ["--origin", kind, "--origin-asset-id", "0", "--to", contract, "--key-file", meterKey,
                    "--state-file", directory.path("state.json"), "--nonce-file", directory.path("nonce.json"), "--rpc", node.rpc,
                    "--gas", "400000", "--gas-price", "1gwei", "--chain-id", String(node.chainID)]
            + (carbon.map { ["--carbon", $0] } ?? []) + extraSign
        let script = """
            \(bond) read-meter eumel --register \(register) --url \(loggerURL(fault: fault)) --user admin --password-file \(password) --retries 0 \(emitFailure ? "--emit-failure" : "") \
              | \(bond) chain-log append --dir \(directory.path("log")) \
              | \(bond) sign-tx \(sign.map { "'\($0)'" }.joined(separator: " ")) \
              | \(bond) send-tx --rpc \(node.rpc) --spool \(directory.path("spool")) --wait --wait-timeout 20s
            echo "${PIPESTATUS[*]}" > \(directory.path("stages"))
            """
        let result = try ShellCommand.run("/bin/bash", ["-c", script])
        let stages = try String(contentsOfFile: directory.path("stages"), encoding: .utf8)
            .split(separator: " ").compactMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        return Run(stages: stages, stdout: result.stdout, stderr: result.stderr)
    }

    /// getLastSmartMeterReadFileHash(0) through bond call.
    func onChainFileHash() throws -> String? {
        let call = try BondBinary.run(["call", "--rpc", node.rpc, "--to", contract, "--function",
                                       "getLastSmartMeterReadFileHash(uint256)(bytes32)", "--arg", "0"])
        #expect(call.status == 0, "bond call: \(call.stderr)")
        return (call.line["outputs"] as? [String])?.first
    }

    /// The log's entries as chain-log show prints them.
    func logEntries() throws -> [[String: Any]] {
        let shown = try BondBinary.run(["chain-log", "show", "--dir", directory.path("log"), "--last", "1000"])
        return shown.lines
    }

    /// The LogNewMeterRead events of the registry, decoded: (new meter read, new CO2 counter,
    /// smart meter down, file hash).
    func events() throws -> [(reading: String, co2: String?, down: Bool, fileHash: String)] {
        let topic = Hex.encode(Keccak256.hash(Array((kind == "producer"
            ? "LogNewMeterRead(uint256,bytes32,uint256,uint256,bool,uint256,uint256,uint256,bool)"
            : "LogNewMeterRead(uint256,bytes32,uint256,uint256,uint256,bool)").utf8)))
        let logs = try node.call("eth_getLogs", [.object(JSONObjectValue([("fromBlock", .string("0x0")), ("toBlock", .string("latest")), ("address", .string(contract)),
                                                                           ("topics", .array([.string(topic)]))]))])
        guard case .array(let entries) = logs else { return [] }
        return try entries.map { entry in
            let object = try #require(entry.objectValue)
            guard case .array(let topics)? = object["topics"], case .string(let hash) = topics[2], case .string(let data)? = object["data"] else {
                throw CocoaError(.fileReadCorruptFile)
            }
            let types: [ABIType] = kind == "producer"
                ? [.uint(256), .uint(256), .bool, .uint(256), .uint(256), .uint(256), .bool]
                : [.uint(256), .uint(256), .uint(256), .bool]
            let values = try ABIDecoder.decode(types, from: try Hex.decode(data))
            func number(_ value: ABIValue) -> String { if case .uint(let n) = value { return n.description } else { return "" } }
            func flag(_ value: ABIValue) -> Bool { if case .bool(let b) = value { return b } else { return false } }
            if kind == "producer" {
                return (number(values[1]), number(values[5]), flag(values[2]), hash)
            }
            return (number(values[1]), nil, flag(values[3]), hash)
        }
    }
}
