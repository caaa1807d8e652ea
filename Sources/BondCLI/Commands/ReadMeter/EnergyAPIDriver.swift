import Encoding
import EnergyData

/// `bond read-meter energy-api`: an asset of a utility's EWF Energy API.
enum EnergyAPIDriver {
    static let spec = CommandSpec(
        "energy-api",
        summary: "an asset of the EWF Energy API (a utility's meters)",
        details: "Reads GET /asset/ID (the energy unit, totals or intervals) and GET /asset/ID/energy for the window --since to --until (default the last 75 minutes), converted exactly to Wh: the latest reading of an accumulated asset, the sum of an interval asset's readings. An empty window prints nothing.",
        options: ReadMeterCommand.commonOptions(url: "the API's base URL, such as https://meters.example.com/api") + [
            OptionSpec("asset-id", .integer(placeholder: "N"), help: "the asset to read"),
            OptionSpec("since", .text(placeholder: "TIME"), help: "start of the window, RFC 3339 (default 75 minutes before --until)"),
            OptionSpec("until", .text(placeholder: "TIME"), help: "end of the window, RFC 3339 (default now)"),
            OptionSpec("cursor-file", .path, help: "remember the latest measurement reported; the next window starts after it"),
            OptionSpec("require-reading", help: "an empty window exits 65 instead of 0"),
            OptionSpec("api-key-file", .path, help: "send the API key in PATH (mode 600) as X-API-Key instead of Basic auth"),
            OptionSpec("asset-file", .path, help: "with --file, the saved /asset/ID answer"),
        ],
        run: run
    )

    /// The default window: the original framework asked for the last 75 minutes.
    static let defaultWindow = 75 * 60

    static func run(_ invocation: Invocation) throws -> ExitStatus {
        let source = MeterSource(invocation)
        let arguments = invocation.arguments
        if let path = try source.file {
            try source.refuseWithFile(["asset-id", "since", "until", "cursor-file", "api-key-file"])
            guard let assetPath = arguments.text("asset-file") else {
                throw CommandFailure.usage("--file needs --asset-file PATH: the asset's unit decides what the energy means")
            }
            if path == "-" && assetPath == "-" { throw CommandFailure.usage("--file and --asset-file cannot both be standard input") }
            let payload = try MeterSource.readSaved(path)
            let assetBytes = try MeterSource.readSaved(assetPath)
            return try ReadMeterCommand.run(invocation, kind: "energy", driver: "energy-api", source: path) {
                let asset = try ReadMeterCommand.parsing(assetPath, "an Energy API asset") { try EnergyAPI.asset(assetBytes) }
                let measurements = try ReadMeterCommand.parsing(path, "an Energy API energy list") { try EnergyAPI.measurements(payload) }
                guard let reading = try EnergyAPI.reading(asset: asset, measurements: measurements) else {
                    return try empty(invocation, "\(InputFile.displayName(path)) holds no measurements")
                }
                return ReadingLine.Read(value: .energy(reading), payload: payload, extra: [("asset_id", asset.id)])
            }
        }
        if arguments.text("asset-file") != nil {
            throw CommandFailure.usage("--asset-file goes with --file; over HTTP the asset comes from /asset/ID")
        }
        guard let assetID = arguments.integer("asset-id") else {
            throw CommandFailure.usage("which asset? give --asset-id N")
        }
        let url = try source.url(default: nil, what: "Energy API")
        let credentials = try self.credentials(source)
        let until = try source.time("until") ?? Timestamp.nowEpoch()
        let since = try source.time("since") ?? until - defaultWindow
        if since >= until {
            throw CommandFailure.usage("the window is empty: --since \(RFC3339.format(epoch: since)) is not before --until \(RFC3339.format(epoch: until))")
        }
        let cursor = try arguments.text("cursor-file").map { try ReadingCursor($0, assetID: String(assetID)) }
        // After a cursor, the window starts at the latest measurement already reported, however
        // long ago: a run after an outage catches up, and nothing is counted twice.
        let start = cursor?.measuredEpoch.map { arguments.text("since") == nil ? $0 : max($0, since) } ?? since
        let http = try HTTPFlags.client(invocation)
        return try ReadMeterCommand.run(invocation, kind: "energy", driver: "energy-api", source: url,
                                        identity: [("asset_id", String(assetID))], read: {
            let (assetBytes, payload) = try EnergyAPI.fetch(http, baseURL: url, assetID: assetID, since: start, until: until,
                                                            credentials: credentials)
            let asset = try EnergyAPI.asset(assetBytes)
            let measurements = try EnergyAPI.measurements(payload)
            guard let reading = try EnergyAPI.reading(asset: asset, measurements: measurements, after: cursor?.measuredEpoch,
                                                      window: start...until) else {
                let after = cursor?.measuredEpoch.map { " after the cursor's \(RFC3339.format(epoch: $0))" } ?? ""
                return try empty(invocation, "asset \(assetID) has no measurements between \(RFC3339.format(epoch: start)) and \(RFC3339.format(epoch: until))\(after)")
            }
            return ReadingLine.Read(value: .energy(reading), payload: payload, extra: [("asset_id", String(assetID))])
        }, printed: { read in
            if case .energy(let reading) = read.value { try cursor?.advance(to: reading.measuredEpoch) }
        })
    }

    /// An empty window: nothing to print (a note at `-v`), or a payload failure with
    /// `--require-reading`.
    private static func empty(_ invocation: Invocation, _ message: String) throws -> ReadingLine.Read? {
        if invocation.arguments.flag("require-reading") { throw PayloadError.invalid("\(message) (--require-reading)") }
        invocation.diagnostics.note("\(message): nothing to report")
        return nil
    }

    /// Basic auth (`--user`), an API key (`--api-key-file`), or none.
    private static func credentials(_ source: MeterSource) throws -> EnergyAPI.Credentials {
        let basic = try source.credentials()
        guard let keyFile = source.arguments.text("api-key-file") else {
            return basic.map { .basic(user: $0.user, password: $0.password) } ?? .anonymous
        }
        if basic != nil { throw CommandFailure.usage("give --user or --api-key-file, not both") }
        let bytes = try SecretFile.password(keyFile, what: "API key file")
        guard let key = String(validating: bytes, as: UTF8.self), !key.isEmpty,
              key.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F }) else {
            throw CommandFailure(.dataError, "API key file \(InputFile.displayName(keyFile)) must hold one line of printable ASCII")
        }
        return .apiKey(key)
    }
}
