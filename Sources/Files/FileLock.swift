import Glibc

/// An exclusive advisory lock (flock(2)) on a lock file, held until released or the process
/// ends: how two bond processes (two cron jobs) take turns on a spool, a nonce file or a log.
/// The kernel drops the lock when the process dies, so a kill -9 never leaves it held.
public final class FileLock {
    private let descriptor: Int32

    /// Opens (creating, mode 0644 less the umask) `path` and waits for the lock.
    /// - Throws: ``FileFailure`` when the lock file cannot be opened or locked.
    public init(_ path: String) throws(FileFailure) {
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw FileFailure(.openForWriting, FileFailure.quoted(path), errno: errno) }
        try FileLock.wait(descriptor, LOCK_EX, path)
        self.descriptor = descriptor
    }

    /// Waits for the lock `operation` on `descriptor`; closes it on failure.
    private static func wait(_ descriptor: Int32, _ operation: Int32, _ path: String) throws(FileFailure) {
        while flock(descriptor, operation) != 0 {
            if errno == EINTR { continue }
            let code = errno
            close(descriptor)
            throw FileFailure(.lock, FileFailure.quoted(path), errno: code)
        }
    }

    private init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    /// A shared lock for a reader (flock LOCK_SH): it waits for a holder of the exclusive lock
    /// and keeps writers out while held, and needs no write access: on a read-only log (an
    /// archive, a read-only mount) the lock file is opened for reading, and a log with no lock
    /// file has had no writer to wait for (nil).
    /// - Throws: ``FileFailure`` when the lock file exists but cannot be opened or locked.
    public static func shared(_ path: String) throws(FileFailure) -> FileLock? {
        var descriptor = open(path, O_RDONLY | O_CLOEXEC)
        if descriptor < 0 && errno == ENOENT {
            descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
            if descriptor < 0 && (errno == EROFS || errno == EACCES) { return nil }
        }
        guard descriptor >= 0 else { throw FileFailure(.openForReading, FileFailure.quoted(path), errno: errno) }
        try wait(descriptor, LOCK_SH, path)
        return FileLock(descriptor: descriptor)
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
