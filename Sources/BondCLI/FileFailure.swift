import Glibc




/// A system call on a file failed; the status follows from what was attempted and `errno`.
struct FileFailure: Error, Equatable, CustomStringConvertible {
    /// What bond was doing with the file.
    enum Operation: Equatable {
        case openForReading, read, openForWriting, write, sync
    }

    let operation: Operation
    /// How the file is named in messages: `'path'` or `standard input`.
    let name: String
    let errorNumber: Int32

    init(_ operation: Operation, _ name: String, errno errorNumber: Int32) {
        self.operation = operation
        self.name = name
        self.errorNumber = errorNumber
    }

    /// The file's path quoted for a message, whole (paths are not cut short).
    static func quoted(_ path: String) -> String { "'\(MessageText.sanitized(path, limit: 4096))'" }

    var status: ExitStatus {
        let reading = operation == .openForReading || operation == .read
        switch errorNumber {
        case EACCES, EPERM: return .permission
        case ENOENT, ENOTDIR, EISDIR, ELOOP, ENAMETOOLONG: return reading ? .noInput : .cannotCreate
        case EROFS, EEXIST: return .cannotCreate
        default: return .ioError
        }
    }

    var description: String {
        let verb: String
        switch operation {
        case .openForReading: verb = "cannot open"
        case .read: verb = "cannot read"
        case .openForWriting: verb = "cannot open for writing"
        case .write: verb = "cannot write to"
        case .sync: verb = "cannot sync"
        }
        return "\(verb) \(name): \(String(cString: strerror(errorNumber)))"
    }
}
