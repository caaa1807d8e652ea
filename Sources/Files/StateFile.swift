import Glibc

/// Small files bond keeps between runs (a nonce file, a cursor, a token cache): read whole,
/// where a missing file means no state yet.
public enum StateFile {
    /// The bytes of `path` (at most `limit`), or nil when it does not exist.
    /// - Throws: ``FileFailure`` when it exists but cannot be opened or read.
    public static func read(_ path: String, limit: Int = 1 << 20) throws(FileFailure) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            if errno == ENOENT { return nil }
            throw FileFailure(.openForReading, FileFailure.quoted(path), errno: errno)
        }
        defer { close(descriptor) }
        return try FileReading.readAll(descriptor: descriptor, name: FileFailure.quoted(path), limit: limit)
    }
}
