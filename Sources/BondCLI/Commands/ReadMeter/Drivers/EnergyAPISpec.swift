import Encoding
import EnergyData

/// `bond read-meter energy-api`: an asset of a utility's EWF Energy API (``EnergyAPIDriver``).
enum EnergyAPISpec: DriverSpec {
    static let assetID = SourceOptions.askingOnly(OptionSpec("asset-id", .integer(placeholder: "N"), help: "the asset to read"))
    static let since = SourceOptions.askingOnly(OptionSpec("since", .text(placeholder: "TIME"), help: "start of the window, RFC 3339 (default 75 minutes before --until)"))
    static let until = SourceOptions.askingOnly(OptionSpec("until", .text(placeholder: "TIME"), help: "end of the window, RFC 3339 (default now)"))
    static let cursorFile = SourceOptions.askingOnly(OptionSpec("cursor-file", .path, help: "remember the latest measurement reported; the next window starts after it"))
    static let requireReading = OptionSpec("require-reading", help: "an empty window exits 65 instead of 0")
    static let apiKeyFile = SourceOptions.askingOnly(OptionSpec("api-key-file", .path, help: "send the API key in PATH (mode 600) as X-API-Key instead of Basic auth")
        .conflicting(with: HTTPSourceOptions.user.name))
    static let assetFile = OptionSpec("asset-file", .path, help: "with --file, the saved /asset/ID answer")
        .requiring(SourceOptions.file.name, message: "--asset-file goes with --file; over HTTP the asset comes from /asset/ID")

    /// `--file`, which needs the asset's answer too.
    static let file = SourceOptions.file.requiring(assetFile.name, message: "--file needs --asset-file PATH: the asset's unit decides what the energy means")

    static let summary = "an asset of the EWF Energy API (a utility's meters)"
    static let details = "Reads GET /asset/ID (the energy unit, totals or intervals) and GET /asset/ID/energy for the window --since to --until (default the last 75 minutes), converted exactly to Wh: the latest reading of an accumulated asset, the sum of an interval asset's readings. An empty window prints nothing."
    static let options = HTTPSourceOptions.options(url: "the API's base URL, such as https://meters.example.com/api", file: file)
        + [assetID, since, until, cursorFile, requireReading, apiKeyFile, assetFile]

    /// The default window: the original framework asked for the last 75 minutes.
    static let defaultWindow = 75 * 60

    static func savedDriver(_ invocation: Invocation) throws -> EnergyAPIDriver {
        let arguments = invocation.arguments
        guard let assetPath = arguments.text(assetFile) else {
            throw CommandFailure.usage("--file needs --asset-file PATH: the asset's unit decides what the energy means")
        }
        if arguments.text(SourceOptions.file) == "-" && assetPath == "-" {
            throw CommandFailure.usage("--file and --asset-file cannot both be standard input")
        }
        return EnergyAPIDriver(savedAsset: try SourceOptions.saved(assetPath))
    }

    static func networkDriver(_ invocation: Invocation) throws -> (driver: EnergyAPIDriver, transport: HTTPSource, source: String) {
        let arguments = invocation.arguments
        guard let asset = arguments.integer(assetID) else { throw CommandFailure.usage("which asset? give --asset-id N") }
        let source = try HTTPSourceOptions.source(invocation, default: nil, what: "Energy API", credentials: credentials)
        let end = try time(until, arguments) ?? Timestamp.nowEpoch()
        let start = try time(since, arguments) ?? end - defaultWindow
        if start >= end {
            throw CommandFailure.usage("the window is empty: --since \(RFC3339.format(epoch: start)) is not before --until \(RFC3339.format(epoch: end))")
        }
        let cursor = try arguments.text(cursorFile).map { try ReadingCursor($0, assetID: String(asset)) }
        // After a cursor, the window starts at the latest measurement already reported, however
        // long ago: a run after an outage catches up, and nothing is counted twice.
        let first = cursor?.measuredEpoch.map { arguments.given(since) ? max($0, start) : $0 } ?? start
        return (EnergyAPIDriver(assetID: asset, window: first...end, cursor: cursor), source, source.baseURL)
    }

    /// An empty window: nothing to print (a note at `-v`), or a payload failure with
    /// `--require-reading`.
    static func nothing(_ reason: String, _ invocation: Invocation) throws {
        if invocation.arguments.flag(requireReading) { throw PayloadError.invalid("\(reason) (--require-reading)") }
        invocation.diagnostics.note("\(reason): nothing to report")
    }

    /// An API key (`--api-key-file`), else Basic auth (`--user`), else none.
    private static func credentials(_ arguments: ParsedArguments) throws -> Credentials {
        guard let keyFile = arguments.text(apiKeyFile) else { return try HTTPSourceOptions.credentials(arguments) }
        let bytes = try SecretFile.password(keyFile, what: "API key file")
        guard let key = String(validating: bytes, as: UTF8.self), !key.isEmpty,
              key.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F }) else {
            throw CommandFailure(.dataError, "API key file \(InputFile.displayName(keyFile)) must hold one line of printable ASCII")
        }
        return .apiKey(key)
    }

    /// The text of `option` as an RFC 3339 time, in epoch seconds.
    private static func time(_ option: OptionSpec, _ arguments: ParsedArguments) throws -> Int? {
        guard let text = arguments.text(option) else { return nil }
        guard let epoch = RFC3339.epoch(text) else {
            throw CommandFailure.usage("\(option.longForm): '\(MessageText.sanitized(text, limit: 100))' is not an RFC 3339 time (such as 2018-03-15T14:30:00Z)")
        }
        return epoch
    }
}
