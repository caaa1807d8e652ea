import Encoding
import EnergyData
import ErrorCategories

/// `bond read-meter DRIVER`: one reading from a smart meter or a grid-emission API, as one
/// JSON line (bond-read-meter(1)). Each driver is a verb (``DriverRegistry``); what happens
/// around every driver's read is here, written once: a saved payload or the source, the access
/// time, the line, `--payload`, and `--emit-failure`'s meter_down line.
enum ReadMeterCommand {
    static let spec = CommandSpec(
        "read-meter",
        summary: "read one measurement from a meter or a grid-emission API",
        details: "Prints one JSON line: the reading with its unit in the field name (energy_wh, moer_lb_per_mwh, co2_kg_per_wh), the device, measured_at from the source and accessed_at, and the payload's SHA-256. --file reads a saved response instead of the network.",
        verbs: DriverRegistry.commands,
        domainKey: "Reading"
    )

    /// Runs the driver of `spec` as the options ask: the saved payload of `--file`, or the
    /// source.
    static func run<Spec: DriverSpec>(_ spec: Spec.Type, _ invocation: Invocation) throws -> ExitStatus {
        if let status = try Spec.otherMode(invocation) { return status }
        let (driver, origin) = try self.origin(spec, invocation)
        return try read(spec, driver, source: origin.source, saved: origin.saved, invocation, payload: origin.payload)
    }

    /// Where the options take the payload from: the saved answer of `--file`, or the source,
    /// with the driver, how the line names it, and the payload when asked for (a fetch, which
    /// `--emit-failure` may turn into a meter_down line).
    /// - Throws: what the spec throws making the driver, and ``FileFailure`` for `--file`.
    static func origin<Spec: DriverSpec>(_ spec: Spec.Type, _ invocation: Invocation) throws
        -> (driver: Spec.Driver, origin: (source: String, saved: Bool, payload: () throws(SourceError) -> Spec.Driver.Payload)) {
        if let path = invocation.arguments.text(SourceOptions.file) {
            let driver = try Spec.savedDriver(invocation)
            let answer = try SourceOptions.saved(path)
            return (driver, (path, true, { driver.payload(saved: answer) }))
        }
        let (driver, transport, source) = try Spec.networkDriver(invocation)
        return (driver, (source, false, { () throws(SourceError) in try driver.fetch(over: transport) }))
    }

    /// One read of `driver` from `source` (the URL or the file): the payload `payload` gives,
    /// read and printed; the driver hears when its line is out. With `--emit-failure`, a
    /// failure of the source becomes a `meter_down` line.
    private static func read<Spec: DriverSpec>(_ spec: Spec.Type, _ driver: Spec.Driver, source: String, saved: Bool, _ invocation: Invocation,
                                               payload: () throws(SourceError) -> Spec.Driver.Payload) throws -> ExitStatus {
        let arguments = invocation.arguments
        var accessed = Timestamp.nowEpoch()
        let result: (value: Spec.Driver.Value, fields: [LineField], payload: Spec.Driver.Payload)?
        do {
            let answer = try payload()
            switch try driver.read(answer) {
            case .reading(let value, let fields):
                result = (value, fields, answer)
            case .nothing(let reason):
                try Spec.nothing(reason, invocation)
                result = nil
            }
            accessed = Timestamp.nowEpoch()
        } catch where arguments.flag(SourceOptions.emitFailure) && isSourceFailure(error) {
            let (status, message) = ErrorClassifier.classify(error)
            invocation.diagnostics.warning("\(message); printing a meter_down line")
            try invocation.output.write(ReadingLine.failure(kind: Spec.Driver.Value.kind, driver: Spec.Driver.name, source: source,
                                                            identity: driver.identity(saved: saved), exitCode: status.rawValue,
                                                            httpStatus: (error as? SourceError)?.httpStatus,
                                                            message: MessageText.sanitized(message, limit: 2000),
                                                            accessedEpoch: Timestamp.nowEpoch()))
            return .ok
        }
        guard let result else { return .ok }
        try invocation.output.write(ReadingLine.line(result.value.reading, fields: result.fields, payload: result.payload,
                                                     driver: Spec.Driver.name, source: source, accessedEpoch: accessed,
                                                     includePayload: arguments.flag(SourceOptions.payload)))
        try invocation.output.flush()
        try driver.reported(result.value)
        return .ok
    }

    /// Whether `error` means the source could not be read (what `--emit-failure` reports),
    /// rather than a mistake on bond's side of the line (usage, files, a missing library).
    static func isSourceFailure(_ error: any Error) -> Bool {
        (error as? any CategorizedError)?.category.isSourceSide ?? false
    }
}
