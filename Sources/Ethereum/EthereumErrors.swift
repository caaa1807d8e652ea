import Encoding
import ErrorCategories
import Files
import Hashing
import HTTP

/// Why an ABI signature, argument or encoding is not usable.
public enum ABIError: CategorizedError, Equatable, Sendable {
    case badType(String)
    case badSignature(String)
    /// An argument that does not fit its type; `path` names it (`argument 2`, `argument 1[3]`).
    case badValue(path: String, reason: String)
    case wrongArgumentCount(expected: Int, given: Int, signature: String)
    /// Return data that does not decode as the declared types.
    case badData(String)

    public var category: ErrorCategory { .badInput }

    public var description: String {
        switch self {
        case .badType(let reason): return reason
        case .badSignature(let reason): return reason
        case .badValue(let path, let reason): return "\(path): \(reason)"
        case .wrongArgumentCount(let expected, let given, let signature):
            return "\(signature) takes \(expected) argument\(expected == 1 ? "" : "s"), \(given) given"
        case .badData(let reason): return "return data: \(reason)"
        }
    }
}

/// Why a text is not an address.
public enum AddressError: CategorizedError, Equatable, Sendable {
    case missingPrefix(String)
    case wrongLength(String, digits: Int)
    case notHex(String)
    case badChecksum(String, expected: String)

    public var category: ErrorCategory { .badInput }

    public var description: String {
        switch self {
        case .missingPrefix(let text):
            return "address '\(text)' must start with 0x"
        case .wrongLength(let text, let digits):
            return "address '\(text)' has \(digits) hex digits, not 40"
        case .notHex(let text):
            return "address '\(text)' is not hex"
        case .badChecksum(let text, let expected):
            return "address '\(text)' has a wrong EIP-55 checksum: expected \(expected) (or all lower or upper case)"
        }
    }
}

/// A JSON-RPC error object as the node sent it.
public struct JSONRPCError: CategorizedError, Equatable, Sendable {
    public let code: Int
    public let message: String
    public let data: JSONValue?

    init?(_ json: JSONValue) {
        guard let object = json.objectValue, case .number(let code)? = object["code"], let codeValue = Int(code),
              case .string(let message)? = object["message"] else { return nil }
        self.code = codeValue
        self.message = message
        self.data = object["data"]
    }

    public var category: ErrorCategory { .refused }

    public var description: String {
        "node error \(code): \(message)" + (data.map { " (data: \(JSONWriter.text($0)))" } ?? "")
    }
}

/// Why a JSON-RPC call failed.
public enum JSONRPCFailure: CategorizedError, Equatable, Sendable {
    /// The HTTP exchange failed (unreachable, timeout, error status).
    case http(HTTPError)
    /// The node answered with a JSON-RPC error.
    case rpc(JSONRPCError)
    /// The node answered with something that is not a JSON-RPC response.
    case malformed(String)

    public var category: ErrorCategory {
        switch self {
        case .http(let error): return error.category
        case .rpc, .malformed: return .refused
        }
    }

    public var description: String { description(naming: { _ in nil }) }

    public func description(naming name: (String) -> String?) -> String {
        switch self {
        case .http(let error): return error.description(naming: name)
        case .rpc(let error): return error.description
        case .malformed(let reason): return reason
        }
    }

    /// Whether a later attempt may succeed (a temporary failure).
    public var isTemporary: Bool {
        if case .http(let error) = self { return error.isTemporary }
        return false
    }
}

/// A nonce file that bond cannot read.
public enum NonceFileError: CategorizedError, Equatable, Sendable {
    case malformed(String, String)

    public var category: ErrorCategory { .badInput }

    public var description: String {
        switch self {
        case .malformed(let path, let reason): return "nonce file \(FileFailure.quoted(path)): \(reason)"
        }
    }
}

/// Why a text is not a quantity bond accepts.
public enum QuantityError: CategorizedError, Equatable, Sendable {
    case notANumber(String)
    case negative(String)
    case tooLarge(String, maximum: UInt256)
    case fractionOfWei(String)

    public var category: ErrorCategory { .badInput }

