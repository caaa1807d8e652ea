import Encoding
import EnergyData
import Glibc
import HTTP

/// Where a driver reads from, as the common options say: a saved response (`--file`) or the
/// service at `--url`, with the user's credentials and an HTTP client made from the HTTP
/// options.
struct MeterSource {
    let arguments: ParsedArguments
    let invocation: Invocation

    init(_ invocation: Invocation) {
        self.invocation = invocation
        arguments = invocation.arguments
    }

    /// `--file PATH`, when the driver is to parse a saved response; refused together with
    /// `--url`, which asks the service.
    var file: String? {
        get throws {
            guard let path = arguments.text("file") else { return nil }
            if arguments.onCommandLine("url") {
                throw CommandFailure.usage("--file reads a saved response and --url asks the service: give one of them")
            }
            return path
        }
    }

    /// `--url`, else `fallback` (the real service's address where there is one), checked
    /// against the plain-HTTP rule. The driver adds its paths, so a query or fragment is
    /// refused, and so are credentials in the URL: they would show in every message.
    /// - Throws: ``CommandFailure`` (64) when there is neither; ``HTTPError`` for a refused URL.
    func url(default fallback: String?, what: String) throws -> String {
        guard let url = arguments.text("url") ?? fallback else {
            throw CommandFailure.usage("no \(what): give --url URL, or --file PATH to read a saved response")
        }
        let afterScheme = url.firstRange(of: "://").map { url[$0.upperBound...] } ?? url[...]
        let authority = afterScheme.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        if authority.contains("@") {
            throw CommandFailure.usage("--url: give the user with --user and the password with --password-file, not in the URL")
        }
        if url.contains("?") || url.contains("#") {
            throw CommandFailure.usage("--url: '\(MessageText.sanitized(url, limit: 200))' has a query or fragment; give the base URL, bond adds the paths")
        }
        try PlainHTTPRule.check(url, allowHTTP: arguments.flag("allow-http"))
        return url.hasSuffix("/") ? String(url.dropLast()) : url
    }

    /// `--user` with its password (`--password-file`, else `BOND_METER_PASSWORD`); nil when no
    /// user is given.
    /// - Throws: ``CommandFailure`` (64) for a user without a password or a password without a
    ///   user; ``FileFailure`` or ``CommandFailure`` (77) for a password file others can read.
    func credentials() throws -> (user: String, password: String)? {
        let passwordFile = arguments.text("password-file")
        guard let user = arguments.text("user") else {
            if passwordFile != nil { throw CommandFailure.usage("--password-file needs --user NAME") }
            return nil
        }
        if let passwordFile {
            let bytes = try SecretFile.password(passwordFile)
            guard let password = String(validating: bytes, as: UTF8.self) else {
                throw CommandFailure(.dataError, "password file \(InputFile.displayName(passwordFile)) is not UTF-8 text")
            }
            return (user, password)
        }
        guard let password = Environment.value("BOND_METER_PASSWORD") else {
            throw CommandFailure.usage("--user \(user) needs a password: --password-file PATH or BOND_METER_PASSWORD")
        }
        return (user, password)
    }

    /// The largest saved response `--file` reads, as over HTTP.
    static let maximumSavedSize = HTTPClient.maximumBodySize

    /// Reads a saved response (`-`: standard input), at most ``maximumSavedSize`` bytes.
    /// - Throws: ``FileFailure``; ``PayloadError`` for a larger file (a device or `/dev/zero`).
    static func readSaved(_ path: String) throws -> [UInt8] {
        let bytes = try InputFile.readAll(path, limit: maximumSavedSize + 1)
        if bytes.count > maximumSavedSize {
            throw PayloadError.invalid("\(InputFile.displayName(path)) is larger than \(maximumSavedSize >> 20) MiB: not a saved response")
        }
        return bytes
    }

    /// Refuses options that only make sense when asking the service, given with `--file`.
    func refuseWithFile(_ names: [String]) throws {
        for name in names where arguments.onCommandLine(name) {
            throw CommandFailure.usage("--\(name) applies to asking the service; with --file there is no request")
        }
    }

    /// The text of option `name` as an RFC 3339 time, in epoch seconds.
    func time(_ name: String) throws -> Int? {
        guard let text = arguments.text(name) else { return nil }
        guard let epoch = RFC3339.epoch(text) else {
            throw CommandFailure.usage("--\(name): '\(MessageText.sanitized(text, limit: 100))' is not an RFC 3339 time (such as 2018-03-15T14:30:00Z)")
        }
        return epoch
    }
}
