import Encoding

/// A transaction as a user describes it before signing: any subset of the fields, read from a
/// JSON object (JSON-RPC's camelCase names, with snake_case aliases) or from options. Missing
/// fields are filled from defaults (``filled(from:)``: a field the request carries wins), and
/// ``transaction(withoutChainID:)`` checks that what remains makes one transaction.
public struct TransactionRequest: Equatable, Sendable {
    /// `to`; `.some(nil)` is an explicit `null`: a contract creation that no default overrides.
    public var to: Address??
    public var value: UInt256?
    public var nonce: UInt64?
    public var gas: UInt64?
    public var gasPrice: UInt256?
    public var maxFeePerGas: UInt256?
    public var maxPriorityFeePerGas: UInt256?
    public var chainID: UInt64?
    public var type: TransactionType?
    public var data: [UInt8]?
    public var accessList: [AccessListEntry]?
    /// A function call whose calldata becomes `data`.
    public var call: (signature: FunctionSignature, arguments: [ABIValue])?
    /// The sender the request expects; checked against the signing key.
    public var from: Address?

    public init() {}

    /// The JSON keys a request may have, each with its aliases.
    public static let fields: [(name: String, aliases: [String])] = [
        ("to", []), ("value", []), ("nonce", []), ("gas", []), ("gasPrice", ["gas_price"]),
        ("maxFeePerGas", ["max_fee_per_gas"]), ("maxPriorityFeePerGas", ["max_priority_fee_per_gas"]),
        ("chainId", ["chain_id"]), ("type", []), ("data", ["input"]), ("accessList", ["access_list"]),
        ("call", []), ("from", []),
    ]

    /// Reads a request from a JSON object.
    /// - Throws: ``TransactionRequestError`` naming the field: an unknown key (with the closest
    ///   known one: a typo must never sign a different transaction), a key given twice through
    ///   an alias, or a value of the wrong kind or out of its range.
    public init(json object: JSONObjectValue) throws(TransactionRequestError) {
        var seen: [String: String] = [:]
        for key in object.keys {
            guard let field = TransactionRequest.fields.first(where: { $0.name == key || $0.aliases.contains(key) }) else {
                let names = TransactionRequest.fields.flatMap { [$0.name] + $0.aliases }
                let closest = Suggestion.closest(to: key, among: names)
                    ?? names.first { $0.lowercased().replacingUnderscores == key.lowercased().replacingUnderscores }
                throw .unknownField(key, suggestion: closest)
            }
            if let earlier = seen[field.name] { throw .duplicateField(key, earlier: earlier) }
            seen[field.name] = key
        }
        func value(_ name: String) -> (key: String, value: JSONValue)? {
            guard let key = seen[name], let value = object[key] else { return nil }
            return (key, value)
        }
        if let (key, json) = value("to") {
            to = json == .null ? .some(nil) : .some(try Self.address(json, key))
        }
        if let (key, json) = value("value") { self.value = try Self.amount(json, key) }
        if let (key, json) = value("nonce") { nonce = try Self.uint64(json, key) }
        if let (key, json) = value("gas") { gas = try Self.uint64(json, key) }
        if let (key, json) = value("gasPrice") { gasPrice = try Self.amount(json, key) }
        if let (key, json) = value("maxFeePerGas") { maxFeePerGas = try Self.amount(json, key) }
        if let (key, json) = value("maxPriorityFeePerGas") { maxPriorityFeePerGas = try Self.amount(json, key) }
        if let (key, json) = value("chainId") { chainID = try Self.uint64(json, key) }
        if let (key, json) = value("type") { type = try Self.type(json, key) }
        if let (key, json) = value("data") { data = try Self.hexData(json, key) }
        if let (key, json) = value("accessList") { accessList = try Self.accessList(json, key) }
        if let (key, json) = value("call") { call = try Self.call(json, key) }
        if let (key, json) = value("from") { from = try Self.address(json, key) }
        if data != nil && call != nil { throw .invalid("call", "a transaction takes data or call, not both") }
    }

    /// This request with every field it lacks taken from `defaults`. Fee fields come as a
    /// group: when the request has any fee field, it takes none from `defaults`, so a default
    /// of one transaction type never mixes into a request of another.
    public func filled(from defaults: TransactionRequest) -> TransactionRequest {
        var out = self
        if out.to == nil { out.to = defaults.to }
        out.value = value ?? defaults.value
        out.nonce = nonce ?? defaults.nonce
        out.gas = gas ?? defaults.gas
        out.chainID = chainID ?? defaults.chainID
        out.type = type ?? defaults.type
        if data == nil && call == nil {
            out.data = defaults.data
            out.call = defaults.call
        }
        out.accessList = accessList ?? defaults.accessList
        out.from = from ?? defaults.from
        if gasPrice == nil && maxFeePerGas == nil && maxPriorityFeePerGas == nil {
            out.gasPrice = defaults.gasPrice
            out.maxFeePerGas = defaults.maxFeePerGas
            out.maxPriorityFeePerGas = defaults.maxPriorityFeePerGas
        }
        return out
    }

