import Encoding
import EnergyData
import Files
import Glibc

/// `bond read-meter watttime`: the marginal CO2 emissions rate of a grid region from WattTime
/// (``WattTimeDriver``).
enum WattTimeSpec: DriverSpec {
    static let api = OptionSpec("api", .choice(WattTime.API.allCases.map(\.rawValue)), help: "the API version (default v3, the current one)")
    static let region = OptionSpec("region", .text(placeholder: "NAME"), help: "the grid region (balancing authority), such as CAISO_NORTH")
        .conflicting(with: "latitude", "longitude", message: "give --region or --latitude/--longitude, not both")
    static let latitude = OptionSpec("latitude", .text(placeholder: "DEGREES"), help: "with --longitude, look the region up for this place (v2, v3)")
        .requiring("longitude", message: "--latitude and --longitude go together")
    static let longitude = OptionSpec("longitude", .text(placeholder: "DEGREES"), help: "with --latitude, look the region up for this place (v2, v3)")
        .requiring("latitude", message: "--latitude and --longitude go together")
    static let signal = OptionSpec("signal", .choice(WattTime.Signal.allCases.map(\.rawValue)), domainKey: "WattTime.signal",
                                   help: "v3: the percentile index (default) or the latest MOER")
    static let tokenCache = SourceOptions.askingOnly(OptionSpec("token-cache", .path, help: "keep the login token in PATH (mode 600) and reuse it until it expires"))

    static let summary = "the marginal CO2 emissions rate (MOER) of a grid region from WattTime (API v1, v2, v3)"
    static let details = "Logs in (the token can be kept with --token-cache), then asks v1 /api/v1/marginal/, v2 /v2/index or v3 /v3/signal-index (or /v3/historical with --signal moer) for --region, or for the region at --latitude/--longitude. MOER is in lb/MWh; co2_kg_per_wh = MOER x 0.45359237 / 1,000,000."
    static let options = HTTPSourceOptions.options(url: "the service root (default https://api.watttime.org; v2 https://api2.watttime.org)")
        + [api, region, latitude, longitude, signal, tokenCache]

    static func savedDriver(_ invocation: Invocation) throws -> WattTimeDriver {
        let (api, signal) = try endpoint(invocation.arguments)
        return WattTimeDriver(api: api, signal: signal, location: try location(invocation.arguments), cache: nil)
    }

    static func networkDriver(_ invocation: Invocation) throws -> (driver: WattTimeDriver, transport: HTTPSource, source: String) {
        let arguments = invocation.arguments
        let (api, signal) = try endpoint(arguments)
        guard let location = try location(arguments) else {
            throw CommandFailure.usage("which region? give --region NAME, or --latitude and --longitude")
        }
        if case .coordinates = location, api == .v1 {
            throw CommandFailure.usage("WattTime v1 has no lookup by place: give --region NAME")
        }
        let source = try HTTPSourceOptions.source(invocation, default: api.defaultRoot, what: "WattTime service") { arguments in
            let credentials = try HTTPSourceOptions.credentials(arguments)
            guard credentials != .anonymous else {
                throw CommandFailure.usage("WattTime needs a login: --user NAME with --password-file PATH or BOND_METER_PASSWORD")
            }
            return credentials
        }
        let cache = arguments.text(tokenCache).map(TokenCache.init(path:))
        if let cache {
            // Before a login is spent (they are rate-limited): the cache must be writable.
            let directory = AtomicFile.directory(of: cache.path)
            guard access(directory, W_OK) == 0 else {
                throw FileFailure(.openForWriting, "token cache " + FileFailure.quoted(cache.path), errno: errno)
            }
        }
        return (WattTimeDriver(api: api, signal: signal, location: location, cache: cache), source, source.baseURL)
    }

    /// The API version, and v3's signal.
    private static func endpoint(_ arguments: ParsedArguments) throws -> (WattTime.API, WattTime.Signal) {
        let version = WattTime.API(rawValue: arguments.text(api) ?? "v3") ?? .v3
        if arguments.given(signal) && version != .v3 {
            throw CommandFailure.usage("--signal chooses between v3's endpoints; \(version.rawValue) has one (v1 gives the MOER, v2 both)")
        }
        return (version, WattTime.Signal(rawValue: arguments.text(signal) ?? "index") ?? .index)
    }

    /// `--region`, or `--latitude` with `--longitude`; nil when none is given.
    private static func location(_ arguments: ParsedArguments) throws -> WattTime.Location? {
        let latitude = try coordinate(arguments, self.latitude, limit: 90)
        let longitude = try coordinate(arguments, self.longitude, limit: 180)
        if let latitude, let longitude { return .coordinates(latitude: latitude, longitude: longitude) }
        guard let region = arguments.text(region) else { return nil }
        guard !region.isEmpty, region.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
            throw CommandFailure.usage("--region: '\(MessageText.sanitized(region, limit: 100))' is not a region name")
        }
        return .region(region)
    }

    private static func coordinate(_ arguments: ParsedArguments, _ option: OptionSpec, limit: Int) throws -> ExactDecimal? {
        guard let text = arguments.text(option) else { return nil }
        guard let value = ExactDecimal(text), !(ExactDecimal(limit) < value), !(value < ExactDecimal(-limit)) else {
            throw CommandFailure.usage("\(option.longForm): '\(MessageText.sanitized(text, limit: 100))' is not a number of degrees from -\(limit) to \(limit)")
        }
        return value
    }
}
