/// An error that says what kind of failure it is. Every error type of bond's domain modules
/// conforms: its ``category`` decides the exit status, its message names what was wrong and
/// where, and never a secret.
///
/// A message that tells the user what to give or run names it in the domain's own terms, by
/// a key: a record field (`gasPrice`), or a domain operation (`NonceFile`, `ChainLog.verify`).
/// A front end that gives those by other means (the command line's `--gas-price`) words the
/// message with ``description(naming:)``; `description` leaves such advice out where the
/// domain has no words for it.
public protocol CategorizedError: Error, CustomStringConvertible {
    /// What kind of failure this is.
    var category: ErrorCategory { get }

    /// The message, with `name` saying how the front end names a key the advice refers to;
    /// nil for a key it has no name for. Errors that advise nothing give `description`.
    func description(naming name: (String) -> String?) -> String
}

extension CategorizedError {
    public func description(naming name: (String) -> String?) -> String { description }
}
