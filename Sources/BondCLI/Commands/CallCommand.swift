import Encoding
import Ethereum
import HTTP

/// `bond call`: reads contract state with eth_call and decodes what it returns (bond-call(1)),
/// as Foundry's `cast call` does.
enum CallCommand {
    /// The options of `bond call`.
    enum Option {
        static let to = OptionSpec("to", .text(placeholder: "ADDRESS"), help: "the contract")
        static let function = OptionSpec("function", .text(placeholder: "SIG"), help: "name(types)(return types), e.g. 'balanceOf(address)(uint256)'")
        static let arg = OptionSpec("arg", .text(placeholder: "VALUE"), repeatable: true, help: "an argument of --function, in order (repeat it)")
            .requiring("function", dependent: true)
        static let caller = OptionSpec("caller", .text(placeholder: "ADDRESS"), help: "the caller the contract sees (msg.sender; cast's --from)")
        static let block = OptionSpec("block", .text(placeholder: "BLOCK"), help: "latest (default), pending, earliest, safe, finalized, or a block number")
    }

    static let spec = CommandSpec(
        "call",
        summary: "read contract state: eth_call a function and decode its return values",
        details: "Calls --function with the --arg values on the contract --to at --block and decodes the return data as the return types written after the arguments, as in cast: 'getLastSmartMeterReadFileHash(uint256)(bytes32)'. The node is --rpc, else BOND_RPC_URL, else ETH_RPC_URL.",
        options: [HTTPFlags.rpc, Option.to, Option.function, Option.arg, Option.caller, Option.block] + HTTPFlags.options,
        run: run
    )

    static func run(_ invocation: Invocation) throws -> ExitStatus {
        let arguments = invocation.arguments
        guard let toText = arguments.text(Option.to) else { throw CommandFailure.usage("which contract? give --to ADDRESS") }
        guard let function = arguments.text(Option.function) else {
            throw CommandFailure.usage("which function? give --function 'name(types)(return types)'")
        }
        let to = try Address(toText)
        let from = try arguments.text(Option.caller).map { try Address($0) }
        let signature = try FunctionSignature(function)
        let values = try ABIArguments.values(texts: arguments.texts(Option.arg), for: signature)
        let blockText = arguments.text(Option.block) ?? "latest"
        guard let block = BlockTag(blockText) else {
            throw CommandFailure.usage("--block: '\(MessageText.sanitized(blockText, limit: 80))' is not a block tag or number")
        }
        let node = try HTTPFlags.rpcNode(invocation)
        let result = Result { () throws(JSONRPCFailure) -> [UInt8] in
            try node.call(to: to, data: signature.calldata(values), from: from, block: block)
        }
        if case .failure(.rpc(let error)) = result {
            throw CommandFailure(.unavailable, "\(signature.canonical) on \(to.checksummed): \(RevertReason.describe(error))")
        }
        let data = try result.get()
        if data.isEmpty && !signature.outputs.isEmpty {
            throw CommandFailure(.unavailable, "\(signature.canonical) on \(to.checksummed) returned no data: is there a contract at that address with that function?")
        }
        let outputs = try ABIDecoder.decode(signature.outputs, from: data)
        var line = JSONObject()
        line.string("to", to.checksummed)
        line.string("function", signature.description)
        line.string("block", block.parameter)
        line.value("outputs", .array(outputs.map(ABIValueJSON.json)))
        line.hex("data", data)
        try invocation.output.write(line)
        return .ok
    }
}