    /// The transaction type this request makes: the explicit `type` if given, else 2 when
    /// `maxFeePerGas` is present, else 1 when `accessList` is present, else legacy.
    public var resolvedType: TransactionType {
        if let type { return type }
        if maxFeePerGas != nil || maxPriorityFeePerGas != nil { return .dynamicFee }
        if accessList != nil { return .accessList }
        return .legacy
    }

    /// The transaction, once every field it needs is present.
    /// - Parameter withoutChainID: sign a legacy transaction without EIP-155 replay protection
    ///   (only when asked for explicitly).
    /// - Throws: ``TransactionError`` naming a missing field, fee fields that do not fit the
    ///   type, or a chain id (or a typed transaction) where none was asked for.
    public func transaction(withoutChainID: Bool) throws(TransactionError) -> Transaction {
        let type = resolvedType
        guard let nonce else { throw .missingField(.nonce) }
        guard let gas else { throw .missingField(.gas) }
        if withoutChainID {
            if let chainID { throw .chainIDWithoutProtection(chainID) }
            guard type == .legacy else { throw .typedWithoutChainID(type.rawValue) }
        } else if chainID == nil {
            throw .missingField(.chainIDOrNone)
        }
        if type == .legacy && gasPrice == nil && maxFeePerGas == nil && maxPriorityFeePerGas == nil {
            throw .missingField(.anyFee)
        }
        let payload = call.map { $0.signature.calldata($0.arguments) } ?? data ?? []
        return try Transaction(type: type, chainID: chainID, nonce: nonce, gasPrice: gasPrice,
                               maxPriorityFeePerGas: maxPriorityFeePerGas, maxFeePerGas: maxFeePerGas, gas: gas,
                               to: to ?? nil, value: value ?? .zero, data: payload, accessList: accessList ?? [])
    }

    // MARK: - Reading values

    /// An amount of wei: a JSON number, or a string with a decimal, hex or unit quantity.
    /// - Throws: ``TransactionRequestError`` naming `key`: not a quantity, negative, a
    ///   fraction of a wei, or above 2^256-1.
    public static func amount(_ json: JSONValue, _ key: String) throws(TransactionRequestError) -> UInt256 {
        do {
            switch json {
            case .number(let text): return try Quantity.parse(jsonNumber: text)
            case .string(let text): return try Quantity.parse(text)
            default: throw TransactionRequestError.wrongKind(key, expected: "a number or a quantity string", got: json.kindDescription)
            }
        } catch let error as TransactionRequestError {
            throw error
        } catch let error as QuantityError {
            throw .invalid(key, error.description)
        } catch {
            throw .invalid(key, "\(error)")
        }
    }

    /// A whole number up to 2^64-1 (nonce, gas, chain id): a JSON number or a decimal or hex
    /// string; no units.
    /// - Throws: ``TransactionRequestError`` naming `key`: not a whole number, or above 2^64-1.
    public static func uint64(_ json: JSONValue, _ key: String) throws(TransactionRequestError) -> UInt64 {
        let maximum = UInt256(UInt64.max)
        let value: UInt256
        do {
            switch json {
            case .number(let text):
                value = try Quantity.parse(jsonNumber: text, maximum: maximum)
            case .string(let text):
                let trimmed = text.trimmingASCIIWhitespace
                guard trimmed.hasPrefix("0x") || trimmed.hasPrefix("0X") || trimmed.hasPrefix("-") || (!trimmed.isEmpty && trimmed.allSatisfy(\.isASCIIDigit)) else {
                    throw QuantityError.notANumber(text)
                }
                value = try Quantity.parse(trimmed, maximum: maximum)
            default:
                throw TransactionRequestError.wrongKind(key, expected: "a whole number", got: json.kindDescription)
            }
        } catch let error as TransactionRequestError {
            throw error
        } catch let error as QuantityError {
            if case .notANumber(let text) = error { throw .invalid(key, "'\(text)' is not a whole number") }
            throw .invalid(key, error.description)
        } catch {
            throw .invalid(key, "\(error)")
        }
        return value.uint64 ?? 0
    }

