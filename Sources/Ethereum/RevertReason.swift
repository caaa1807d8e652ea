import Encoding

/// What a node says when a call reverts (Solidity's revert data): its message, and the reason
/// when the data is an `Error(string)` (selector 0x08c379a0) or a `Panic(uint256)`
/// (0x4e487b71) as the Solidity documentation defines them.
public enum RevertReason {
    /// The node's message, then the decoded reason or panic code, or else the raw data.
    public static func describe(_ error: JSONRPCError) -> String {
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
