import Encoding
import EnergyData
import HTTP

/// The options of drivers that ask a service over HTTP: where (`--url`), as whom (`--user`
/// with `--password-file` or `BOND_METER_PASSWORD`), and the HTTP client's options; read once
/// into an ``HTTPSource``.
enum HTTPSourceOptions {
    static let user = OptionSpec("user", .text(placeholder: "NAME"), help: "the user name to log in with")
    static let passwordFile = OptionSpec("password-file", .path, help: "the password in PATH (mode 600); else BOND_METER_PASSWORD")
        .requiring("user").standing(for: "BOND_METER_PASSWORD")

    /// `--url`, saying what it names for this driver.
    static func url(_ help: String) -> OptionSpec {
        OptionSpec("url", .text(placeholder: "URL"), help: help)
            .conflicting(with: SourceOptions.file.name, message: "--file reads a saved response and --url asks the service: give one of them")
    }

    /// `--url` as the options read it, whatever its help says.
    private static let anyURL = url("the service's URL")

    /// The group in the order of help: where and as whom, the source options, the client's.
    static func options(url help: String, file: OptionSpec = SourceOptions.file) -> [OptionSpec] {
        [url(help), user, passwordFile] + SourceOptions.options(file: file) + HTTPFlags.options
    }

    /// The source the options name, with the `credentials` read once the URL is checked (the
    /// Basic ones of ``credentials(_:)`` unless the driver has others). `fallback` is the real
    /// service's address, where there is one; `what` names the source in a message.
    /// - Throws: ``CommandFailure`` (64) without a URL, or for one with credentials, a query or
    ///   a fragment; ``HTTPError`` for a URL the plain-HTTP rule refuses; what `credentials`
    ///   throws.
    static func source(_ invocation: Invocation, default fallback: String?, what: String,
                       credentials: (ParsedArguments) throws -> Credentials = credentials) throws -> HTTPSource {
        let arguments = invocation.arguments
        guard let url = arguments.text(anyURL) ?? fallback else {
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
        try PlainHTTPRule.check(url, allowHTTP: arguments.flag(HTTPFlags.allowHTTP))
        let login = try credentials(arguments)
        let diagnostics = invocation.diagnostics
        return HTTPSource(client: try HTTPFlags.client(invocation), baseURL: url, credentials: login, note: { diagnostics.note($0) })
    }

    /// `--user` with its password (`--password-file`, else `BOND_METER_PASSWORD`) as Basic
    /// credentials; anonymous without a user.
    /// - Throws: ``CommandFailure`` (64) for a user without a password; ``FileFailure`` or
    ///   ``CommandFailure`` (77) for a password file others can read, 65 for one not UTF-8.
    static func credentials(_ arguments: ParsedArguments) throws -> Credentials {
        guard let user = arguments.text(user) else { return .anonymous }
        if let path = arguments.text(passwordFile) {
            let bytes = try SecretFile.password(path)
            guard let password = String(validating: bytes, as: UTF8.self) else {
                throw CommandFailure(.dataError, "password file \(InputFile.displayName(path)) is not UTF-8 text")
            }
            return .basic(user: user, password: password)
        }
        guard let password = Environment.value("BOND_METER_PASSWORD") else {
            throw CommandFailure.usage("--user \(user) needs a password: --password-file PATH or BOND_METER_PASSWORD")
        }
        return .basic(user: user, password: password)
    }
}
