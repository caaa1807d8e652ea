import Encoding
import Ethereum
import Foundation
import HTTP
import Testing

/// `bond sign-tx` and `bond send-tx` against the development node (a py-evm chain over
/// JSON-RPC): serialized, since some tests take the node down or make it misbehave.
extension DevNodeSuite {
@Suite("bond send-tx against the dev node")
struct SendTxCLITests {
    static let recipient = "0x3535353535353535353535353535353535353535"

    func sign(_ node: DevNode, account: Int, _ directory: TemporaryDirectory, _ flags: [String], input: String = "{}\n") throws -> BondBinary.Result {
        let key = try node.keyFile(account, in: directory)
        let result = try BondBinary.run(["sign-tx", "--key-file", key, "--chain-id", String(node.chainID)] + flags, input: input)
        #expect(result.status == 0, "sign-tx: \(result.stderr)")
        return result
    }

    @Test("legacy, EIP-2930 and EIP-1559 transactions are mined with the fields sent")
    func threeTypes() throws {
        let node = try DevNode.running()
        let directory = try TemporaryDirectory()
        let from = node.accounts[3].address
        let start = try node.nonce(of: from)
        let input = """
            {"type": 0, "gasPrice": "5gwei", "value": "1"}
            {"type": 1, "gasPrice": "6gwei", "value": "2", "accessList": [{"address": "\(Self.recipient)", "storageKeys": ["0x\(String(repeating: "00", count: 31))01"]}]}
            {"type": 2, "maxFeePerGas": "7gwei", "maxPriorityFeePerGas": "2gwei", "value": "3"}

            """
        let signed = try sign(node, account: 3, directory, ["--nonce", String(start), "--gas", "40000", "--to", Self.recipient], input: input)
        let sent = try BondBinary.run(["send-tx", "--rpc", node.rpc, "--wait"], input: signed.stdout)
        #expect(sent.status == 0, "\(sent.stderr)")
        #expect(sent.lines.map { $0["status"] as? String } == ["mined", "mined", "mined"])
        for (line, type) in zip(sent.lines, [0, 1, 2]) {
            let onChain = try node.transaction(line["hash"] as! String)
            #expect(onChain["type"]?.quantity == type)
            #expect(onChain["from"]?.stringValue?.lowercased() == from.lowercased())
            #expect(onChain["nonce"]?.quantity == start + type)
            #expect(onChain["value"]?.quantity == type + 1)
            #expect((line["gas_used"] as? String).flatMap(Int.init) ?? 0 >= 21000)
            #expect((line["block_hash"] as? String)?.count == 66)
            #expect((line["upstream"] as? [String: Any])?["raw"] as? String != nil)
        }
        #expect(try node.transaction(sent.lines[0]["hash"] as! String)["gasPrice"]?.quantity == 5_000_000_000)
        #expect(try node.transaction(sent.lines[2]["hash"] as! String)["maxFeePerGas"]?.quantity == 7_000_000_000)
        // The access list reached the EVM: one address (2,400 gas) and one key (1,900) on top
        // of a plain transfer's 21,000 (EIP-2930).
        #expect(sent.lines[1]["gas_used"] as? String == "25300")
        #expect(sent.lines[0]["gas_used"] as? String == "21000")
    }

    @Test("a Vyper contract: created by sign-tx, called (event in the logs), made to revert (69 after its line)")
    func contract() throws {
        let node = try DevNode.running()
        let directory = try TemporaryDirectory()
        let bytecode = try #require(try node.control(["action": "compile", "name": "Meter"])["bytecode"] as? String)
        let start = try node.nonce(of: node.accounts[4].address)
        let flags = ["--gas", "500000", "--max-fee-per-gas", "10gwei", "--max-priority-fee-per-gas", "1gwei"]
        let created = try sign(node, account: 4, directory, flags + ["--nonce", String(start), "--data", bytecode])
        let deployed = try BondBinary.run(["send-tx", "--rpc", node.rpc, "--wait"], input: created.stdout)
        #expect(deployed.status == 0, "\(deployed.stderr)")
        let contract = try #require(deployed.lines.first?["contract_address"] as? String)
        #expect(created.lines.first?["to"] is NSNull)

        let call = try sign(node, account: 4, directory, flags + ["--nonce", String(start + 1), "--to", contract,
                                                                  "--function", "record(uint256,uint256)", "--arg", "7", "--arg", "336"])
        let recorded = try BondBinary.run(["send-tx", "--rpc", node.rpc, "--wait"], input: call.stdout)
        #expect(recorded.status == 0)
        #expect(recorded.lines.first?["status"] as? String == "mined")
        let logs = try #require(recorded.lines.first?["logs"] as? [[String: Any]])
        #expect(logs.count == 1 && (logs[0]["address"] as? String)?.lowercased() == contract.lowercased())

        let lower = try sign(node, account: 4, directory, flags + ["--nonce", String(start + 2), "--to", contract,
                                                                   "--function", "record(uint256,uint256)", "--arg", "7", "--arg", "100"])
        let reverted = try BondBinary.run(["send-tx", "--rpc", node.rpc, "--wait"], input: lower.stdout)
        #expect(reverted.status == 69)
        #expect(reverted.lines.first?["status"] as? String == "reverted")
        #expect(reverted.stderr.hasPrefix("bond send-tx: error: line 1: transaction \(reverted.lines.first?["hash"] as? String ?? "?") reverted in block "))
    }

