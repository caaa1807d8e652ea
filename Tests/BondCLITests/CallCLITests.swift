import Foundation
import Testing

extension DevNodeSuite {
    /// `bond call` against a registry on the dev node.
    @Suite("bond call")
    struct CallCLITests {
        @Test("decodes several return values, as cast's sig(args)(returns) writes them")
        func returns() throws {
            let testbed = try OriginTestbed("producer")
            let meter = testbed.node.accounts[OriginTestbed.meterAccount("producer")].address
            let call = try BondBinary.run(["call", "--rpc", testbed.node.rpc, "--to", testbed.contract, "--function",
                                           "getAssetGeneral(uint256)(address,address,uint256,uint256,bool,bytes32)", "--arg", "0"])
            #expect(call.status == 0, "\(call.stderr)")
            let outputs = try #require(call.line["outputs"] as? [Any])
            #expect(outputs.count == 6)
            #expect(outputs[0] as? String == meter)
            #expect(outputs[3] as? String == "0")
            #expect(outputs[4] as? Bool == true)
            #expect(outputs[5] as? String == "0x" + String(repeating: "0", count: 64))
            #expect((call.line["data"] as? String)?.count == 2 + 6 * 64)
            let count = try BondBinary.run(["call", "--rpc", testbed.node.rpc, "--to", testbed.contract, "--function", "getAssetListLength()(uint256)",
                                            "--block", "latest"])
            #expect(count.line["outputs"] as? [String] == ["1"])
        }

        @Test("sign-tx --rpc refuses a --chain-id that is not the node's (65)")
        func chainMismatch() throws {
            let node = try DevNode.running()
            let directory = try TemporaryDirectory()
            let key = try node.keyFile(OriginTestbed.deployerAccount, in: directory)
            let signed = try BondBinary.run(["sign-tx", "-n", "--key-file", key, "--rpc", node.rpc, "--chain-id", "73799", "--gas", "21000",
                                             "--gas-price", "1gwei", "--to", "0x" + String(repeating: "35", count: 20)])
            #expect(signed.status == 65)
            #expect(signed.stderr.hasSuffix("chain id 73799 was given, but the node is on chain \(node.chainID): sign for the node's chain, or give the right --rpc\n"))
            #expect(signed.stdout.isEmpty)
        }

        @Test("a reverted call exits 69 with the contract's reason; no contract, 69; bad options, 64")
        func failures() throws {
            let testbed = try OriginTestbed("consumer")
            let deployer = testbed.node.accounts[OriginTestbed.deployerAccount].address
            let reverted = try BondBinary.run(["call", "--rpc", testbed.node.rpc, "--to", testbed.contract, "--caller", deployer, "--function",
                                               "saveSmartMeterRead(uint256,uint256,bytes32,bool)", "--arg", "0", "--arg", "5",
                                               "--arg", "0x" + String(repeating: "11", count: 32), "--arg", "false"])
            #expect(reverted.status == 69)
            #expect(reverted.stderr.contains("sender is not the asset's smart meter"), "\(reverted.stderr)")
            let nothing = try BondBinary.run(["call", "--rpc", testbed.node.rpc, "--to", "0x" + String(repeating: "42", count: 20),
                                              "--function", "getLastSmartMeterReadFileHash(uint256)(bytes32)", "--arg", "0"])
            #expect(nothing.status == 69)
            #expect(nothing.stderr.contains("returned no data"))
            for (arguments, message) in [
                (["--function", "f()(uint256)"], "which contract? give --to ADDRESS"),
                (["--to", testbed.contract], "which function? give --function 'name(types)(return types)'"),
                (["--to", testbed.contract, "--function", "f()(uint256)", "--block", "yesterday"], "--block: 'yesterday' is not a block tag or number"),
            ] {
                let result = try BondBinary.run(["call", "--rpc", testbed.node.rpc] + arguments)
                #expect(result.status == 64)
                #expect(result.stderr == "bond call: error: \(message)\n")
            }
        }
    }
}
