/// A block as JSON-RPC's block parameter names it (Ethereum execution API): a tag (`latest`,
/// `pending`, `earliest`, `safe`, `finalized`) or a number, sent as a 0x quantity.
public struct BlockTag: Equatable, Sendable {
    /// What a call sends: the tag, or the number as `0x` hex without leading zeros.
    public let parameter: String

    /// The tags the execution API defines.
    public static let tags = ["latest", "pending", "earliest", "safe", "finalized"]

    public static let latest = BlockTag(parameter: "latest")

    private init(parameter: String) {
        self.parameter = parameter
    }

    /// A tag, or a block number in decimal or `0x` hex (up to 2^64-1); nil for anything else.
    public init?(_ text: String) {
        if BlockTag.tags.contains(text) {
            parameter = text
        } else if let number = UInt64(text) {
            parameter = "0x" + String(number, radix: 16)
        } else if text.hasPrefix("0x"), let number = UInt64(text.dropFirst(2), radix: 16) {
            parameter = "0x" + String(number, radix: 16)
        } else {
            return nil
        }
    }

    /// The block with this number.
    public init(number: UInt64) {
        parameter = "0x" + String(number, radix: 16)
    }
}
