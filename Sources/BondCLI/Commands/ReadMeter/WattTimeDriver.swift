import Encoding
import EnergyData
import Files
import Glibc

/// `bond read-meter watttime`: the marginal CO2 emissions rate of a grid region from WattTime.
enum WattTimeDriver {
    static let spec = CommandSpec(
        "watttime",
        summary: "the marginal CO2 emissions rate (MOER) of a grid region from WattTime (API v1, v2, v3)",
        details: "Logs in (the token can be kept with --token-cache), then asks v1 /api/v1/marginal/, v2 /v2/index or v3 /v3/signal-index (or /v3/historical with --signal moer) for --region, or for the region at --latitude/--longitude. MOER is in lb/MWh; co2_kg_per_wh = MOER x 0.45359237 / 1,000,000.",
        options: ReadMeterCommand.commonOptions(url: "the service root (default https://api.watttime.org; v2 https://api2.watttime.org)") + [
            OptionSpec("api", .choice(WattTime.API.allCases.map(\.rawValue)), help: "the API version (default v3, the current one)"),
            OptionSpec("region", .text(placeholder: "NAME"), help: "the grid region (balancing authority), such as CAISO_NORTH"),
            OptionSpec("latitude", .text(placeholder: "DEGREES"), help: "with --longitude, look the region up for this place (v2, v3)"),
            OptionSpec("longitude", .text(placeholder: "DEGREES"), help: "with --latitude, look the region up for this place (v2, v3)"),
            OptionSpec("signal", .choice(WattTime.Signal.allCases.map(\.rawValue)), domainKey: "WattTime.signal", help: "v3: the percentile index (default) or the latest MOER"),
            OptionSpec("token-cache", .path, help: "keep the login token in PATH (mode 600) and reuse it until it expires"),
        ],
        run: run
    )

    static func run(_ invocation: Invocation) throws -> ExitStatus {
        let source = MeterSource(invocation)
        let arguments = invocation.arguments
        let api = WattTime.API(rawValue: arguments.text("api") ?? "v3") ?? .v3
        if arguments.text("signal") != nil && api != .v3 {
            throw CommandFailure.usage("--signal chooses between v3's endpoints; \(api.rawValue) has one (v1 gives the MOER, v2 both)")
        }
        let signal = WattTime.Signal(rawValue: arguments.text("signal") ?? "index") ?? .index
        let location = try self.location(arguments)
        if let path = try source.file {
            try source.refuseWithFile(["token-cache"])
            let payload = try MeterSource.readSaved(path)
            let what = "a WattTime \(api.rawValue) \(WattTime.endpointName(api, signal)) answer"
            return try ReadMeterCommand.run(invocation, kind: "carbon", driver: "watttime", source: path,
                                            identity: [("api", api.rawValue)]) {
                let reading = try ReadMeterCommand.parsing(path, what) {
                    try WattTime.reading(payload, api: api, signal: signal, location: location)
                }
                return ReadingLine.Read(value: .carbon(reading), payload: payload, extra: [("api", api.rawValue)])
            }
        }
        guard let location else {
            throw CommandFailure.usage("which region? give --region NAME, or --latitude and --longitude")
        }
        if case .coordinates = location, api == .v1 {
            throw CommandFailure.usage("WattTime v1 has no lookup by place: give --region NAME")
        }
        let root = try source.url(default: api.defaultRoot, what: "WattTime service")
        guard let credentials = try source.credentials() else {
            throw CommandFailure.usage("WattTime needs a login: --user NAME with --password-file PATH or BOND_METER_PASSWORD")
        }
        let cache = arguments.text("token-cache").map(TokenCache.init(path:))
        if let cache {
            // Before a login is spent (they are rate-limited): the cache must be writable.
            let directory = AtomicFile.directory(of: cache.path)
            guard access(directory, W_OK) == 0 else {
                throw FileFailure(.openForWriting, "token cache " + FileFailure.quoted(cache.path), errno: errno)
            }
        }
        let http = try HTTPFlags.client(invocation)
        let diagnostics = invocation.diagnostics
        var region: String?
        if case .region(let name) = location { region = name }
        return try ReadMeterCommand.run(invocation, kind: "carbon", driver: "watttime", source: root,
                                        identity: [("api", api.rawValue), ("region", region)]) {
            let payload = try WattTime.fetch(http, api: api, root: root, location: location, signal: signal,
                                             user: credentials.user, password: credentials.password, cache: cache,
                                             now: Timestamp.nowEpoch(), note: { diagnostics.note($0) })
            let reading = try WattTime.reading(payload, api: api, signal: signal, location: location)
            return ReadingLine.Read(value: .carbon(reading), payload: payload, extra: [("api", api.rawValue)])
        }
    }

    /// `--region`, or `--latitude` with `--longitude`; nil when none is given.
    static func location(_ arguments: ParsedArguments) throws -> WattTime.Location? {
        let latitude = try coordinate(arguments, "latitude", limit: 90)
        let longitude = try coordinate(arguments, "longitude", limit: 180)
        let region = arguments.text("region")
        switch (region, latitude, longitude) {
        case (nil, nil, nil):
            return nil
        case (let region?, nil, nil):
            guard !region.isEmpty, region.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
                throw CommandFailure.usage("--region: '\(MessageText.sanitized(region, limit: 100))' is not a region name")
            }
            return .region(region)
        case (nil, let latitude?, let longitude?):
            return .coordinates(latitude: latitude, longitude: longitude)
        case (nil, _, _):
            throw CommandFailure.usage("--latitude and --longitude go together")
        default:
            throw CommandFailure.usage("give --region or --latitude/--longitude, not both")
        }
    }

    private static func coordinate(_ arguments: ParsedArguments, _ name: String, limit: Int) throws -> ExactDecimal? {
        guard let text = arguments.text(name) else { return nil }
        guard let value = ExactDecimal(text), !(ExactDecimal(limit) < value), !(value < ExactDecimal(-limit)) else {
            throw CommandFailure.usage("--\(name): '\(MessageText.sanitized(text, limit: 100))' is not a number of degrees from -\(limit) to \(limit)")
        }
        return value
    }
}
