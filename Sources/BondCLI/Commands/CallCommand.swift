import Encoding
import Ethereum
import HTTP

/// `bond call`: reads contract state with eth_call and decodes what it returns (bond-call(1)),
/// as Foundry's `cast call` does.
enum CallCommand {
    static let spec = CommandSpec(
        "call",
        summary: "read contract state: eth_call a function and decode its return values",
        details: "Calls --function with the --arg values on the contract --to at --block and decodes the return data as the return types written after the arguments, as in cast: 'getLastSmartMeterReadFileHash(uint256)(bytes32)'. The node is --rpc, else BOND_RPC_URL, else ETH_RPC_URL.",
        options: [
            OptionSpec("rpc", .text(placeholder: "URL"), help: "the node's JSON-RPC URL (else BOND_RPC_URL, else ETH_RPC_URL)"),
            OptionSpec("to", .text(placeholder: "ADDRESS"), help: "the contract"),
            OptionSpec("function", .text(placeholder: "SIG"), help: "name(types)(return types), e.g. 'balanceOf(address)(uint256)'"),
            OptionSpec("arg", .text(placeholder: "VALUE"), repeatable: true, help: "an argument of --function, in order (repeat it)"),
            OptionSpec("caller", .text(placeholder: "ADDRESS"), help: "the caller the contract sees (msg.sender; cast's --from)"),
            OptionSpec("block", .text(placeholder: "BLOCK"), help: "latest (default), pending, earliest, safe, finalized, or a block number"),
        ] + HTTPFlags.options,
        run: run
    )

    static func run(_ invocation: Invocation) throws -> ExitStatus {
        let arguments = invocation.arguments
        guard let toText = arguments.text("to") else { throw CommandFailure.usage("which contract? give --to ADDRESS") }
        guard let function = arguments.text("function") else {
            throw CommandFailure.usage("which function? give --function 'name(types)(return types)'")
        }
        let to = try Address(toText)
        let from = try arguments.text("caller").map { try Address($0) }
        let signature = try FunctionSignature(function)
        let values = try ABIArguments.values(texts: arguments.texts("arg"), for: signature)
        let block = try blockTag(arguments.text("block") ?? "latest")
        let node = try HTTPFlags.nodeFromEnvironment(invocation)
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
        line.string("block", block)
        line.value("outputs", .array(outputs.map(ABIValueJSON.json)))
        line.hex("data", data)
        try invocation.output.write(line)
        return .ok
    }

    /// A block tag, or a decimal or 0x block number as the 0x quantity JSON-RPC wants.
    static func blockTag(_ text: String) throws -> String {
        if ["latest", "pending", "earliest", "safe", "finalized"].contains(text) { return text }
        if let number = UInt64(text) { return "0x" + String(number, radix: 16) }
        if text.hasPrefix("0x"), let number = UInt64(text.dropFirst(2), radix: 16) { return "0x" + String(number, radix: 16) }
        throw CommandFailure.usage("--block: '\(MessageText.sanitized(text, limit: 80))' is not a block tag or number")
    }
}

/// What a node says when a call reverts: its message, and the reason when the data is an
/// Error(string) (selector 0x08c379a0) or a Panic(uint256) (0x4e487b71).
enum RevertReason {
    static func describe(_ error: JSONRPCError) -> String {
        guard case .string(let hex)? = error.data, let data = try? Hex.decode(hex), data.count >= 4 else { return error.message }
        let body = Array(data.dropFirst(4))
        switch Array(data.prefix(4)) {
        case [0x08, 0xC3, 0x79, 0xA0]:
            if case .string(let reason)? = try? ABIDecoder.decode([.string], from: body).first {
                return "\(error.message): \(MessageText.sanitized(reason, limit: 500))"
            }
        case [0x4E, 0x48, 0x7B, 0x71]:
            if case .uint(let code)? = try? ABIDecoder.decode([.uint(256)], from: body).first {
                return "\(error.message): panic \(code)"
            }
        default:
            break
        }
        return "\(error.message) (\(Hex.encode(data)))"
    }
}