    public var description: String {
        switch self {
        case .notANumber(let text):
            return "'\(text)' is not a quantity: expected a whole number, a 0x hex quantity, or a number with a unit (wei, gwei, ether)"
        case .negative(let text):
            return "'\(text)' is negative"
        case .tooLarge(let text, let maximum):
            return "'\(text)' is larger than \(maximum == .max ? "2^256-1" : maximum == UInt256(UInt64.max) ? "2^64-1" : maximum.description)"
        case .fractionOfWei(let text):
            return "'\(text)' has a fraction of a wei"
        }
    }
}

/// Why a transaction could not be built or decoded.
public enum TransactionError: CategorizedError, Equatable, Sendable {
    /// A required field is missing: ``MissingField`` says which, and what would give it.
    case missingField(MissingField)
    /// Fee fields or an access list that do not fit the type.
    case feeMismatch(String)
    /// Raw bytes that are not a canonical signed transaction.
    case malformed(String)
    /// A chain id came with the request to sign without one (key `chainId:none`).
    case chainIDWithoutProtection(UInt64)
    /// A typed transaction (this type) cannot go without a chain id.
    case typedWithoutChainID(UInt8)
    /// A ``NonceSequence`` counted past 2^64-1; the advice names its first nonce by the key
    /// `nonce`.
    case noncesExhausted

    /// The fields a transaction may lack, as its JSON names them. The advice names each by
    /// its field key (`gasPrice`), and `chainId:none` for signing without EIP-155.
    public enum MissingField: Sendable, Equatable {
        case nonce, gas
        /// A legacy transaction may instead go without one (pre-EIP-155).
        case chainIDOrNone
        /// A typed transaction needs one.
        case chainID
        case gasPrice
        /// maxFeePerGas and maxPriorityFeePerGas (EIP-1559).
        case dynamicFees
        /// Either gasPrice, or maxFeePerGas with maxPriorityFeePerGas.
        case anyFee

        /// How a message names the missing field.
        var shown: String {
            switch self {
            case .nonce: return "nonce"
            case .gas: return "gas"
            case .chainID, .chainIDOrNone: return "chainId"
            case .gasPrice: return "gasPrice"
            case .dynamicFees: return "maxFeePerGas and maxPriorityFeePerGas"
            case .anyFee: return "a fee"
            }
        }

        /// What else gives the field, in the words `name` has for the keys; nil when it has
        /// none.
        func remedy(_ name: (String) -> String?) -> String? {
            switch self {
            case .nonce: return name("nonce")
            case .gas: return name("gas")
            case .chainID: return name("chainId")
            case .chainIDOrNone:
                guard let give = name("chainId"), let none = name("chainId:none") else { return nil }
                return "\(give) (or \(none) for a legacy transaction without EIP-155)"
            case .gasPrice: return name("gasPrice")
            case .dynamicFees:
                guard let cap = name("maxFeePerGas"), let tip = name("maxPriorityFeePerGas") else { return nil }
                return "\(cap) and \(tip)"
            case .anyFee:
                guard let price = name("gasPrice"), let cap = name("maxFeePerGas"), let tip = name("maxPriorityFeePerGas") else { return nil }
                return "\(price), or \(cap) and \(tip)"
            }
        }
    }

    public var category: ErrorCategory { .badInput }

    public var description: String { description(naming: { _ in nil }) }

    public func description(naming name: (String) -> String?) -> String {
        switch self {
        case .missingField(let field):
            return "missing \(field.shown): give it in the transaction" + (field.remedy(name).map { " or with \($0)" } ?? "")
        case .feeMismatch(let reason): return reason
        case .malformed(let reason): return "not a signed transaction: \(reason)"
        case .chainIDWithoutProtection(let chainID):
            return "chainId \(chainID) given with " + (name("chainId:none") ?? "a request to sign without one")
        case .noncesExhausted:
            return "\(name("nonce") ?? "the nonce sequence") counted past 2^64-1"
        case .typedWithoutChainID(let type):
            return (name("chainId:none").map { "\($0) signs legacy transactions only" } ?? "only a legacy transaction goes without a chain id")
                + "; this one is type \(type)"
        }
    }
}

