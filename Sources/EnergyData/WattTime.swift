import Encoding
import HTTP

/// The WattTime marginal emissions APIs (watttime.org; versions 1, 2 and 3), as the fixture
/// README lists their paths: a login that gives a token, then one data request. MOER is in
/// pounds of CO2 per MWh (v1 says "lb/MW", meaning lb/MWh); v3's signal-index is a percentile.
public enum WattTime {
    public enum API: String, CaseIterable, Sendable {
        case v1, v2, v3

        /// The real service's root for this version.
        public var defaultRoot: String {
            switch self {
            case .v1, .v3: return "https://api.watttime.org"
            case .v2: return "https://api2.watttime.org"
            }
        }
    }

    /// What v3 is asked for: the percentile index (default) or the latest MOER.
    public enum Signal: String, CaseIterable, Sendable {
        case index, moer
    }

    /// Where the reading is wanted: a region (WattTime's balancing authority), or a place to
    /// look the region up for (v2, v3).
    public enum Location: Sendable {
        case region(String)
        case coordinates(latitude: ExactDecimal, longitude: ExactDecimal)
    }

    // MARK: - Reading saved answers

    /// The reading a data answer gives (`--file`), for the API and signal asked.
    /// - Throws: ``PayloadError`` naming the JSON pointer that is missing or wrong, or the value
    ///   no grid gives (a negative MOER, a percentile outside 0-100).
    public static func reading(_ bytes: [UInt8], api: API, signal: Signal, location: Location?) throws(PayloadError) -> CarbonReading {
        let json = try JSONValueReader.value(bytes)
        var device = Device(manufacturer: "WattTime", model: "API \(api.rawValue) " + endpointName(api, signal))
        if case .coordinates(let latitude, let longitude)? = location {
            device.latitude = latitude
            device.longitude = longitude
        }
        switch (api, signal) {
        case (.v1, _):
            guard case .array(let results) = try JSONValueReader.at("/results", in: json), !results.isEmpty else {
                throw PayloadError.invalid("/results is empty or not an array: no marginal emissions in the window")
            }
            return try checked(CarbonReading(device: device, region: try JSONValueReader.string("/results/0/ba", in: json), signalType: "co2_moer",
                                             moerLbPerMWh: try JSONValueReader.number("/results/0/marginal_carbon/value", in: json),
                                             percentile: nil, measuredEpoch: try JSONValueReader.time("/results/0/timestamp", in: json)),
                               moerAt: "/results/0/marginal_carbon/value", percentileAt: "")
        case (.v2, _):
            return try checked(CarbonReading(device: device, region: try JSONValueReader.string("/ba", in: json), signalType: "co2_moer",
                                             moerLbPerMWh: try JSONValueReader.number("/moer", in: json),
                                             percentile: try JSONValueReader.number("/percent", in: json),
                                             measuredEpoch: try JSONValueReader.time("/point_time", in: json)),
                               moerAt: "/moer", percentileAt: "/percent")
        case (.v3, .index):
            try expectUnits("percentile", in: json, otherwise: "a MOER answer of /v3/historical, not a signal index")
            let (latest, epoch) = try latestPoint(json)
            return try checked(CarbonReading(device: device, region: try JSONValueReader.string("/meta/region", in: json),
                                             signalType: try signalType(json), moerLbPerMWh: nil,
                                             percentile: try JSONValueReader.number("/data/\(latest)/value", in: json), measuredEpoch: epoch),
                               moerAt: "", percentileAt: "/data/\(latest)/value")
        case (.v3, .moer):
            try expectUnits("lbs_co2_per_mwh", in: json, otherwise: "not a MOER answer of /v3/historical")
            let (latest, epoch) = try latestPoint(json)
            return try checked(CarbonReading(device: device, region: try JSONValueReader.string("/meta/region", in: json),
                                             signalType: try signalType(json),
                                             moerLbPerMWh: try JSONValueReader.number("/data/\(latest)/value", in: json),
                                             percentile: nil, measuredEpoch: epoch),
                               moerAt: "/data/\(latest)/value", percentileAt: "")
        }
    }

