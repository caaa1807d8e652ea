import Encoding
import Files
import Hashing

/// `sign-tx --state-file`: what the Origin calls of one asset have reported so far, kept
/// between runs: the meter reading sent (exact, in Wh; for an interval meter the running
/// total), the producer's CO2 offset counter (exact, in grams), and the log entry it came from.
/// One JSON object, replaced atomically after the signed line is printed.
public struct OriginState: Equatable, Sendable {
    public var contract: OriginContract
    /// The registry's address: a state belongs to one registry's asset.
    public var registry: Address
    public var assetID: UInt256
    /// The reading sent last, exact, in Wh (``OriginReport/newMeterRead`` is it rounded down).
    public var meterReadWh: ExactDecimal
    /// The CO2 avoided so far, exact, in grams (producers).
    public var co2OffsetGrams: ExactDecimal
    /// The chain hash of the log entry reported last.
    public var chainHash: Bytes32
    /// When the reading reported last was measured (epoch seconds), where known.
    public var measuredEpoch: Int?

    public init(contract: OriginContract, registry: Address, assetID: UInt256, meterReadWh: ExactDecimal, co2OffsetGrams: ExactDecimal,
                chainHash: Bytes32, measuredEpoch: Int?) {
        self.contract = contract
        self.registry = registry
        self.assetID = assetID
        self.meterReadWh = meterReadWh
        self.co2OffsetGrams = co2OffsetGrams
        self.chainHash = chainHash
        self.measuredEpoch = measuredEpoch
    }

    /// Reads the state file at `path`; nil when it does not exist yet.
    /// - Throws: ``FileFailure``; ``OriginError/badState(_:_:)`` when it is not a state file, or
    ///   one of another contract kind or asset.
    public static func read(_ path: String, contract: OriginContract, registry: Address, assetID: UInt256) throws -> OriginState? {
        guard let bytes = try StateFile.read(path) else { return nil }
        guard let object = (try? JSONParser.parse(bytes))?.objectValue else { throw OriginError.badState(path, "not a JSON object") }
        func text(_ key: String) throws -> String {
            guard case .string(let value)? = object[key] else { throw OriginError.badState(path, "no \"\(key)\" string") }
            return value
        }
        func decimal(_ key: String) throws -> ExactDecimal {
            guard let value = ExactDecimal(try text(key)), !value.isNegative else {
                throw OriginError.badState(path, "\"\(key)\" is not a non-negative decimal")
            }
            return value
        }
        guard try text("contract") == contract.rawValue else {
            throw OriginError.badState(path, "it belongs to a \(try text("contract")) contract, not a \(contract.rawValue) one")
        }
        guard let recorded = try? Address(try text("registry")), recorded == registry else {
            throw OriginError.badState(path, "it belongs to registry \((try? text("registry")) ?? "?"), not \(registry.checksummed): give each registry's asset its own state file")
        }
        guard let asset = UInt256(decimal: try text("asset_id")), asset == assetID else {
            throw OriginError.badState(path, "it belongs to asset \(try text("asset_id")), not \(assetID): give each asset its own state file")
        }
        guard let hash = Bytes32(hex: try text("chain_hash")) else {
            throw OriginError.badState(path, "\"chain_hash\" is not 32 bytes of hex")
        }
        var measured: Int?
        if case .number(let epoch)? = object["measured_epoch"] { measured = Int(epoch) }
        return OriginState(contract: contract, registry: registry, assetID: asset, meterReadWh: try decimal("meter_read_wh"),
                           co2OffsetGrams: try decimal("co2_offset_g"), chainHash: hash, measuredEpoch: measured)
    }

    /// Replaces the state file at `path` (atomically, mode 0644).
    /// - Throws: ``FileFailure`` when the file cannot be replaced.
    public func write(_ path: String) throws {
        var members: [(String, JSONValue)] = [
            ("contract", .string(contract.rawValue)), ("registry", .string(registry.checksummed)), ("asset_id", .string(assetID.description)),
            ("meter_read_wh", .string(meterReadWh.description)), ("co2_offset_g", .string(co2OffsetGrams.description)),
            ("chain_hash", .string(Hex.encode(chainHash))),
        ]
        if let measuredEpoch {
            members.append(("measured_at", .string(RFC3339.format(epoch: measuredEpoch))))
            members.append(("measured_epoch", .number(String(measuredEpoch))))
        }
        var bytes: [UInt8] = []
        JSONWriter.append(.object(JSONObjectValue(members)), to: &bytes)
        bytes.append(0x0A)
        try AtomicFile.replace(path, contents: bytes, mode: 0o644)
    }
}
