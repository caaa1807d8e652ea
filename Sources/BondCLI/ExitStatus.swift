import ErrorCategories

/// The exit statuses of bond, from sysexits.h, as bond(1) lists them. This is the one place
/// they are defined, with the one table that maps each kind of failure onto them
/// (``init(_:)``); ``ErrorClassifier`` applies it to errors.
public enum ExitStatus: Int32, Sendable, CaseIterable {
    /// Success; with `--keep-going`, also that no item failed.
    case ok = 0
    /// EX_USAGE: an unknown subcommand or option, a missing value, a value not of its kind.
    case usage = 64
    /// EX_DATAERR: malformed input items, or values outside their domain.
    case dataError = 65
    /// EX_NOINPUT: an input file that does not exist or cannot be opened for reading.
    case noInput = 66
    /// EX_UNAVAILABLE: a remote service refused (HTTP 4xx, a JSON-RPC error, a reverted transaction).
    case unavailable = 69
    /// EX_SOFTWARE: an internal error, a bug in bond.
    case software = 70
    /// EX_CANTCREAT: an output file cannot be created (read-only file system, must not be overwritten).
    case cannotCreate = 73
    /// EX_IOERR: an error while reading or writing (disk full, EIO).
    case ioError = 74
    /// EX_TEMPFAIL: a temporary failure that a later run may not meet (unreachable, timeout, 429, 5xx).
    case temporaryFailure = 75
    /// EX_NOPERM: permission denied, a secret file readable by others, a wrong password.
    case permission = 77
    /// EX_CONFIG: a configuration error.
    case configuration = 78

    /// The one-line meaning printed in bond(1) under EXIT STATUS.
    public var meaning: String {
        switch self {
        case .ok: return "success"
        case .usage: return "usage error: unknown subcommand or option, missing value, value not of its kind"
        case .dataError: return "bad input data: malformed item, value outside its domain"
        case .noInput: return "an input file is missing or cannot be opened"
        case .unavailable: return "a remote service refused the request"
        case .software: return "internal error"
        case .cannotCreate: return "an output file cannot be created"
        case .ioError: return "input/output error, such as a full disk"
        case .temporaryFailure: return "temporary failure: try again later"
        case .permission: return "permission denied"
        case .configuration: return "configuration error"
        }
    }

    /// The status of a failure of `category`.
    public init(_ category: ErrorCategory) {
        switch category {
        case .invalidRequest: self = .usage
        case .badInput: self = .dataError
        case .missingInput: self = .noInput
        case .refused, .unavailable: self = .unavailable
        case .internal: self = .software
        case .cannotCreate: self = .cannotCreate
        case .io: self = .ioError
        case .temporary: self = .temporaryFailure
        case .unauthorized, .permission: self = .permission
        case .configuration: self = .configuration
        }
    }
}
