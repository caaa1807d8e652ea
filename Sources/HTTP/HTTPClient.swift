import CCurlShim
import Glibc

/// An HTTP client over libcurl, loaded on first use (the CCurlShim target).
///
/// One client keeps one libcurl handle, so successive requests to the same host reuse the
/// connection. TLS peer and host verification are always on (the system CA store, or
/// ``HTTPOptions/caFile``); responses may be gzip-compressed; proxies come from the standard
/// environment variables (http_proxy, https_proxy, no_proxy), as libcurl reads them. Redirects
/// are followed here, not by libcurl, so that each target passes ``PlainHTTPRule`` first.
/// Connection failures, timeouts, 429 and 5xx are retried up to ``HTTPOptions/retries``
/// times with exponential backoff and jitter, honouring Retry-After.
public final class HTTPClient {
    public let options: HTTPOptions
    private let handle: UnsafeMutableRawPointer
    /// Notes about retries, for `-v`.
    public var onRetry: ((String) -> Void)?

    /// The largest body bond accepts, in bytes: a guard against a server that never stops.
    public static let maximumBodySize = 64 << 20
    static let maximumRedirects = 5

    /// Loads libcurl if needed and makes a client.
    /// - Throws: ``HTTPError/libcurlUnavailable(_:)`` naming the missing library or function.
    public init(options: HTTPOptions) throws(HTTPError) {
        var message = [CChar](repeating: 0, count: 512)
        guard bond_curl_load(&message, message.count) == 0 else {
            throw .libcurlUnavailable(String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        guard let handle = bond_curl_easy_init() else { throw .libcurlUnavailable("curl_easy_init failed") }
        self.handle = handle
        self.options = options
    }

    deinit {
        bond_curl_easy_cleanup(handle)
    }

    /// Sends `request`, following redirects and retrying temporary failures.
    /// - Returns: the final response, whatever its status (a 5xx only after the retries).
    /// - Throws: ``HTTPError`` for a URL the rules refuse, or a transfer that failed after the
    ///   retries.
    public func send(_ request: HTTPRequest) throws(HTTPError) -> HTTPResponse {
        var attempt = 0
        while true {
            let result = Result { () throws(HTTPError) -> HTTPResponse in try sendFollowingRedirects(request) }
            let temporary: Bool
            var retryAfter: Duration?
            switch result {
            case .success(let response):
                temporary = response.status == 429 || (500...599).contains(response.status)
                if temporary { retryAfter = HTTPClient.retryAfter(response.header("Retry-After")) }
            case .failure(let error):
                temporary = error.isTemporary
            }
            guard temporary, attempt < options.retries else { return try result.get() }
            let delay = min(retryAfter ?? backoff(attempt), options.maximumRetryDelay)
            onRetry?("\(describe(result)); retry \(attempt + 1) of \(options.retries) in \(HTTPClient.seconds(delay))")
            HTTPClient.sleep(delay)
            attempt += 1
        }
    }

    private func describe(_ result: Result<HTTPResponse, HTTPError>) -> String {
        switch result {
        case .success(let response): return "\(response.url) answered HTTP \(response.status)"
        case .failure(let error): return error.description
        }
    }

    /// Exponential backoff with full jitter: between half and all of base * 2^attempt.
    private func backoff(_ attempt: Int) -> Duration {
        let base = options.retryBaseDelay * (1 << min(attempt, 16))
        return base * Double.random(in: 0.5...1.0)
    }

    /// Follows redirects, each target checked by ``PlainHTTPRule`` (a refused target is the
    /// server's doing: ``HTTPError/redirectRefused(url:target:)``). Credentials go only to the
    /// origin they were given for: a redirect to another scheme, host or port drops the Basic
    /// credentials and the Authorization, X-API-Key and Cookie headers, as curl does.
    private func sendFollowingRedirects(_ request: HTTPRequest) throws(HTTPError) -> HTTPResponse {
        var current = request
        try PlainHTTPRule.check(current.url, allowHTTP: options.allowHTTP)
        for _ in 0...HTTPClient.maximumRedirects {
            let response = try perform(current)
            guard [301, 302, 303, 307, 308].contains(response.status), let location = redirectURL else { return response }
            do {
                try PlainHTTPRule.check(location, allowHTTP: options.allowHTTP)
            } catch {
                throw .redirectRefused(url: current.url, target: location)
            }
            if response.status == 303 || ((response.status == 301 || response.status == 302) && current.method == "POST") {
                current.method = "GET"
                current.body = nil
            }
            if URLParts(location)?.origin != URLParts(current.url)?.origin {
                current.basicAuth = nil
                current.headers.removeAll { ["authorization", "x-api-key", "cookie"].contains($0.name.lowercased()) }
            }
            current.url = location
        }
        throw .tooManyRedirects(request.url)
    }

    /// Where the last response redirects to, absolute, as libcurl resolved it.
    private var redirectURL: String? {
        var pointer: UnsafeMutablePointer<CChar>?
        guard bond_curl_getinfo_string(handle, CURLINFO_REDIRECT_URL, &pointer) == CURLE_OK, let pointer else { return nil }
        return String(cString: pointer)
    }

    /// One exchange, no retries, no redirects followed.
    private func perform(_ request: HTTPRequest) throws(HTTPError) -> HTTPResponse {
        bond_curl_easy_reset(handle)
        let sink = ResponseSink()
        let context = Unmanaged.passRetained(sink)
        defer { context.release() }
        var errorBuffer = [CChar](repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        var headerList: UnsafeMutablePointer<curl_slist>?
        defer { if let headerList { bond_curl_slist_free_all(headerList) } }
        let body = request.body ?? []
        let code: CURLcode = errorBuffer.withUnsafeMutableBufferPointer { errors in
            body.withUnsafeBufferPointer { bodyBytes in
                _ = bond_curl_setopt_string(handle, CURLOPT_URL, request.url)
                _ = bond_curl_setopt_long(handle, CURLOPT_NOSIGNAL, 1)
                _ = bond_curl_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, HTTPClient.milliseconds(options.connectTimeout))
                _ = bond_curl_setopt_long(handle, CURLOPT_TIMEOUT_MS, HTTPClient.milliseconds(options.timeout))
                _ = bond_curl_setopt_long(handle, CURLOPT_SSL_VERIFYPEER, 1)
                _ = bond_curl_setopt_long(handle, CURLOPT_SSL_VERIFYHOST, 2)
                if let caFile = options.caFile { _ = bond_curl_setopt_string(handle, CURLOPT_CAINFO, caFile) }
                _ = bond_curl_setopt_string(handle, CURLOPT_ACCEPT_ENCODING, "")
                _ = bond_curl_setopt_string(handle, CURLOPT_USERAGENT, options.userAgent)
                _ = bond_curl_setopt_long(handle, CURLOPT_FOLLOWLOCATION, 0)
                _ = bond_curl_setopt_pointer(handle, CURLOPT_ERRORBUFFER, errors.baseAddress)
                _ = bond_curl_setopt_data_callback(handle, CURLOPT_WRITEFUNCTION, ResponseSink.bodyCallback)
                _ = bond_curl_setopt_pointer(handle, CURLOPT_WRITEDATA, context.toOpaque())
                _ = bond_curl_setopt_data_callback(handle, CURLOPT_HEADERFUNCTION, ResponseSink.headerCallback)
                _ = bond_curl_setopt_pointer(handle, CURLOPT_HEADERDATA, context.toOpaque())
                if let auth = request.basicAuth {
                    _ = bond_curl_setopt_long(handle, CURLOPT_HTTPAUTH, 1)  // CURLAUTH_BASIC, a macro Swift does not import
                    _ = bond_curl_setopt_string(handle, CURLOPT_USERNAME, auth.user)
                    _ = bond_curl_setopt_string(handle, CURLOPT_PASSWORD, auth.password)
                }
                for header in request.headers {
                    headerList = bond_curl_slist_append(headerList, "\(header.name): \(header.value)")
                }
                if request.body != nil {
                    // Without this, libcurl would send "Expect: 100-continue" and wait.
                    headerList = bond_curl_slist_append(headerList, "Expect:")
                }
                if let headerList { _ = bond_curl_setopt_slist(handle, CURLOPT_HTTPHEADER, headerList) }
                switch request.method {
                case "GET": _ = bond_curl_setopt_long(handle, CURLOPT_HTTPGET, 1)
                case "POST": _ = bond_curl_setopt_long(handle, CURLOPT_POST, 1)
                default: _ = bond_curl_setopt_string(handle, CURLOPT_CUSTOMREQUEST, request.method)
                }
                if request.body != nil {
                    _ = bond_curl_setopt_long(handle, CURLOPT_POSTFIELDSIZE, body.count)
                    _ = bond_curl_setopt_pointer(handle, CURLOPT_POSTFIELDS, UnsafeMutableRawPointer(mutating: bodyBytes.baseAddress))
                }
                return bond_curl_easy_perform(handle)
            }
        }
        guard code == CURLE_OK else {
            let detail = String(decoding: errorBuffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            throw HTTPClient.error(code, url: request.url, detail: detail.isEmpty ? String(cString: bond_curl_easy_strerror(code)) : detail,
                                   overflow: sink.overflowed)
        }
        var status = 0
        _ = bond_curl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
        return HTTPResponse(status: status, headers: sink.headers, body: sink.body, url: request.url)
    }

    private static func error(_ code: CURLcode, url: String, detail: String, overflow: Bool) -> HTTPError {
        if overflow { return .tooLarge(url: url, limit: maximumBodySize) }
        switch code {
        case CURLE_COULDNT_CONNECT, CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY:
            return .unreachable(url: url, detail: detail)
        case CURLE_OPERATION_TIMEDOUT:
            return .timeout(url: url, detail: detail)
        case CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CONNECT_ERROR, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER,
             CURLE_SSL_CACERT_BADFILE, CURLE_SSL_ISSUER_ERROR, CURLE_SSL_PINNEDPUBKEYNOTMATCH, CURLE_SSL_INVALIDCERTSTATUS,
             CURLE_SSL_CRL_BADFILE, CURLE_SSL_ENGINE_INITFAILED, CURLE_SSL_ENGINE_NOTFOUND, CURLE_SSL_ENGINE_SETFAILED:
            return .tls(url: url, detail: detail)
        case CURLE_UNSUPPORTED_PROTOCOL, CURLE_URL_MALFORMAT:
            return .badURL(url)
        default:
            return .transfer(url: url, detail: detail)
        }
    }

    /// Retry-After in seconds (RFC 9110, section 10.2.3); an HTTP date is not worth parsing
    /// here and falls back to the backoff.
    static func retryAfter(_ value: String?) -> Duration? {
        guard let value, let seconds = Int(value.trimmingCharacters(" ")), seconds >= 0 else { return nil }
        return .seconds(seconds)
    }

    /// `duration` in whole milliseconds, at least 1: libcurl takes 0 as no limit at all.
    static func milliseconds(_ duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        return max(1, Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000))
    }

    static func seconds(_ duration: Duration) -> String {
        let milliseconds = milliseconds(duration)
        return "\(milliseconds / 1000).\(String(milliseconds % 1000 / 100))s"
    }

    static func sleep(_ duration: Duration) {
        let milliseconds = milliseconds(duration)
        var request = timespec(tv_sec: milliseconds / 1000, tv_nsec: (milliseconds % 1000) * 1_000_000)
        var remaining = timespec()
        while nanosleep(&request, &remaining) != 0 && errno == EINTR { request = remaining }
    }
}

/// Collects a response's headers and body from libcurl's callbacks.
private final class ResponseSink {
    var headers: [(name: String, value: String)] = []
    var body: [UInt8] = []
    var overflowed = false

    static let bodyCallback: bond_curl_data_callback = { data, size, count, context in
        guard let data, let context else { return 0 }
        let sink = Unmanaged<ResponseSink>.fromOpaque(context).takeUnretainedValue()
        let length = size * count
        if sink.body.count + length > HTTPClient.maximumBodySize {
            sink.overflowed = true
            return 0
        }
        data.withMemoryRebound(to: UInt8.self, capacity: length) { sink.body.append(contentsOf: UnsafeBufferPointer(start: $0, count: length)) }
        return length
    }

    static let headerCallback: bond_curl_data_callback = { data, size, count, context in
        guard let data, let context else { return 0 }
        let sink = Unmanaged<ResponseSink>.fromOpaque(context).takeUnretainedValue()
        let length = size * count
        let line = data.withMemoryRebound(to: UInt8.self, capacity: length) {
            String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
        }
        if line.hasPrefix("HTTP/") {
            sink.headers.removeAll()   // a new response (after 100 Continue) starts
        } else if let colon = line.firstIndex(of: ":") {
            let name = String(line[..<colon])
            let value = line[line.index(after: colon)...].trimmingCharacters(" \t\r\n")
            sink.headers.append((name, value))
        }
        return length
    }
}

extension StringProtocol {
    /// The text without leading and trailing characters from `set`.
    func trimmingCharacters(_ set: String) -> String {
        guard let first = firstIndex(where: { !set.contains($0) }), let last = lastIndex(where: { !set.contains($0) }) else { return "" }
        return String(self[first...last])
    }
}
