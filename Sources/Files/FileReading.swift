import Glibc

/// Reading a file, or a directory's names, whole.
public enum FileReading {
    /// Reads `descriptor` to its end, or until `limit` bytes (a reader that must not follow a
    /// device such as /dev/zero forever passes one, and checks whether the result reached it).
    /// `name` names the file in a read error.
    /// - Throws: ``FileFailure`` when reading fails.
    public static func readAll(descriptor: Int32, name: String, limit: Int = .max) throws(FileFailure) -> [UInt8] {
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

    /// The names in the directory `path`, without `.` and `..`, in the order readdir(3) gives
    /// them; nil when there is no such directory.
    /// - Throws: ``FileFailure`` (naming the directory `shown`, else `path`) when it exists but
    ///   cannot be read.
    public static func names(in path: String, shown: String? = nil) throws(FileFailure) -> [String]? {
        guard let stream = opendir(path) else {
            if errno == ENOENT { return nil }
            throw FileFailure(.openForReading, FileFailure.quoted(shown ?? path), errno: errno)
        }
        defer { closedir(stream) }
        var names: [String] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }
}
