/// What kind of failure an error is: the distinctions an operator or a cron job acts on, and
/// from which the command line picks its exit status (sysexits.h; bond(1), EXIT STATUS).
/// Every error a domain module throws has one (``CategorizedError``); the modules know nothing
/// of exit codes, and BondCLI maps each category to one status in one table.
public enum ErrorCategory: Sendable, CaseIterable {
    /// A request the rules refuse before anything is done: a URL that is not http or https,
    /// plain HTTP to a public host. The caller asked for it (exit 64).
    case invalidRequest
    /// Input that is not what it must be: a malformed record, a value outside its domain, a
    /// payload that is not the driver's (exit 65).
    case badInput
    /// An input that does not exist or is not a file (exit 66).
    case missingInput
    /// The remote side refused: an HTTP 4xx, a JSON-RPC error, a TLS certificate that does not
    /// verify, a redirect bond does not follow (exit 69).
    case refused
    /// A library bond loads on first use is missing or lacks a function (libcurl, libxml2)
    /// (exit 69).
    case unavailable
    /// A bug in bond, or a failure no input can cause (exit 70).
    case `internal`
    /// An output that cannot be created: a read-only file system, a file that must not be
    /// overwritten (exit 73).
    case cannotCreate
    /// Reading or writing failed: a full disk, EIO (exit 74).
    case io
    /// A failure a later attempt may not meet: unreachable, timed out, HTTP 429 or 5xx after
    /// the retries (exit 75).
    case temporary
    /// Credentials were refused: HTTP 401 or 403, a wrong keystore password (exit 77).
    case unauthorized
    /// The system refused access: a permission bit, a secret file others can read (exit 77).
    case permission
    /// A config file or profile that cannot be used (exit 78).
    case configuration

    /// Whether a failure of this kind, met while reading a source, is the source's: it
    /// refused, failed for now, refused the credentials, or answered with what is not a
    /// reading. These are what `read-meter --emit-failure` reports as the meter being down;
    /// the others are on bond's side of the line (its files, its libraries, its request).
    public var isSourceSide: Bool {
        switch self {
        case .badInput, .refused, .temporary, .unauthorized: return true
        default: return false
        }
    }
}
