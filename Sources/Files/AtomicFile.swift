import Glibc

/// Files written whole or not at all.
public enum AtomicFile {
    /// Creates `path` holding `contents` with permission `mode`, never over an existing file:
    /// the bytes go to a temporary file beside it (named with a leading dot), are synced, and
    /// are linked to `path` (link(2) fails if `path` exists), then the directory is synced.
    /// - Throws: ``FileFailure`` (an existing `path`: EEXIST).
    public static func create(_ path: String, contents: [UInt8], mode: mode_t) throws(FileFailure) {
        let directory = AtomicFile.directory(of: path)
        let temporary = directory + "/." + AtomicFile.baseName(of: path) + ".tmp-\(getpid())"
        try writeSynced(temporary, contents: contents, mode: mode, exclusive: true, name: FileFailure.quoted(path))
        guard link(temporary, path) == 0 else {
            let code = errno
            unlink(temporary)
            throw FileFailure(.openForWriting, FileFailure.quoted(path), errno: code)
        }
        unlink(temporary)
        syncDirectory(directory)
    }

    /// Replaces `path` with `contents` atomically: a temporary file beside it (leading dot),
    /// synced, renamed over `path`, then the directory synced. Readers see the old or the new
    /// contents, never a mix; a crash leaves one of the two.
    /// - Throws: ``FileFailure``.
    public static func replace(_ path: String, contents: [UInt8], mode: mode_t = 0o644) throws(FileFailure) {
        let directory = AtomicFile.directory(of: path)
        let temporary = directory + "/." + AtomicFile.baseName(of: path) + ".tmp-\(getpid())"
        try writeSynced(temporary, contents: contents, mode: mode, exclusive: false, name: FileFailure.quoted(path))
        guard rename(temporary, path) == 0 else {
            let code = errno
            unlink(temporary)
            throw FileFailure(.rename, FileFailure.quoted(path), errno: code)
        }
        syncDirectory(directory)
    }

    /// Writes `contents` to a new file at `path` (over an old one unless `exclusive`, where an
    /// existing `path` fails with EEXIST) and fsyncs it; on any failure the file is removed.
    /// `name` names it in errors. The directory is not synced: the caller decides when.
    /// - Throws: ``FileFailure``.
    public static func writeSynced(_ path: String, contents: [UInt8], mode: mode_t, exclusive: Bool, name: String) throws(FileFailure) {
        let descriptor = open(path, O_WRONLY | O_CREAT | (exclusive ? O_EXCL : O_TRUNC) | O_CLOEXEC, mode)
        guard descriptor >= 0 else { throw FileFailure(.openForWriting, name, errno: errno) }
        do {
            try writeAll(descriptor, contents, name: name)
            try sync(descriptor, name: name)
            close(descriptor)
        } catch {
            close(descriptor)
            unlink(path)
            throw error
        }
    }

    /// fsync(2) of an open file or directory.
    /// - Throws: ``FileFailure`` naming it `name`.
    public static func sync(_ descriptor: Int32, name: String) throws(FileFailure) {
        guard fsync(descriptor) == 0 else { throw FileFailure(.sync, name, errno: errno) }
    }

    /// fsync(2) of the file or directory at `path`, opened for it.
    /// - Throws: ``FileFailure`` when it cannot be opened or synced.
    public static func sync(_ path: String, directory: Bool) throws(FileFailure) {
        let descriptor = open(path, (directory ? O_RDONLY | O_DIRECTORY : O_WRONLY) | O_CLOEXEC)
        guard descriptor >= 0 else { throw FileFailure(directory ? .openForReading : .openForWriting, FileFailure.quoted(path), errno: errno) }
        defer { close(descriptor) }
        try sync(descriptor, name: FileFailure.quoted(path))
    }

    /// Writes all of `bytes` to `descriptor`, going on after short writes and EINTR; `name`
    /// names the file in errors.
    /// - Throws: ``FileFailure`` (operation write) when a write fails.
    public static func writeAll(_ descriptor: Int32, _ bytes: [UInt8], name: String) throws(FileFailure) {
        var offset = 0
        while offset < bytes.count {
            let result = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress! + offset, bytes.count - offset) }
            if result < 0 {
                if errno == EINTR { continue }
                throw FileFailure(.write, name, errno: errno)
            }
            offset += result
        }
    }

    /// Syncs `directory` where it can: a directory that cannot be opened or synced (some file
    /// systems refuse) leaves the file written, so it is not an error here.
    public static func syncDirectory(_ directory: String) {
        try? sync(directory, directory: true)
    }

    public static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    public static func baseName(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }

    /// `path` made absolute against the working directory.
    public static func absolute(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        guard getcwd(&buffer, buffer.count) != nil else { return path }
        let cwd = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return (cwd == "/" ? "" : cwd) + "/" + (path.hasPrefix("./") ? String(path.dropFirst(2)) : path)
    }
}
