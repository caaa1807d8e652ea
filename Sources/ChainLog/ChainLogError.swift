import ErrorCategories
import Files

/// Why a log cannot be read, appended to or trusted: a missing log is a missing input, a file
/// that cannot be read or written is the file's failure, everything else is bad input.
public enum ChainLogError: CategorizedError, Equatable, Sendable {
    /// The directory does not exist (read commands never create it).
    case missing(String)
    /// The directory exists but is not a log: what is missing or foreign in it.
    case notALog(String, String)
    /// The log has no entries.
    case empty(String)
    /// Entry `index` was asked for, but the log has `count`.
    case noEntry(index: Int, count: Int)
    /// A tree size beyond the log's.
    case sizeTooLarge(size: Int, count: Int)
    /// The index line of entry `index` is not what the format says.
    case indexLine(Int, String)
    /// The log is altered or broken at `index`: what broke, and what to run next about it.
    case broken(index: Int, String, next: NextStep? = nil)
    /// A proof that does not verify, or is not a proof: what failed.
    case proof(String)
    /// The text (from the named source) is not a proof line; the advice names the proving
    /// operation by the key `ChainLog.prove`.
    case notAProofLine(String)
    /// A file of the log could not be opened, read, written or synced.
    case file(FileFailure)

    /// What to run about a broken log. The advice names the log's full check by the key
    /// `ChainLog.verify` and its repair by `ChainLog.repair`.
    public enum NextStep: Sendable, Equatable {
        /// The full check (``ChainLog/verify(from:trustedChainHash:)``) says more.
        case verify
        /// The full check names the index line that was altered.
        case verifyNamesLine
        /// Repair (``ChainLog/repair()``) completes or drops an unfinished append.
        case repair
    }

    public var category: ErrorCategory {
        switch self {
        case .missing: return .missingInput
        case .file(let failure): return failure.category
        default: return .badInput
        }
    }

    public var description: String { description(naming: { _ in nil }) }

    public func description(naming name: (String) -> String?) -> String {
        switch self {
        case .missing(let directory):
            return "no log at \(FileFailure.quoted(directory)): the directory does not exist"
        case .notALog(let directory, let reason):
            return "\(FileFailure.quoted(directory)) is not a chain log: \(reason)"
        case .empty(let directory):
            return "the log \(FileFailure.quoted(directory)) has no entries"
        case .noEntry(let index, let count):
            if count == 0 { return "no entry \(index): there are no entries" }
            return "no entry \(index): the log has \(count) \(count == 1 ? "entry" : "entries") (0 to \(count - 1))"
        case .sizeTooLarge(let size, let count):
            return "tree size \(size) is larger than the log (\(count) \(count == 1 ? "entry" : "entries"))"
        case .indexLine(let index, let reason):
            return "index.tsv line \(index + 1) (entry \(index)) \(reason)"
        case .broken(let index, let reason, let next):
            return "entry \(index): \(reason)" + (next.flatMap { ChainLogError.advice($0, name) } ?? "")
        case .proof(let reason):
            return reason
        case .notAProofLine(let source):
            return "\(source) is not a proof line: expected " + (name("ChainLog.prove").map { "the JSON object '\($0)' prints" } ?? "the JSON object of an inclusion proof")
        case .file(let failure):
            return failure.description
        }
    }

    private static func advice(_ next: NextStep, _ name: (String) -> String?) -> String? {
        switch next {
        case .verify: return name("ChainLog.verify").map { "; \($0) says more" }
        case .verifyNamesLine: return name("ChainLog.verify").map { "; \($0) names the line" }
        case .repair: return name("ChainLog.repair").map { "; \($0) completes or drops it" }
        }
    }
}

extension ChainLogError {
    /// Runs `operation` on a file of the log, its failure as ``file(_:)``.
    static func fileOperation<T>(_ operation: @autoclosure () throws(FileFailure) -> T) throws(ChainLogError) -> T {
        do {
            return try operation()
        } catch {
            throw .file(error)
        }
    }
}