/// What the node should have filled but could not.
public enum TransactionFillError: CategorizedError, Equatable, Sendable {
    /// `fields` (chainId, fees, gas, nonce) could not be filled, and why. The advice names
    /// what gives them offline by the keys chainId, gasPrice, maxFeePerGas,
    /// maxPriorityFeePerGas, gas, nonce and `NonceFile`.
    case unfilled([String], because: String)
    /// The chain id given is not the node's. The advice names the node by the key `node`.
    case chainMismatch(given: UInt64, node: UInt64)

    public var category: ErrorCategory {
        if case .chainMismatch = self { return .badInput }
        return .temporary
    }

    public var description: String { description(naming: { _ in nil }) }

    public func description(naming name: (String) -> String?) -> String {
        switch self {
        case .chainMismatch(let given, let node):
            let node = "chain id \(given) was given, but the node is on chain \(node)"
            return node + (name("node").map { ": sign for the node's chain, or give the right \($0)" } ?? ": sign for the node's chain")
        case .unfilled(let fields, let reason):
            let offline = fields.map { TransactionFillError.offline($0, name) }
            let advice = offline.contains(nil) ? "" : "; give \(offline.compactMap { $0 }.joined(separator: ", ")) to sign offline"
            return "cannot fill \(fields.joined(separator: ", ")): \(reason)" + advice
        }
    }

    /// What gives `field` without a node, in `name`'s words.
    private static func offline(_ field: String, _ name: (String) -> String?) -> String? {
        switch field {
        case "chainId": return name("chainId")
        case "fees":
            guard let price = name("gasPrice"), let cap = name("maxFeePerGas"), let tip = name("maxPriorityFeePerGas") else { return nil }
            return "\(price) or \(cap) and \(tip)"
        case "gas": return name("gas")
        default:
            guard let file = name("NonceFile"), let nonce = name("nonce") else { return nil }
            return "\(file) with a recorded nonce, or \(nonce)"
        }
    }
}

/// Why a transaction request cannot be read.
public enum TransactionRequestError: CategorizedError, Equatable, Sendable {
    case unknownField(String, suggestion: String?)
    case duplicateField(String, earlier: String)
    case wrongKind(String, expected: String, got: String)
    case invalid(String, String)

    public var category: ErrorCategory { .badInput }

    public var description: String {
        switch self {
        case .unknownField(let key, let suggestion):
            return "unknown field '\(key)'" + (suggestion.map { " (did you mean '\($0)'?)" } ?? "")
        case .duplicateField(let key, let earlier):
            return "field '\(key)' repeats '\(earlier)'"
        case .wrongKind(let key, let expected, let got):
            return "\(key): expected \(expected), got \(got)"
        case .invalid(let key, let reason):
            return "\(key): \(reason)"
        }
    }
}

/// A file in the spool directory that is not a spooled transaction.
public enum SpoolError: CategorizedError, Equatable, Sendable {
    case notATransaction(String, String)

    public var category: ErrorCategory { .badInput }

    public var description: String {
        switch self {
        case .notATransaction(let path, let reason):
            return "spool file \(FileFailure.quoted(path)) is not a spooled transaction (\(reason)): move it away to go on"
        }
    }
}

/// Why an Origin call cannot be built.
public enum OriginError: CategorizedError, Equatable, Sendable {
    /// The input line is not a chain-log line of a reading: what is missing or wrong.
    case badRecord(String)
    /// The input line has no 32-byte `chain_hash`: it is not a log entry's line. The advice
    /// names the reading by the key `Reading` and the log's append by `ChainLog.append`.
    case notALogLine
    /// The log entry has no `upstream` object: what was logged is not a reading.
    case notAReading
    /// A meter_down record, but no reading was ever sent to report again.
    case nothingToRepeat
    /// The state file cannot be used.
    case badState(String, String)

    public var category: ErrorCategory { .badInput }

    public var description: String { description(naming: { _ in nil }) }