    /// An address (EIP-55 checksummed, or all lower or upper case).
    /// - Throws: ``TransactionRequestError`` naming `key`: not a string, or not an address.
    public static func address(_ json: JSONValue, _ key: String) throws(TransactionRequestError) -> Address {
        guard case .string(let text) = json else { throw .wrongKind(key, expected: "an address string", got: json.kindDescription) }
        do {
            return try Address(text)
        } catch {
            throw .invalid(key, error.description)
        }
    }

    /// A transaction type: 0 (legacy), 1 (EIP-2930) or 2 (EIP-1559).
    /// - Throws: ``TransactionRequestError`` naming `key` for another number.
    public static func type(_ json: JSONValue, _ key: String) throws(TransactionRequestError) -> TransactionType {
        let number = try uint64(json, key)
        guard number <= 2, let type = TransactionType(rawValue: UInt8(number)) else {
            throw .invalid(key, "type \(number) is not one bond signs (0 legacy, 1 EIP-2930, 2 EIP-1559)")
        }
        return type
    }

    /// Bytes as a hex string (`0x` optional).
    /// - Throws: ``TransactionRequestError`` naming `key`: not a string, or not hex.
    public static func hexData(_ json: JSONValue, _ key: String) throws(TransactionRequestError) -> [UInt8] {
        guard case .string(let text) = json else { throw .wrongKind(key, expected: "a hex string", got: json.kindDescription) }
        do {
            return try Hex.decode(text)
        } catch {
            throw .invalid(key, error.description)
        }
    }

    static func accessList(_ json: JSONValue, _ key: String) throws(TransactionRequestError) -> [AccessListEntry] {
        guard case .array(let entries) = json else { throw .wrongKind(key, expected: "an array", got: json.kindDescription) }
        var list: [AccessListEntry] = []
        for (i, entry) in entries.enumerated() {
            let path = "\(key)[\(i)]"
            guard let object = entry.objectValue else { throw .wrongKind(path, expected: "an object", got: entry.kindDescription) }
            for member in object.keys where !["address", "storageKeys", "storage_keys"].contains(member) {
                throw .unknownField("\(path).\(member)", suggestion: Suggestion.closest(to: member, among: ["address", "storageKeys"]))
            }
            guard let addressJSON = object["address"] else { throw .invalid(path, "missing address") }
            let address = try Self.address(addressJSON, "\(path).address")
            var keys: [[UInt8]] = []
            if let keysJSON = object["storageKeys"] ?? object["storage_keys"] {
                guard case .array(let items) = keysJSON else {
                    throw .wrongKind("\(path).storageKeys", expected: "an array", got: keysJSON.kindDescription)
                }
                for (j, item) in items.enumerated() {
                    let storageKey = try hexData(item, "\(path).storageKeys[\(j)]")
                    guard storageKey.count == 32 else {
                        throw .invalid("\(path).storageKeys[\(j)]", "a storage key is 32 bytes, this one \(storageKey.count)")
                    }
                    keys.append(storageKey)
                }
            }
            list.append(AccessListEntry(address: address, storageKeys: keys))
        }
        return list
    }

    static func call(_ json: JSONValue, _ key: String) throws(TransactionRequestError) -> (signature: FunctionSignature, arguments: [ABIValue]) {
        guard let object = json.objectValue else { throw .wrongKind(key, expected: "an object with function and args", got: json.kindDescription) }
        for member in object.keys where member != "function" && member != "args" {
            throw .unknownField("\(key).\(member)", suggestion: Suggestion.closest(to: member, among: ["function", "args"]))
        }
        guard case .string(let text)? = object["function"] else { throw .invalid("\(key).function", "missing or not a string") }
        let arguments: [JSONValue]
        switch object["args"] {
        case nil: arguments = []
        case .array(let items)?: arguments = items
        case let other?: throw .wrongKind("\(key).args", expected: "an array", got: other.kindDescription)
        }
        do {
            let signature = try FunctionSignature(text)
            return (signature, try ABIArguments.values(arguments, for: signature))
        } catch {
            throw .invalid(key, error.description)
        }
    }

    public static func == (a: TransactionRequest, b: TransactionRequest) -> Bool {
        a.to == b.to && a.value == b.value && a.nonce == b.nonce && a.gas == b.gas && a.gasPrice == b.gasPrice
            && a.maxFeePerGas == b.maxFeePerGas && a.maxPriorityFeePerGas == b.maxPriorityFeePerGas
            && a.chainID == b.chainID && a.type == b.type && a.data == b.data && a.accessList == b.accessList
            && a.call?.signature == b.call?.signature && a.call?.arguments == b.call?.arguments && a.from == b.from
    }
}

extension String {
    var replacingUnderscores: String { filter { $0 != "_" } }
}
