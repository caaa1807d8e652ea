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
        return try readAll(descriptor: descriptor, name: displayName(path))
    }

    /// Reads `descriptor` to its end, or until `limit` bytes.
    static func readAll(descriptor: Int32, name: String, limit: Int = .max) throws -> [UInt8] {
        var info = stat()
        var capacity = 64 * 1024
        if fstat(descriptor, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG {
            capacity = max(capacity, min(Int(info.st_size) + 1, limit))
        }
        var bytes = [UInt8](repeating: 0, count: capacity)
        var count = 0
        while true {
            if count == bytes.count { bytes.append(contentsOf: repeatElement(0, count: bytes.count)) }
            let result = bytes.withUnsafeMutableBytes { buffer in
                read(descriptor, buffer.baseAddress! + count, buffer.count - count)
            }
            if result < 0 {
                if errno == EINTR { continue }
                throw FileFailure(.read, name, errno: errno)
            }
            if result == 0 { break }
            count += result
            if count >= limit { break }
        }
        bytes.removeLast(bytes.count - count)
        return bytes
    }
}