    public func description(naming name: (String) -> String?) -> String {
        switch self {
        case .badRecord(let reason): return reason
        case .notALogLine:
            let advice = name("Reading").flatMap { read in name("ChainLog.append").map { " (pipe \(read) through \($0))" } }
            return "expected a chain-log append line: no 32-byte \"chain_hash\"" + (advice ?? "")
        case .notAReading:
            return "the chain-log line has no \"upstream\" object: the logged entry is not " + (name("Reading").map { "a \($0) line" } ?? "a reading")
        case .nothingToRepeat:
            return "the meter is down and no reading was sent before (the state file is empty): nothing to report"
        case .badState(let path, let reason): return "state file \(FileFailure.quoted(path)): \(reason)"
        }
    }
}

/// Why a signed transaction did not reach the chain, or its receipt was not seen.
public enum SubmissionError: CategorizedError, Equatable, Sendable {
    /// The node refused a transaction it does not have: its message.
    case refused(hash: Bytes32, message: String)
    /// The node answered another hash than the transaction's.
    case wrongHash(sent: Bytes32, answered: Bytes32)
    /// The receipt (or the confirmations) did not come within `seconds`.
    case notMined(hash: Bytes32, confirmations: UInt64, seconds: Double)
    /// The node could not be asked.
    case node(JSONRPCFailure)

    public var category: ErrorCategory {
        switch self {
        case .refused, .wrongHash: return .refused
        case .notMined: return .temporary
        case .node(let failure): return failure.category
        }
    }

    /// Whether a later attempt may succeed (a node that cannot be reached now).
    public var isTemporary: Bool {
        if case .node(let failure) = self { return failure.isTemporary }
        return false
    }

    public var description: String { description(naming: { _ in nil }) }

    public func description(naming name: (String) -> String?) -> String {
        switch self {
        case .refused(let hash, let message): return "the node refused \(Hex.encode(hash)): \(message)"
        case .wrongHash(let sent, let answered): return "the node answered hash \(Hex.encode(answered)) for transaction \(Hex.encode(sent))"
        case .notMined(let hash, let confirmations, let seconds):
            return "transaction \(Hex.encode(hash)) was sent but not \(confirmations > 0 ? "confirmed" : "mined") within \(seconds)s"
        case .node(let failure): return failure.description(naming: name)
        }
    }
}

/// Why a carbon record gives no rate: what it holds is not a fresh rate. The advice names the
/// options it refers to by the keys `WattTime.signal` (the MOER signal) and
/// `CarbonRecord.maximumAge`.
public enum CarbonRecordProblem: CategorizedError, Equatable, Sendable {
    /// The last line is not a JSON object.
    case notJSON
    /// The last line is not a carbon reading.
    case notCarbon
    /// The last line says the service was down.
    case serviceDown
    /// The last line has no `co2_kg_per_wh` (a WattTime v3 signal-index line carries none).
    case noRate
    case negativeRate(ExactDecimal)
    case noAccessTime
    /// Read at this time (epoch seconds), after now.
    case readInTheFuture(Int)
    /// Read `age` seconds ago, more than allowed.
    case tooOld(age: Int, maximumAge: Double)

    public var category: ErrorCategory { .badInput }

    public var description: String { description(naming: { _ in nil }) }

    public func description(naming name: (String) -> String?) -> String {
        switch self {
        case .notJSON: return "its last line is not a JSON object"
        case .notCarbon: return "its last line is not a carbon reading"
        case .serviceDown: return "its last line says the service was down"
        case .noRate:
            return "its last line has no co2_kg_per_wh (a WattTime v3 signal-index line carries none: "
                + (name("WattTime.signal").map { "use \($0) moer)" } ?? "read the MOER signal)")
        case .negativeRate(let rate): return "its co2_kg_per_wh \(rate) is negative"
        case .noAccessTime: return "its last line has no accessed_epoch"
        case .readInTheFuture(let epoch): return "it was read at \(RFC3339.format(epoch: epoch)), in the future"
        case .tooOld(let age, let limit):
            return "it was read \(age) s ago, more than " + (name("CarbonRecord.maximumAge").map { "\($0) \(limit) s" } ?? "the \(limit) s allowed")
        }
    }
}
