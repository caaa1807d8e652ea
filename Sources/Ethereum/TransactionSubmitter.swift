import Encoding
import Glibc
import Hashing

/// Submits signed transactions to one node and follows them to their receipts, as
/// `send-tx` does: resubmitting is safe (a transaction the node already has counts as sent),
/// and a receipt is polled with a growing pause (50 ms doubling to 1 s) until a deadline,
/// optionally until a number of blocks are on top of it.
public final class TransactionSubmitter {
    public let node: EthereumNode
    /// Notes for `-v`: a transaction the node knew already.
    public var onNote: ((String) -> Void)?

    public init(node: EthereumNode) {
        self.node = node
    }

    /// eth_sendRawTransaction of `raw`, whose hash is `hash`, idempotently: when the node
    /// refuses the transaction but knows it (geth's "already known", Nethermind's
    /// "AlreadyKnown", OpenEthereum's "Transaction with the same hash was already imported.",
    /// "nonce too low" for a mined one...), it is sent.
    /// - Throws: ``SubmissionError/refused(hash:message:)`` when the node refuses a transaction it
    ///   does not have; ``SubmissionError/wrongHash(sent:answered:)``;
    ///   ``SubmissionError/node(_:)`` when the node cannot be asked.
    public func submit(raw: [UInt8], hash: Bytes32) throws(SubmissionError) {
        let answered: Bytes32
        do {
            answered = try node.sendRawTransaction(raw)
        } catch .rpc(let refusal) {
            let known: Bool
            do {
                known = try node.knowsTransaction(hash)
            } catch {
                throw .node(error)
            }
            guard known else { throw .refused(hash: hash, message: refusal.message) }
            onNote?("the node knows \(Hex.encode(hash)) already (\(refusal.message))")
            return
        } catch {
            throw .node(error)
        }
        guard answered == hash else { throw .wrongHash(sent: hash, answered: answered) }
    }

    /// The receipt of `hash`, once mined with `confirmations` blocks on top (0: mined),
    /// polled until `timeout` has passed.
    /// - Throws: ``SubmissionError/notMined(hash:confirmations:seconds:)`` (temporary) at the
    ///   deadline; ``SubmissionError/node(_:)`` when the node cannot be asked.
    public func receipt(of hash: Bytes32, timeout: Duration, confirmations: UInt64) throws(SubmissionError) -> Receipt {
        let deadline = TransactionSubmitter.now() + TransactionSubmitter.seconds(timeout)
        var delay = 0.05
        while true {
            do {
                if let receipt = try node.receipt(hash) {
                    if confirmations == 0 { return receipt }
                    if try node.blockNumber() >= receipt.blockNumber + confirmations { return receipt }
                }
            } catch {
                throw .node(error)
            }
            guard TransactionSubmitter.now() + delay < deadline else {
                throw .notMined(hash: hash, confirmations: confirmations, seconds: TransactionSubmitter.seconds(timeout))
            }
            var pause = timespec(tv_sec: Int(delay), tv_nsec: Int((delay - Double(Int(delay))) * 1e9))
            nanosleep(&pause, nil)
            delay = min(delay * 2, 1.0)
        }
    }

    private static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    private static func seconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
