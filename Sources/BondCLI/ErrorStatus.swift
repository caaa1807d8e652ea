import Files
import Encoding
import Files
import HTTP
import EthCrypto
import Ethereum
import EnergyData
import ChainLog
import Configuration

/// The one table that maps an error thrown anywhere in bond to its exit status and message.
/// Domain modules throw their own error enums and know nothing of exit codes; each new module's
/// errors get their line here.
enum ErrorStatus {
    /// The exit status and the message for `error`.
    static func classify(_ error: any Error) -> (status: ExitStatus, message: String) {
        switch error {
        case let failure as CommandFailure:
            return (failure.status, failure.message)
        case let failure as FileFailure:
            let status: ExitStatus
            switch failure.kind {
            case .permission: status = .permission
            case .missingInput: status = .noInput
            case .cannotCreate: status = .cannotCreate
            case .io: status = .ioError
            }
            return (status, failure.description)
        case let error as HexError:
            return (.dataError, error.description)
        case let error as Base58Error:
            return (.dataError, error.description)
        case let error as JSONError:
            return (.dataError, error.description)
        case let error as RLPError:
            return (.dataError, error.description)
        case let error as KeystoreError:
            return (error == .macMismatch ? .permission : .dataError, error.description)
        case let error as CryptoError:
            return (error == .randomUnavailable ? .software : .dataError, error.description)
        case let error as TransactionError:
            return (.dataError, error.description)
        case let error as TransactionRequestError:
            return (.dataError, error.description)
        case let error as ABIError:
            return (.dataError, error.description)
        case let error as AddressError:
            return (.dataError, error.description)
        case let error as QuantityError:
            return (.dataError, error.description)
        case let error as HTTPError:
            return (status(of: error), error.description)
        case let failure as JSONRPCFailure:
            switch failure {
            case .http(let error): return (status(of: error), error.description)
            case .rpc, .malformed: return (.unavailable, failure.description)
            }
        case let error as SpoolError:
            return (.dataError, error.description)
        case let error as NonceFileError:
            return (.dataError, error.description)
        case let error as TransactionFillError:
            if case .chainMismatch = error { return (.dataError, error.description) }
            return (.temporaryFailure, error.description)
        case let error as SourceError:
            switch error {
            case .unauthorized: return (.permission, error.description)
            case .unavailable: return (.temporaryFailure, error.description)
            case .refused: return (.unavailable, error.description)
            }
        case let error as PayloadError:
            return (.dataError, error.description)
        case let error as XMLUnavailable:
            return (.unavailable, error.description)
        case let error as CursorError:
            return (.dataError, error.description)
        case let error as ConfigError:
            return (.configuration, error.description)
        case let error as OriginError:
            return (.dataError, error.description)
        case let error as ChainLogError:
            if case .missing = error { return (.noInput, error.description) }
            return (.dataError, error.description)
        default:
            return (.software, "internal error: \(error)")
        }
    }

    /// HTTP failures: temporary ones (unreachable, timeouts, 429, 5xx) exit 75 for cron to
    /// retry; 401 and 403 exit 77; a URL the rules refuse is a usage error; the rest 69.
    static func status(of error: HTTPError) -> ExitStatus {
        switch error {
        case .badURL, .plainHTTPRefused: return .usage
        case .status(_, let code, _) where code == 401 || code == 403: return .permission
        default: return error.isTemporary ? .temporaryFailure : .unavailable
        }
    }
}
