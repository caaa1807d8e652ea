import Glibc

/// An exclusive advisory lock (flock(2)) on a lock file, held until released or the process
/// ends: how two bond processes (two cron jobs) take turns on a spool, a nonce file or a log.
/// The kernel drops the lock when the process dies, so a kill -9 never leaves it held.
public final class FileLock {
    private let descriptor: Int32

    /// Opens (creating, mode 0644 less the umask) `path` and waits for the lock.
    /// - Throws: ``FileFailure`` when the lock file cannot be opened or locked.
    public init(_ path: String) throws {
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw FileFailure(.openForWriting, FileFailure.quoted(path), errno: errno) }
        while flock(descriptor, LOCK_EX) != 0 {
            if errno == EINTR { continue }
            let code = errno
            close(descriptor)
            throw FileFailure(.lock, FileFailure.quoted(path), errno: code)
        }
        self.descriptor = descriptor
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