    @Test("sign-tx --rpc fills nonce, chain id, gas and EIP-1559 fees from the node; 1 gwei without eth_maxPriorityFeePerGas")
    func onlineFilling() throws {
        let node = try DevNode.running()
        let directory = try TemporaryDirectory()
        let key = try node.keyFile(9, in: directory)
        let pending = try node.nonce(of: node.accounts[9].address)
        let signed = try BondBinary.run(["sign-tx", "--key-file", key, "--rpc", node.rpc, "--to", Self.recipient], input: "{}\n{\"value\": \"1gwei\"}\n")
        #expect(signed.status == 0, "\(signed.stderr)")
        #expect(signed.lines.map { $0["nonce"] as? String } == [String(pending), String(pending + 1)])
        #expect(signed.lines.allSatisfy { $0["chain_id"] as? String == String(node.chainID) && $0["type"] as? Int == 2 })
        #expect(signed.lines.allSatisfy { $0["gas"] as? String == "21000" && $0["max_priority_fee_per_gas"] as? String == "1000000000" })
        let block = try #require(try node.call("eth_getBlockByNumber", [.string("latest"), .bool(false)]).objectValue)
        let baseFee = try #require(block["baseFeePerGas"]?.quantity)
        #expect(signed.lines.first?["max_fee_per_gas"] as? String == String(2 * baseFee + 1_000_000_000))

        try node.control(["action": "priority-fee-method", "enabled": false])
        defer { _ = try? node.control(["action": "priority-fee-method", "enabled": true]) }
        let fallback = try BondBinary.run(["sign-tx", "--key-file", key, "--rpc", node.rpc, "--to", Self.recipient, "-n"])
        #expect(fallback.lines.first?["max_priority_fee_per_gas"] as? String == "1000000000")
        // Given fields are never replaced.
        let given = try BondBinary.run(["sign-tx", "--key-file", key, "--rpc", node.rpc, "--to", Self.recipient, "-n", "--nonce", "99", "--gas", "30000", "--gas-price", "3gwei"])
        #expect(given.lines.first?["nonce"] as? String == "99" && given.lines.first?["gas"] as? String == "30000" && given.lines.first?["gas_price"] as? String == "3000000000")
    }

    @Test("a batch of 1,000 transactions goes through")
    func batch() throws {
        let node = try DevNode.running()
        let directory = try TemporaryDirectory()
        let from = node.accounts[5].address
        let start = try node.nonce(of: from)
        let input = (0..<1000).map { "{\"value\": \"\($0)\"}" }.joined(separator: "\n")
        let signed = try sign(node, account: 5, directory, ["--nonce", String(start), "--gas", "21000", "--to", Self.recipient,
                                                            "--max-fee-per-gas", "10gwei", "--max-priority-fee-per-gas", "1gwei"], input: input)
        let sent = try BondBinary.run(["send-tx", "--rpc", node.rpc], input: signed.stdout)
        #expect(sent.status == 0, "\(sent.stderr)")
        #expect(sent.lines.count == 1000 && sent.lines.allSatisfy { $0["status"] as? String == "sent" })
        #expect(try node.nonce(of: from) == start + 1000)
    }

    @Test("resubmitting a mined transaction succeeds without a second one, whatever the node says",
          arguments: ["geth", "nethermind", "openethereum", "nonce-too-low", "pyevm"])
    func resubmission(style: String) throws {
        let node = try DevNode.running()
        let directory = try TemporaryDirectory()
        let from = node.accounts[6].address
        let start = try node.nonce(of: from)
        let signed = try sign(node, account: 6, directory, ["-n", "--nonce", String(start), "--gas", "21000", "--to", Self.recipient, "--gas-price", "5gwei"])
        #expect(try BondBinary.run(["send-tx", "--rpc", node.rpc], input: signed.stdout).status == 0)
        try node.control(["action": "resubmit-style", "style": style])
        defer { _ = try? node.control(["action": "resubmit-style", "style": "pyevm"]) }
        let again = try BondBinary.run(["-v", "send-tx", "--rpc", node.rpc, "--wait"], input: signed.stdout)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.lines.first?["status"] as? String == "mined")
        #expect(try node.nonce(of: from) == start + 1)
        if style != "pyevm" {
            let messages = ["geth": "already known", "nethermind": "AlreadyKnown",
                            "openethereum": "Transaction with the same hash was already imported.", "nonce-too-low": "nonce too low"]
            #expect(again.stderr.contains(messages[style]!))
        }
    }