    /// The index and time of the latest point of a v3 answer's `/data`, whatever their order.
    private static func latestPoint(_ json: JSONValue) throws(PayloadError) -> (index: Int, epoch: Int) {
        guard case .array(let points) = try JSONValueReader.at("/data", in: json), !points.isEmpty else {
            throw PayloadError.invalid("/data is empty or not an array: no data point in the window")
        }
        var latest = (index: 0, epoch: Int.min)
        for index in points.indices {
            let epoch = try JSONValueReader.time("/data/\(index)/point_time", in: json)
            if epoch > latest.epoch { latest = (index, epoch) }
        }
        return latest
    }

    /// `/meta/signal_type`, which must be co2_moer: other signals are in other units.
    private static func signalType(_ json: JSONValue) throws(PayloadError) -> String {
        let type = try JSONValueReader.string("/meta/signal_type", in: json)
        guard type == "co2_moer" else { throw PayloadError.invalid("/meta/signal_type is '\(type)', not co2_moer") }
        return type
    }

    /// Refuses what no grid emits: a negative MOER, a percentile outside 0 to 100, a MOER with
    /// too many digits for its rate in kg/Wh.
    private static func checked(_ reading: CarbonReading, moerAt: String, percentileAt: String) throws(PayloadError) -> CarbonReading {
        if let moer = reading.moerLbPerMWh {
            if moer.isNegative { throw PayloadError.invalid("\(moerAt): \(moer) is negative: not a MOER") }
            if reading.co2KgPerWh == nil { throw PayloadError.invalid("\(moerAt): \(moer) has too many digits for its rate in kg/Wh") }
        }
        if let percentile = reading.percentile, percentile.isNegative || ExactDecimal(100) < percentile {
            throw PayloadError.invalid("\(percentileAt): \(percentile) is not a percentile (0 to 100)")
        }
        return reading
    }

    /// Checks `/meta/units`, where the answer has it.
    private static func expectUnits(_ units: String, in json: JSONValue, otherwise: String) throws(PayloadError) {
        guard let given = try? JSONValueReader.string("/meta/units", in: json), given != units else { return }
        throw PayloadError.invalid("/meta/units is '\(given)', not '\(units)': \(otherwise)")
    }

    /// The endpoint a version and signal read: marginal, index, signal-index, historical.
    public static func endpointName(_ api: API, _ signal: Signal) -> String {
        switch (api, signal) {
        case (.v1, _): return "marginal"
        case (.v2, _): return "index"
        case (.v3, .index): return "signal-index"
        case (.v3, .moer): return "historical"
        }
    }

    // MARK: - Asking the service

    /// Logs in (or takes a cached token), looks the region up when given coordinates, and
    /// asks for the data, at `now` (epoch seconds). On a 401 with a cached token it logs in
    /// again, once; the source's `note` hears which token was used. The source's credentials
    /// are the login's (HTTP Basic: user and password).
    /// - Returns: the data answer's body.
    /// - Throws: ``SourceError``: refused, failed for now, a login or lookup answer without
    ///   what it should carry (``SourceError/answer(_:)``), a token cache that cannot be
    ///   written (``SourceError/file(_:)``).
    public static func fetch(over source: HTTPSource, api: API, location: Location, signal: Signal, cache: TokenCache?,
                             now: Int) throws(SourceError) -> [UInt8] {
        let base = source.baseURL
        let user = source.credentials.user ?? ""
        var token: String
        var fromCache = false
        if let cached = cache?.token(api: api, root: base, user: user, now: now) {
            token = cached
            fromCache = true
            source.note("using the token cached in \(cache?.path ?? "")")
        } else {
            token = try login(source, api: api, cache: cache, now: now)
        }
        func ask(_ url: String) throws(SourceError) -> HTTPResponse {
            var response = try source.send(request(url, api: api, token: token))
            if response.status == 401 && fromCache {
                source.note("the cached token was refused; logging in again")
                token = try login(source, api: api, cache: cache, now: now)
                fromCache = false
                response = try source.send(request(url, api: api, token: token))
            }
            return try SourceError.check(response, credentials: "the WattTime token of user '\(user)'")
        }
        let region: String
        switch location {
        case .region(let name):
            region = name
        case .coordinates(let latitude, let longitude):
            switch api {
            case .v1:
                throw .answer(.invalid("WattTime v1 has no region lookup by coordinates"))
            case .v2:
                let answer = try ask("\(base)/v2/ba-from-loc?latitude=\(latitude)&longitude=\(longitude)")
                region = try answerValue { () throws(PayloadError) in try JSONValueReader.string("/abbrev", in: try JSONValueReader.value(answer.body)) }
            case .v3:
                let answer = try ask("\(base)/v3/region-from-loc?latitude=\(latitude)&longitude=\(longitude)&signal_type=co2_moer")
                region = try answerValue { () throws(PayloadError) in try JSONValueReader.string("/region", in: try JSONValueReader.value(answer.body)) }
            }
        }
        let encoded = region.addingQueryEscapes
        let hourAgo = RFC3339.format(epoch: now - 3600)
        let current = RFC3339.format(epoch: now)
        let url: String
        switch (api, signal) {
        case (.v1, _): url = "\(base)/api/v1/marginal/?ba=\(encoded)&start_at=\(hourAgo)&end_at=\(current)&page_size=1&market=RTHR"
        case (.v2, _): url = "\(base)/v2/index?ba=\(encoded)&style=all"
        case (.v3, .index): url = "\(base)/v3/signal-index?region=\(encoded)&signal_type=co2_moer"
        case (.v3, .moer): url = "\(base)/v3/historical?region=\(encoded)&signal_type=co2_moer&start=\(hourAgo)&end=\(current)"
        }
        return try ask(url).body
    }

