import Encoding
import Ethereum

/// The output line of a signed transaction (bond-sign-tx(1), DESCRIPTION): `raw`, `hash`,
/// `from`, `to`, `type`, `chain_id`, `nonce`, `gas`, `value`, `data`, the fee fields of its type,
/// `access_list` (typed), `v` (legacy, a decimal string) or `y_parity` (typed), `r`, `s`.
/// Quantities are decimal strings; addresses EIP-55; r and s 32 bytes of hex.
enum TransactionLine {
    static func object(_ signed: SignedTransaction) -> JSONObject {
        let transaction = signed.transaction
        var line = JSONObject(capacity: 512 + transaction.data.count * 2 + signed.raw.count * 2)
        line.hex("raw", signed.raw)
        line.hex("hash", signed.hash)
        line.string("from", signed.from.checksummed)
        if let to = transaction.to { line.string("to", to.checksummed) } else { line.null("to") }
        line.integer("type", Int(transaction.type.rawValue))
        if let chainID = transaction.chainID { line.string("chain_id", String(chainID)) } else { line.null("chain_id") }
        line.string("nonce", String(transaction.nonce))
        line.string("gas", String(transaction.gas))
        line.string("value", transaction.value.description)
        line.hex("data", transaction.data)
        switch transaction.type {
        case .legacy, .accessList:
            line.string("gas_price", (transaction.gasPrice ?? .zero).description)
        case .dynamicFee:
            line.string("max_fee_per_gas", (transaction.maxFeePerGas ?? .zero).description)
            line.string("max_priority_fee_per_gas", (transaction.maxPriorityFeePerGas ?? .zero).description)
        }
        if transaction.type != .legacy {
            line.value("access_list", .array(transaction.accessList.map { entry in
                .object(JSONObjectValue([
                    ("address", .string(entry.address.checksummed)),
                    ("storage_keys", .array(entry.storageKeys.map { .string(Hex.encode($0)) })),
                ]))
            }))
        }
        if let v = signed.v {
            line.string("v", v.description)
        } else {
            line.integer("y_parity", Int(signed.yParity ?? 0))
        }
        line.hex("r", signed.signature.r)
        line.hex("s", signed.signature.s)
        return line
    }
}
