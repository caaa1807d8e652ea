import Glibc

/// `watttime`: the marginal CO2 emissions rate (MOER) of a grid region from WattTime's APIs
/// v1, v2 and v3 (``WattTime``), after a login whose token a cache may keep between runs.
public struct WattTimeDriver: MeterDriver {
    public static let name = "watttime"

    public let api: WattTime.API
    /// v3's endpoint: the percentile index or the latest MOER.
    public let signal: WattTime.Signal
    /// The region, or the place to look it up for; with saved answers, a place only gives the
    /// device its coordinates.
    public let location: WattTime.Location?
    public let cache: TokenCache?

    public init(api: WattTime.API, signal: WattTime.Signal, location: WattTime.Location?, cache: TokenCache?) {
        self.api = api
        self.signal = signal
        self.location = location
        self.cache = cache
    }

    /// The data answer.
    public struct Payload: MeterPayload {
        public let answer: SourceAnswer
    }

    public func identity(saved: Bool) -> [LineField] {
        guard !saved else { return [LineField("api", api.rawValue)] }
        var region: String?
        if case .region(let name)? = location { region = name }
        return [LineField("api", api.rawValue), LineField("region", region)]
    }

    /// Logs in (or reuses the cached token) and asks for the signal now.
    /// - Throws: ``SourceError``, as ``WattTime/fetch(over:api:location:signal:cache:now:)``.
    public func fetch(over transport: HTTPSource) throws(SourceError) -> Payload {
        let location = location ?? .region("")
        let data = try WattTime.fetch(over: transport, api: api, location: location, signal: signal, cache: cache, now: Int(time(nil)))
        return Payload(answer: SourceAnswer(data))
    }

    public func payload(saved answer: SourceAnswer) -> Payload {
        Payload(answer: answer)
    }

    /// The signal's reading in the data answer.
    /// - Throws: ``PayloadError`` naming the JSON pointer (and the saved file) that is wrong.
    public func read(_ payload: Payload) throws(PayloadError) -> ReadOutcome<CarbonReading> {
        let what = "a WattTime \(api.rawValue) \(WattTime.endpointName(api, signal)) answer"
        let reading = try payload.answer.read(as: what) { bytes throws(PayloadError) in
            try WattTime.reading(bytes, api: api, signal: signal, location: location)
        }
        return .reading(reading, fields: [LineField("api", api.rawValue)])
    }
}
