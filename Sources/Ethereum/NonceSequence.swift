/// The nonces that the lines of a stream without one take, as `cast` numbers a batch: the
/// first given, then one more for each transaction built with one, up to 2^64-1. A line that
/// fails takes none.
public struct NonceSequence: Sendable {
    /// The nonce the next line without one takes; nil when no first nonce was given.
    public private(set) var next: UInt64?
    /// Set once 2^64-1 was taken: there is no next.
    private var exhausted = false

    public init(first: UInt64?) {
        next = first
    }

    /// The next nonce, for a request that has none; nil without a first nonce.
    /// - Throws: ``TransactionError/noncesExhausted`` once 2^64-1 was taken.
    public func nonce() throws(TransactionError) -> UInt64? {
        if exhausted { throw .noncesExhausted }
        return next
    }

    /// Moves past the nonce ``nonce()`` gave, once its transaction is built.
    public mutating func advance() {
        guard let current = next else { return }
        if current == .max { exhausted = true } else { next = current + 1 }
    }
}
