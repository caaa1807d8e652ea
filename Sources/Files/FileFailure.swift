import Encoding
import Glibc

/// A system call on a file failed; the status follows from what was attempted and `errno`.
public struct FileFailure: Error, Equatable, Sendable, CustomStringConvertible {
    /// What bond was doing with the file.
    public enum Operation: Equatable, Sendable {
        case openForReading, read, openForWriting, write, sync, lock, rename, remove, createDirectory
    }

    public let operation: Operation
    /// How the file is named in messages: `'path'` or `standard input`.
    public let name: String
    public let errorNumber: Int32

    public init(_ operation: Operation, _ name: String, errno errorNumber: Int32) {
        self.operation = operation
        self.name = name
        self.errorNumber = errorNumber
    }

    /// The file's path quoted for a message, whole (paths are not cut short).
    public static func quoted(_ path: String) -> String { "'\(MessageText.sanitized(path, limit: 4096))'" }

    /// What kind of failure it is, which decides the exit status (bond(1), EXIT STATUS).
    public enum Kind: Sendable {
        /// Permission denied (77).
        case permission
        /// An input that does not exist or is not a file (66).
        case missingInput
        /// An output that cannot be created (73).
        case cannotCreate
        /// Any other I/O error, such as a full disk (74).
        case io
    }

    public var kind: Kind {
        let reading = operation == .openForReading || operation == .read
        switch errorNumber {
        case EACCES, EPERM: return .permission
        case ENOENT, ENOTDIR, EISDIR, ELOOP, ENAMETOOLONG: return reading ? .missingInput : .cannotCreate
        case EROFS, EEXIST: return .cannotCreate
        default: return .io
        }
    }

    public var description: String {
        let verb: String
        switch operation {
        case .openForReading: verb = "cannot open"
        case .read: verb = "cannot read"
        case .openForWriting: verb = "cannot open for writing"
        case .write: verb = "cannot write to"
        case .sync: verb = "cannot sync"
        case .lock: verb = "cannot lock"
        case .rename: verb = "cannot rename into"
        case .remove: verb = "cannot remove"
        case .createDirectory: verb = "cannot create directory"
        }
        return "\(verb) \(name): \(String(cString: strerror(errorNumber)))"
    }
}
