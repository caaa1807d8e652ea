import Files

/// Why a log cannot be read, appended to or trusted. The CLI maps these onto exit statuses:
/// a missing log 66, everything else 65 (../shared/DESIGN.md).
public enum ChainLogError: Error, Equatable, Sendable, CustomStringConvertible {
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
    /// verify found the log altered or broken at `index`: what broke.
    case broken(index: Int, String)
    /// A proof that does not verify, or is not a proof: what failed.
    case proof(String)

    public var description: String {
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
        case .broken(let index, let reason):
            return "entry \(index): \(reason)"
        case .proof(let reason):
            return reason
        }
    }
}
