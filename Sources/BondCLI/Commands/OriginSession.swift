import Encoding
import Ethereum
import Files
import Glibc

/// `sign-tx --origin`: turns chain-log append lines into Origin `saveSmartMeterRead` calls,
/// keeping the state file (bond-sign-tx(1), ORIGIN). The state moves on line by line as calls
/// are built and is written after each signed line is printed.
final class OriginSession {
    static let origin = OptionSpec("origin", .choice(OriginContract.allCases.map(\.rawValue)), help: "build saveSmartMeterRead calls of this Origin registry from chain-log lines")
        .conflicting(with: "function", "arg", "data", "decode", "no-input", message: "--origin builds the call itself: {other} does not go with it")
    static let assetID = originOnly(OptionSpec("origin-asset-id", .wholeNumber(placeholder: "N"), help: "with --origin, the asset the readings belong to"))
    static let stateFile = originOnly(OptionSpec("state-file", .path, help: "with --origin, the last reading and CO2 counter sent, kept between runs"))
    static let carbon = originOnly(OptionSpec("carbon", .path, help: "with --origin producer, a bond read-meter watttime line giving co2_kg_per_wh"))
    static let carbonMaxAge = originOnly(OptionSpec("carbon-max-age", .duration, domainKey: "CarbonRecord.maximumAge",
                                                    help: "a --carbon line read longer ago than this is not used (default 1h)"))
    static let meterDown = originOnly(OptionSpec("meter-down", help: "with --origin, report the meter as down: the last reading again"))

    static let options = [origin, assetID, stateFile, carbon, carbonMaxAge, meterDown]

    /// An option that only `--origin` takes.
    private static func originOnly(_ option: OptionSpec) -> OptionSpec {
        option.requiring("origin", message: "{option} goes with --origin producer|consumer")
    }

    let contract: OriginContract
    let registry: Address
    let assetID: UInt256
    let statePath: String
    let co2KgPerWh: ExactDecimal?
    let meterDown: Bool
    private var state: OriginState?
    /// Held for the run: two runs on one state file take turns (PATH.lock), as with the
    /// nonce file.
    private var lock: FileLock?

    /// The session the options ask for, or nil without `--origin`.
    static func make(_ arguments: ParsedArguments, _ invocation: Invocation) throws -> OriginSession? {
        guard let kind = arguments.text(Self.origin), let contract = OriginContract(rawValue: kind) else { return nil }
        guard let toText = arguments.text(SignTxCommand.Option.to) else { throw CommandFailure.usage("--origin needs --to, the registry contract's address") }
        let registry = try Address(toText)
        guard let assetText = arguments.text(Self.assetID) else { throw CommandFailure.usage("--origin needs --origin-asset-id N") }
        guard let assetID = UInt256(decimal: assetText) ?? (assetText.hasPrefix("0x") ? UInt256(hex: assetText.dropFirst(2)) : nil) else {
            throw CommandFailure(.dataError, "--origin-asset-id: '\(MessageText.sanitized(assetText, limit: 80))' is not a uint256")
        }
        guard let statePath = arguments.text(Self.stateFile) else {
            throw CommandFailure.usage("--origin needs --state-file PATH: the last reading sent is kept there")
        }
        if contract == .consumer, arguments.given(Self.carbon) {
            throw CommandFailure.usage("--carbon is for producers: the consumer registry has no CO2 counter")
        }
        let session = OriginSession(contract: contract, registry: registry, assetID: assetID, statePath: statePath,
                                    co2KgPerWh: try carbonRate(arguments, invocation), meterDown: arguments.flag(Self.meterDown))
        session.lock = try FileLock(statePath + ".lock")
        session.state = try OriginState.read(statePath, contract: contract, registry: registry, assetID: assetID)
        return session
    }

    private init(contract: OriginContract, registry: Address, assetID: UInt256, statePath: String, co2KgPerWh: ExactDecimal?, meterDown: Bool) {
        self.contract = contract
        self.registry = registry
        self.assetID = assetID
        self.statePath = statePath
        self.co2KgPerWh = co2KgPerWh
        self.meterDown = meterDown
    }

    /// The call of one input line, and the state it leaves (held until ``commit(_:)``).
    func call(for item: UnsafeBufferPointer<UInt8>) throws -> (request: TransactionRequest, report: OriginReport, record: JSONValue) {
        let record = try JSONParser.parse(item)
        let report = try OriginReport.report(record: record, contract: contract, registry: registry, assetID: assetID, state: state,
                                             co2KgPerWh: contract == .producer ? co2KgPerWh : nil, meterDown: meterDown)
        state = report.state
        var request = TransactionRequest()
        request.call = (contract.signature, report.arguments(contract))
        return (request, report, record)
    }

    /// Writes the state a printed line left.
    func commit(_ report: OriginReport) throws {
        try report.state.write(statePath)
    }

    /// The `origin` object of the output line: the call's arguments, readable.
    func summary(_ report: OriginReport) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("contract", .string(contract.rawValue)), ("asset_id", .string(assetID.description)),
            ("new_meter_read", .string(report.newMeterRead.description)), ("smart_meter_down", .bool(report.smartMeterDown)),
            ("file_hash", .string(Hex.encode(report.fileHash))),
        ]
        if contract == .producer {
            members.append(("co2_offset_meter_read", .string(report.co2OffsetMeterRead.description)))
            members.append(("co2_offset_service_down", .bool(report.co2OffsetServiceDown)))
        }
        return .object(JSONObjectValue(members))
    }

    /// The largest carbon file read: it holds one line, the last a job wrote.
    static let maximumCarbonSize = 64 << 10

    /// The rate of `--carbon`: its last line's `co2_kg_per_wh`, when it is a carbon reading
    /// read within `--carbon-max-age`; else nil, with a warning saying why (the CO2 service
    /// is then reported down).
    private static func carbonRate(_ arguments: ParsedArguments, _ invocation: Invocation) throws -> ExactDecimal? {
        guard let path = arguments.text(Self.carbon) else { return nil }
        let maximumAge = arguments.duration(Self.carbonMaxAge) ?? .seconds(3600)
        func unusable(_ reason: String) -> ExactDecimal? {
            invocation.diagnostics.warning("--carbon \(FileFailure.quoted(path)): \(reason); reporting the CO2 service down")
            return nil
        }
        let bytes: [UInt8]
        do {
            bytes = try InputFile.readAll(path, limit: maximumCarbonSize + 1)
        } catch {
            return unusable(ErrorClassifier.classify(error).message)
        }
        guard bytes.count <= maximumCarbonSize else {
            return unusable("it is larger than \(maximumCarbonSize >> 10) KiB: keep only the latest line (the carbon job replaces it)")
        }
        let (seconds, attoseconds) = maximumAge.components
        switch CarbonRecord.rate(lastLineOf: bytes, now: Timestamp.nowEpoch(), maximumAge: Double(seconds) + Double(attoseconds) / 1e18) {
        case .success(let rate): return rate
        case .failure(let problem): return unusable(problem.description(naming: OptionNames.name(of:)))
        }
    }
}
