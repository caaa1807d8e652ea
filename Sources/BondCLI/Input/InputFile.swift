import Files
import Glibc

/// Opening and reading input files; `-` is standard input.
enum InputFile {
    /// How `path` is named in messages: `standard input` for `-`, else the quoted path.
    static func displayName(_ path: String) -> String {
        path == "-" ? "standard input" : FileFailure.quoted(path)
    }

    /// Opens `path` for reading; `-` gives standard input (not to be closed).
    /// - Throws: ``FileFailure`` (a missing file or a directory exits 66, no permission 77).
    static func open(_ path: String) throws -> Int32 {
        if path == "-" { return STDIN_FILENO }
        var descriptor: Int32
        repeat {
            descriptor = Glibc.open(path, O_RDONLY | O_CLOEXEC)
        } while descriptor < 0 && errno == EINTR
        guard descriptor >= 0 else { throw FileFailure(.openForReading, displayName(path), errno: errno) }
        var info = stat()
        if fstat(descriptor, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR {
            close(descriptor)
            throw FileFailure(.openForReading, displayName(path), errno: EISDIR)
        }
        return descriptor
    }

    /// Reads everything from `path` (`-`: standard input) into memory.
    /// - Throws: ``FileFailure`` when it cannot be opened or read.
    static func readAll(_ path: String) throws -> [UInt8] {
        let descriptor = try open(path)
        defer { if descriptor != STDIN_FILENO { close(descriptor) } }
        return try FileReading.readAll(descriptor: descriptor, name: displayName(path))
    }

    /// Reads `path` (`-`: standard input) to its end, or until `limit` bytes.
    static func readAll(_ path: String, limit: Int) throws -> [UInt8] {
        let descriptor = try open(path)
        defer { if descriptor != STDIN_FILENO { close(descriptor) } }
        return try FileReading.readAll(descriptor: descriptor, name: displayName(path), limit: limit)
    }
}
