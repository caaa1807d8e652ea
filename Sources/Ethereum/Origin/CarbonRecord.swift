import Encoding

/// The grid's carbon rate a producer's CO2 counter grows by, from the last line of a carbon
/// record: a `read-meter watttime` line that a carbon job writes, whose `co2_kg_per_wh` is
/// used while it is fresh. Anything else leaves the rate unknown, and the CO2 service is then
/// reported down (`_CO2OffsetServiceDown`).
public enum CarbonRecord {
    /// The rate (kg of CO2 per Wh, exact) of the last non-blank line of `bytes`, read at most
    /// `maximumAge` seconds before `now` (epoch seconds), or why it cannot be used.
    public static func rate(lastLineOf bytes: [UInt8], now: Int, maximumAge: Double) -> Result<ExactDecimal, CarbonRecordProblem> {
        guard let last = bytes.split(separator: 0x0A).last(where: { !$0.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D } }),
              let line = (try? JSONParser.parse(Array(last)))?.objectValue else {
            return .failure(.notJSON)
        }
        guard line["kind"] == .string("carbon") else { return .failure(.notCarbon) }
        if line["meter_down"] == .bool(true) { return .failure(.serviceDown) }
        guard case .number(let rateText)? = line["co2_kg_per_wh"], let rate = ExactDecimal(rateText) else { return .failure(.noRate) }
        guard !rate.isNegative else { return .failure(.negativeRate(rate)) }
        guard case .number(let accessedText)? = line["accessed_epoch"], let accessed = Int(accessedText), RFC3339.validRange.contains(accessed) else {
            return .failure(.noAccessTime)
        }
        // A minute of clock difference between the two jobs' machines is allowed, no more.
        guard accessed <= now + 60 else { return .failure(.readInTheFuture(accessed)) }
        let age = now - accessed
        if Double(age) > maximumAge { return .failure(.tooOld(age: age, maximumAge: maximumAge)) }
        return .success(rate)
    }
}