    private static func request(_ url: String, api: API, token: String) -> HTTPRequest {
        HTTPRequest(url: url, headers: [("Authorization", api == .v1 ? "Token \(token)" : "Bearer \(token)")])
    }

    /// `read` of a protocol step's answer, its failure the source's.
    private static func answerValue<T>(_ read: () throws(PayloadError) -> T) throws(SourceError) -> T {
        do {
            return try read()
        } catch {
            throw .answer(error)
        }
    }

    /// Logs in and caches the token (v1: a form POST; v2, v3: HTTP Basic).
    private static func login(_ source: HTTPSource, api: API, cache: TokenCache?, now: Int) throws(SourceError) -> String {
        let base = source.baseURL
        let (user, password): (String, String)
        if case .basic(let name, let secret) = source.credentials { (user, password) = (name, secret) } else { (user, password) = ("", "") }
        let request: HTTPRequest
        switch api {
        case .v1:
            let form = "username=\(user.addingQueryEscapes)&password=\(password.addingQueryEscapes)"
            request = HTTPRequest(method: "POST", url: "\(base)/api/v1/obtain-token-auth/",
                                  headers: [("Content-Type", "application/x-www-form-urlencoded")], body: Array(form.utf8))
        case .v2:
            request = HTTPRequest(url: "\(base)/v2/login", basicAuth: (user, password))
        case .v3:
            request = HTTPRequest(url: "\(base)/login", basicAuth: (user, password))
        }
        let name = "the WattTime credentials of user '\(user)'"
        let answer = try source.send(request)
        // v1's obtain-token-auth (Django REST framework) refuses a wrong password with 400.
        if api == .v1 && answer.status == 400 {
            throw .unauthorized(url: answer.url, status: 400, credentials: name, message: SourceError.serviceMessage(answer))
        }
        let response = try SourceError.check(answer, credentials: name)
        let token = try answerValue { () throws(PayloadError) in try JSONValueReader.string("/token", in: try JSONValueReader.value(response.body)) }
        // The token goes into a header: only visible ASCII, or it could add headers of its own.
        guard !token.isEmpty, token.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
            throw .answer(.invalid("/token holds characters a token cannot (only visible ASCII)"))
        }
        do {
            try cache?.store(token: token, api: api, root: base, user: user, expires: TokenCache.expiry(of: token, loggedInAt: now))
        } catch {
            throw .file(error)
        }
        return token
    }
}

extension String {
    /// The text with everything but unreserved characters (RFC 3986, section 2.3) escaped.
    var addingQueryEscapes: String {
        var out = ""
        for byte in utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return out
    }
}
