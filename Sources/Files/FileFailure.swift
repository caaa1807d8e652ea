import Encoding
import ErrorCategories
import Glibc

/// A system call on a file failed; its category follows from what was attempted and `errno`.
public struct FileFailure: CategorizedError, Equatable, Sendable {
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

    /// What kind of failure it is: permission denied; an input that does not exist or is not
    /// a file; an output that cannot be created; any other I/O error, such as a full disk.
    public var category: ErrorCategory {
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