    @Test("node down: 75 without --spool; spooled with it; signing goes on from the nonce file; a flush puts each on chain once, in order")
    func outage() throws {
        let node = try DevNode.running()
        let directory = try TemporaryDirectory()
        let key = try node.keyFile(7, in: directory)
        let from = node.accounts[7].address
        let nonces = directory.path("nonces.json")
        let spool = directory.path("spool")
        let offline = ["--chain-id", String(node.chainID), "--gas", "21000", "--max-fee-per-gas", "10gwei",
                       "--max-priority-fee-per-gas", "1gwei", "--to", Self.recipient, "--retries", "0"]
        // One transaction while the node is up records the nonce.
        let first = try BondBinary.run(["sign-tx", "--key-file", key, "--rpc", node.rpc, "--nonce-file", nonces] + offline, input: "{}\n")
        #expect(try BondBinary.run(["send-tx", "--rpc", node.rpc, "--wait"], input: first.stdout).status == 0)
        let start = try node.nonce(of: from)

        try node.control(["action": "down"])
        var upAgain = false
        defer { if !upAgain { _ = try? node.control(["action": "up"]) } }
        let signed = try BondBinary.run(["sign-tx", "--key-file", key, "--rpc", node.rpc, "--nonce-file", nonces] + offline,
                                        input: "{\"value\": \"1\"}\n{\"value\": \"2\"}\n{\"value\": \"3\"}\n")
        #expect(signed.status == 0, "\(signed.stderr)")
        #expect(signed.lines.map { $0["nonce"] as? String } == [String(start), String(start + 1), String(start + 2)])
        let unfilled = try BondBinary.run(["sign-tx", "--key-file", key, "--rpc", node.rpc, "--nonce-file", nonces, "--retries", "0", "-n"])
        #expect(unfilled.status == 75)
        #expect(unfilled.stderr.contains("cannot fill chainId, fees, gas: the node cannot be reached"))

        let refused = try BondBinary.run(["send-tx", "--rpc", node.rpc, "--retries", "0"], input: signed.stdout)
        #expect(refused.status == 75)
        #expect(refused.stdout == "")
        let spooled = try BondBinary.run(["send-tx", "--rpc", node.rpc, "--retries", "0", "--spool", spool], input: signed.stdout)
        #expect(spooled.status == 0)
        #expect(spooled.lines.map { $0["status"] as? String } == ["spooled", "spooled", "spooled"])
        let status = try BondBinary.run(["send-tx", "--spool-status", spool])
        #expect(status.lines.map { $0["nonce"] as? String } == [String(start), String(start + 1), String(start + 2)])

        try node.control(["action": "up"])
        upAgain = true
        let flushed = try BondBinary.run(["send-tx", "--rpc", node.rpc, "--flush", spool, "--wait"])
        #expect(flushed.status == 0, "\(flushed.stderr)")
        #expect(flushed.lines.map { $0["status"] as? String } == ["mined", "mined", "mined"])
        let blocks = flushed.lines.compactMap { ($0["block_number"] as? String).flatMap(Int.init) }
        #expect(blocks == blocks.sorted() && Set(blocks).count == 3)
        #expect(try node.nonce(of: from) == start + 3)
        #expect(try BondBinary.run(["send-tx", "--spool-status", spool]).stdout == "")
        let again = try BondBinary.run(["send-tx", "--rpc", node.rpc, "--flush", spool])
        #expect(again.status == 0 && again.stdout == "")
        #expect(try node.nonce(of: from) == start + 3)
    }

    @Test("a node answering HTML, 500, garbage, a cut body or too slowly gives a clear error and the right status", arguments: [
        ("html", ["--retries", "0"], 75, "answered HTTP 502: text/html '<html><body><h1>502 Bad Gateway</h1></body></html>'"),
        ("500", ["--retries", "1"], 75, "answered HTTP 500: text/plain 'Internal Server Error'"),
        ("garbage", ["--retries", "0"], 69, "answered eth_sendRawTransaction with application/json 'this is not JSON {', not JSON"),
        ("truncated", ["--retries", "0"], 75, "transfer closed"),
        ("slow", ["--retries", "0", "--timeout", "500ms"], 75, "timed out"),
    ] as [(String, [String], Int32, String)])
    func faults(mode: String, flags: [String], status: Int32, message: String) throws {
        let node = try DevNode.running()
        let directory = try TemporaryDirectory()
        let start = try node.nonce(of: node.accounts[8].address)
        let signed = try sign(node, account: 8, directory, ["-n", "--nonce", String(start), "--gas", "21000", "--to", Self.recipient, "--gas-price", "5gwei"])
        try node.control(["action": "fault", "mode": mode, "count": 2, "delay_ms": 2000])
        defer { _ = try? node.control(["action": "fault", "mode": mode, "count": 0]) }
        let result = try BondBinary.run(["send-tx", "--rpc", node.rpc] + flags, input: signed.stdout)
        #expect(result.status == status)
        #expect(result.stdout == "")
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(!result.stderr.dropLast().contains("\n"))
    }

