import Encoding
import EthCrypto
import Ethereum

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
            return (failure.status, failure.description)
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
        default:
            return (.software, "internal error: \(error)")
        }
    }
}
