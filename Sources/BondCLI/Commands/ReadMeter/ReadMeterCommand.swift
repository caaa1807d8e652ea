import Encoding
import ErrorCategories
import EnergyData
import HTTP

/// `bond read-meter DRIVER`: one reading from a smart meter or a grid-emission API, as one
/// JSON line (bond-read-meter(1)). Each driver is a verb; the options every driver shares,
/// and what happens around a driver's read (the access time, `--emit-failure`, printing), are
/// here.
enum ReadMeterCommand {
    static let spec = CommandSpec(
        "read-meter",
        summary: "read one measurement from a meter or a grid-emission API",
        details: "Prints one JSON line: the reading with its unit in the field name (energy_wh, moer_lb_per_mwh, co2_kg_per_wh), the device, measured_at from the source and accessed_at, and the payload's SHA-256. --file reads a saved response instead of the network.",
        verbs: [EumelDriver.spec, EnergyAPIDriver.spec, WattTimeDriver.spec],
        domainKey: "Reading"
    )

    /// The options of every driver: where to read, as whom, how to report.
    static func commonOptions(url: String) -> [OptionSpec] {
        [
            OptionSpec("url", .text(placeholder: "URL"), help: url),
            OptionSpec("user", .text(placeholder: "NAME"), help: "the user name to log in with"),
            OptionSpec("password-file", .path, help: "the password in PATH (mode 600); else BOND_METER_PASSWORD"),
            OptionSpec("file", .path, help: "parse a saved response in PATH (- for stdin) instead of asking the service"),
            OptionSpec("payload", help: "add the raw response as \"payload\""),
            OptionSpec("emit-failure", help: "when the source cannot be read, print a meter_down line and exit 0"),
        ] + HTTPFlags.options
    }

    /// Runs one driver's read from `source` (the URL or the file): `read` returns the reading,
    /// or nil when there is none to report (an empty Energy API window); `printed` runs once
    /// the line is out (the cursor advances). With `--emit-failure`, a failure of the source
    /// becomes a `meter_down` line carrying `identity`.
    static func run(_ invocation: Invocation, kind: String, driver: String, source: String,
                    identity: [(key: StaticString, value: String?)] = [], read: () throws -> ReadingLine.Read?,
                    printed: (ReadingLine.Read) throws -> Void = { _ in }) throws -> ExitStatus {
        let arguments = invocation.arguments
        var accessed = Timestamp.nowEpoch()
        let result: ReadingLine.Read?
        do {
            result = try read()
            accessed = Timestamp.nowEpoch()
        } catch where arguments.flag("emit-failure") && isSourceFailure(error) {
            let (status, message) = ErrorClassifier.classify(error)
            invocation.diagnostics.warning("\(message); printing a meter_down line")
            try invocation.output.write(ReadingLine.failure(kind: kind, driver: driver, source: source, identity: identity,
                                                            exitCode: status.rawValue,
                                                            httpStatus: httpStatus(of: error),
                                                            message: MessageText.sanitized(message, limit: 2000),
                                                            accessedEpoch: Timestamp.nowEpoch()))
            return .ok
        }
        guard let result else { return .ok }
        try invocation.output.write(ReadingLine.line(result, driver: driver, source: source, accessedEpoch: accessed,
                                                     includePayload: arguments.flag("payload")))
        try invocation.output.flush()
        try printed(result)
        return .ok
    }

    /// Runs `parse` on the saved response in `path`, naming the file and what it should hold in
    /// a payload error (`'x.json' (a WattTime v3 signal-index answer): /meta/region is missing`).
    static func parsing<T>(_ path: String, _ what: String, _ parse: () throws -> T) throws -> T {
        do {
            return try parse()
        } catch let error as PayloadError {
            throw PayloadError.invalid("\(InputFile.displayName(path)) (\(what)): \(error.description)")
        }
    }

    /// Whether `error` means the source could not be read (what `--emit-failure` reports),
    /// rather than a mistake on bond's side of the line (usage, files, a missing library).
    static func isSourceFailure(_ error: any Error) -> Bool {
        (error as? any CategorizedError)?.category.isSourceSide ?? false
    }

    /// The HTTP status behind `error`, when the source answered with an error status.
    static func httpStatus(of error: any Error) -> Int? {
        switch error {
        case let error as SourceError: return error.status
        case HTTPError.status(_, let code, _): return code
        default: return nil
        }
    }
}