    @Test("--confirmations waits for blocks on top; too few within --wait-timeout is 75")
    func confirmations() throws {
        let node = try DevNode.running()
        let directory = try TemporaryDirectory()
        let start = try node.nonce(of: node.accounts[10].address)
        let flags = ["--gas", "21000", "--to", Self.recipient, "--gas-price", "5gwei"]
        let first = try sign(node, account: 10, directory, ["-n", "--nonce", String(start)] + flags)
        #expect(try BondBinary.run(["send-tx", "--rpc", node.rpc], input: first.stdout).status == 0)
        let waiting = try BondBinary.run(["send-tx", "--rpc", node.rpc, "--wait", "--confirmations", "3", "--wait-timeout", "1s"], input: first.stdout)
        #expect(waiting.status == 75)
        #expect(waiting.stderr.contains("was sent but not confirmed within 1.0s"))
        try node.control(["action": "mine", "blocks": 3])
        let confirmed = try BondBinary.run(["send-tx", "--rpc", node.rpc, "--wait", "--confirmations", "3", "--wait-timeout", "5s"], input: first.stdout)
        #expect(confirmed.status == 0)
        #expect(confirmed.lines.first?["status"] as? String == "mined")
    }

    @Test("two flushes of one spool at once put each transaction on chain once")
    func concurrentFlush() throws {
        let node = try DevNode.running()
        let directory = try TemporaryDirectory()
        let from = node.accounts[11].address
        let start = try node.nonce(of: from)
        let spool = directory.path("spool")
        let signed = try sign(node, account: 11, directory, ["--nonce", String(start), "--gas", "21000", "--to", Self.recipient, "--gas-price", "5gwei"],
                              input: (1...6).map { "{\"value\": \"\($0)\"}" }.joined(separator: "\n"))
        try node.control(["action": "down"])
        let spooled = try BondBinary.run(["send-tx", "--rpc", node.rpc, "--retries", "0", "--spool", spool], input: signed.stdout)
        try node.control(["action": "up"])
        #expect(spooled.lines.count == 6)
        let script = "\"$0\" send-tx --rpc \"$1\" --flush \"$2\" > \"$2.a\" & \"$0\" send-tx --rpc \"$1\" --flush \"$2\" > \"$2.b\"; wait"
        let both = try ShellCommand.run("/bin/bash", ["-c", script, BondBinary.url.path, node.rpc, spool])
        #expect(both.stderr == "")
        let reported = try [spool + ".a", spool + ".b"].map { try String(contentsOfFile: $0, encoding: .utf8) }.joined()
        #expect(reported.split(separator: "\n").count == 6)
        #expect(try node.nonce(of: from) == start + 6)
    }

    @Test("a JSON-RPC batch is matched to its calls by id, errors kept per call")
    func batchCalls() throws {
        let node = try DevNode.running()
        let client = JSONRPCClient(url: node.rpc, http: try HTTPClient(options: HTTPOptions()))
        let results = try client.batch([("eth_chainId", []), ("eth_noSuchMethod", []), ("eth_blockNumber", [])])
        #expect(results.count == 3)
        #expect(try results[0].get().quantity == node.chainID)
        guard case .failure(.rpc(let error)) = results[1] else {
            Issue.record("expected a JSON-RPC error, got \(results[1])")
            return
        }
        #expect(error.code == -32601)
        #expect(try results[2].get().quantity != nil)
    }

    @Test("no node given is a usage error; plain http to a public host is refused")
    func noNode() throws {
        let none = try BondBinary.run(["send-tx"], stdin: Data(), environment: [:])
        #expect(none.status == 64)
        #expect(none.stderr == "bond send-tx: error: no node: give --rpc URL, or set BOND_RPC_URL or ETH_RPC_URL\n")
        let plain = try BondBinary.run(["send-tx", "--rpc", "http://rpc.example.com/"], input: "")
        #expect(plain.status == 64)
        #expect(plain.stderr.contains("refusing plain http to 'http://rpc.example.com/'"))
        let fromEnvironment = try BondBinary.run(["send-tx"], stdin: Data(), environment: ["ETH_RPC_URL": "http://rpc.example.com/"])
        #expect(fromEnvironment.status == 64)
    }
}
}
