import Encoding
import Hashing

/// The two Energy Web Origin release A registries a metering device reports to
/// (Tests/Fixtures/origin: AssetProducingRegistryLogic and AssetConsumingRegistryLogic).
public enum OriginContract: String, CaseIterable, Sendable {
    case producer, consumer

    /// `saveSmartMeterRead` of this registry.
    public var signature: FunctionSignature {
        switch self {
        case .producer:
            return try! FunctionSignature("saveSmartMeterRead(uint256,uint256,bool,bytes32,uint256,bool)")
        case .consumer:
            return try! FunctionSignature("saveSmartMeterRead(uint256,uint256,bytes32,bool)")
        }
    }
}

/// One `saveSmartMeterRead` call and the state it leaves: built from a chain-log append line
/// (the reading under `upstream`), the state of the runs before, and the grid's carbon rate.
public struct OriginReport: Equatable, Sendable {
    /// `_newMeterRead`: the reading (or the running total of an interval meter), rounded down
    /// to whole Wh.
    public let newMeterRead: UInt256
    /// `_smartMeterDown`.
    public let smartMeterDown: Bool
    /// `_lastSmartMeterReadFileHash`: the log entry's chain hash.
    public let fileHash: Bytes32
    /// `_CO2OffsetMeterRead` (producers): grams of CO2 avoided so far, rounded down.
    public let co2OffsetMeterRead: UInt256
    /// `_CO2OffsetServiceDown` (producers): no usable carbon rate this run.
    public let co2OffsetServiceDown: Bool
    /// The state after this call.
    public let state: OriginState

    /// The call's arguments for `contract`, in its parameter order.
    public func arguments(_ contract: OriginContract) -> [ABIValue] {
        switch contract {
        case .producer:
            return [.uint(state.assetID), .uint(newMeterRead), .bool(smartMeterDown), .fixedBytes(fileHash.bytes),
                    .uint(co2OffsetMeterRead), .bool(co2OffsetServiceDown)]
        case .consumer:
            return [.uint(state.assetID), .uint(newMeterRead), .fixedBytes(fileHash.bytes), .bool(smartMeterDown)]
        }
    }

    /// Builds the report of `record`, a chain-log append line.
    ///
    /// An entry already reported (its chain hash is the state's) is refused. A reading below
    /// the last one sent is sent as it is, for the registry to refuse, and the state keeps
    /// the higher one. The CO2 counter is kept to nine decimals of a gram.
    ///
    /// An accumulated reading is reported as it is; an interval reading (`is_accumulated`
    /// false) is added to the running total. A `meter_down` record, or `meterDown`, reports
    /// the last reading again with `_smartMeterDown` true. A producer's CO2 counter grows by
    /// (this reading - the last one, in Wh) x `co2KgPerWh` x 1,000 grams, exactly; with no
    /// rate (nil) or the meter down, `_CO2OffsetServiceDown` is true and it stays. The first
    /// accumulated reading has no last one, so it adds nothing.
    /// - Throws: ``OriginError``.
    public static func report(record: JSONValue, contract: OriginContract, registry: Address, assetID: UInt256, state: OriginState?,
                              co2KgPerWh: ExactDecimal?, meterDown: Bool) throws -> OriginReport {
        guard let line = record.objectValue else { throw OriginError.badRecord("expected a chain-log append line, got \(record.kindDescription)") }
        guard case .string(let hashText)? = line["chain_hash"], let fileHash = Bytes32(hex: hashText) else {
            throw OriginError.notALogLine
        }
        guard let reading = line["upstream"]?.objectValue else {
            throw OriginError.notAReading
        }
        if let state, state.chainHash == fileHash {
            throw OriginError.badRecord("this log entry (chain hash \(Hex.encode(fileHash))) was reported already: each entry goes to the registry once")
        }
        let down = meterDown || reading["meter_down"] == .bool(true)
        var measured: Int?
        if case .number(let epoch)? = reading["measured_epoch"], let value = Int(epoch), RFC3339.validRange.contains(value) { measured = value }
        if down {
            guard let state else { throw OriginError.nothingToRepeat }
            var next = state
            next.chainHash = fileHash
            return OriginReport(newMeterRead: wholeWh(state.meterReadWh), smartMeterDown: true, fileHash: fileHash,
                                co2OffsetMeterRead: wholeWh(state.co2OffsetGrams), co2OffsetServiceDown: true, state: next)
        }
        guard reading["kind"] == .string("energy") else {
            throw OriginError.badRecord("upstream.kind is \(reading["kind"].map(JSONWriter.text) ?? "missing"), not \"energy\": only energy readings go to the registries")
        }
        guard case .number(let energyText)? = reading["energy_wh"], let energy = ExactDecimal(energyText), !energy.isNegative else {
            throw OriginError.badRecord("upstream.energy_wh is missing or not a non-negative number")
        }
        guard case .bool(let accumulated)? = reading["is_accumulated"] else {
            throw OriginError.badRecord("upstream.is_accumulated is missing or not a boolean")
        }
        let previous = state?.meterReadWh
        let total: ExactDecimal
        if accumulated {
            total = energy
        } else {
            guard let sum = (previous ?? .zero).adding(energy) else { throw OriginError.badRecord("the running total is out of range") }
            total = sum
        }
        var co2 = state?.co2OffsetGrams ?? .zero
        var serviceDown = co2KgPerWh == nil
        // What the state keeps is the highest reading sent: a lower one is sent as it is (the
        // registry refuses it) but never counted, so nothing is counted twice when the meter
        // climbs past the old value again.
        var kept = total
        if let previous, total < previous { kept = previous }
        if let rate = co2KgPerWh, contract == .producer {
            let base = previous ?? (accumulated ? total : .zero)
            if let delta = kept.subtracting(base), !delta.isNegative {
                // Grams to nine decimals (nanograms): exact enough, and never past 76 digits.
                if let grams = delta.multiplied(by: rate)?.scaledByPowerOfTen(3)?.truncated(toPlaces: 9), let sum = co2.adding(grams) {
                    co2 = sum.truncated(toPlaces: 9)
                } else {
                    serviceDown = true
                }
            }
        }
        let next = OriginState(contract: contract, registry: registry, assetID: assetID, meterReadWh: kept, co2OffsetGrams: co2, chainHash: fileHash,
                               measuredEpoch: measured)
        return OriginReport(newMeterRead: wholeWh(total), smartMeterDown: false, fileHash: fileHash,
                            co2OffsetMeterRead: wholeWh(co2), co2OffsetServiceDown: contract == .producer ? serviceDown : false, state: next)
    }

    /// `value` rounded down to a whole number.
    static func wholeWh(_ value: ExactDecimal) -> UInt256 {
        UInt256(decimal: value.truncated(toPlaces: 0).description) ?? .zero
    }
}
