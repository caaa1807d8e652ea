import Encoding
import Files
import Glibc
import Hashing

/// A tamper-evident log of raw readings (bond-chain-log(1), FORMAT): a directory holding each
/// entry's bytes in `entries/NNNNNNNNNNNN`, an append-only `index.tsv` with each entry's
/// SHA-256 and chain hash, and the lock file `.lock` that appenders take turns on.
///
/// `chain_hash_i = SHA-256(chain_hash_(i-1) || content_sha256_i)`, with 32 zero bytes before
/// entry 0: the bytes32 the Origin contracts keep as `_lastSmartMeterReadFileHash`. The
/// Merkle tree (RFC 9162) is over the content hashes.
public final class ChainLog {
    /// The log's directory, absolute.
    public let directory: String

    static let indexName = "index.tsv"
    static let entriesName = "entries"
    static let lockName = ".lock"
    /// Where an entry is written before it is renamed into entries/.
    static let pendingName = ".pending"

    /// The chain hash before entry 0.
    public static let genesis = Bytes32.zero

    var indexPath: String { directory + "/" + ChainLog.indexName }
    var entriesPath: String { directory + "/" + ChainLog.entriesName }
    var lockPath: String { directory + "/" + ChainLog.lockName }
    var pendingPath: String { directory + "/" + ChainLog.pendingName }

    /// The absolute path of entry `index`'s file.
    public func entryPath(_ index: Int) -> String { directory + "/" + IndexRecord.file(of: index) }

    private init(directory: String) {
        self.directory = directory
    }

    /// Opens the log in `directory`.
    /// - Throws: ``ChainLogError/missing(_:)`` when there is no such directory,
    ///   ``ChainLogError/notALog(_:_:)`` when it lacks index.tsv or entries/, ``FileFailure``.
    public static func open(_ directory: String) throws(ChainLogError) -> ChainLog {
        let log = ChainLog(directory: AtomicFile.absolute(directory))
        var info = stat()
        guard stat(log.directory, &info) == 0 else {
            if errno == ENOENT { throw ChainLogError.missing(directory) }
            throw .file(FileFailure(.openForReading, FileFailure.quoted(directory), errno: errno))
        }
        guard info.st_mode & S_IFMT == S_IFDIR else { throw ChainLogError.notALog(directory, "it is not a directory") }
        guard lstat(log.indexPath, &info) == 0 else { throw ChainLogError.notALog(directory, "it has no index.tsv") }
        guard info.st_mode & S_IFMT == S_IFREG else { throw ChainLogError.notALog(directory, "its index.tsv is not a regular file") }
        guard stat(log.entriesPath, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else {
            throw ChainLogError.notALog(directory, "it has no entries/ directory")
        }
        return log
    }

    /// Opens the log in `directory`, creating it (and the directory, mode 0755) when it does
    /// not exist or is an empty directory; a directory with other things in it is refused.
    /// - Throws: ``ChainLogError/notALog(_:_:)``, ``FileFailure`` (73 when it cannot be created).
    public static func openOrCreate(_ directory: String) throws(ChainLogError) -> ChainLog {
        let absolute = AtomicFile.absolute(directory)
        if mkdir(absolute, 0o755) != 0 && errno != EEXIST {
            throw .file(FileFailure(.createDirectory, FileFailure.quoted(directory), errno: errno))
        }
        var info = stat()
        if stat(absolute, &info) == 0 && info.st_mode & S_IFMT != S_IFDIR {
            throw ChainLogError.notALog(directory, "it is not a directory")
        }
        if access(absolute + "/" + indexName, F_OK) != 0 {
            try create(absolute, name: directory)
        }
        return try open(directory)
    }

    /// Makes an empty log in the existing, empty directory `path`, under its lock. Each step
    /// can be interrupted: what an earlier, killed creation left (.lock, an empty entries/) is
    /// taken up again; index.tsv comes last, so a directory without it is not yet a log.
    private static func create(_ path: String, name: String) throws(ChainLogError) {
        try checkEmpty(path, name: name)  // before the lock file, which would be left in a foreign directory
        let lock = try ChainLogError.fileOperation(FileLock(path + "/" + lockName))
        defer { _ = lock }
        if access(path + "/" + indexName, F_OK) == 0 { return }  // another process made it meanwhile
        try checkEmpty(path, name: name)
        if mkdir(path + "/" + entriesName, 0o755) != 0 && errno != EEXIST {
            throw .file(FileFailure(.createDirectory, FileFailure.quoted(path + "/" + entriesName), errno: errno))
        }
        AtomicFile.syncDirectory(path + "/" + entriesName)
        // An empty index needs no temporary file: created, synced, and the directory synced.
        try ChainLogError.fileOperation(AtomicFile.writeSynced(path + "/" + indexName, contents: [], mode: 0o644, exclusive: true,
                                                               name: FileFailure.quoted(path + "/" + indexName)))
        AtomicFile.syncDirectory(path)
    }

    /// Refuses a directory holding anything but what a killed creation leaves (.lock, an empty
    /// entries/).
    private static func checkEmpty(_ path: String, name: String) throws(ChainLogError) {
        guard let names = try ChainLogError.fileOperation(FileReading.names(in: path, shown: name)) else {
            throw .file(FileFailure(.openForReading, FileFailure.quoted(name), errno: ENOENT))
        }
        var foreign = names.first { $0 != lockName && $0 != entriesName }
        if foreign == nil, let entries = (try? FileReading.names(in: path + "/" + entriesName)) ?? nil, let first = entries.first {
            foreign = entriesName + "/" + first
        }
        if let foreign {
            throw ChainLogError.notALog(name, "it is not empty (it holds '\(MessageText.sanitized(foreign, limit: 80))') and has no index.tsv")
        }
    }

    /// Takes the log's lock (flock on .lock), waiting for another appender to finish.
    /// - Throws: ``ChainLogError/file(_:)`` when the lock file cannot be opened or locked.
    public func lock() throws(ChainLogError) -> FileLock {
        try ChainLogError.fileOperation(FileLock(lockPath))
    }

    /// Takes the log's lock shared, as a reader: appenders wait, other readers do not, and no
    /// write access is needed (nil on a log no one could write).
    /// - Throws: ``ChainLogError/file(_:)`` when the lock file exists but cannot be opened or locked.
    public func readLock() throws(ChainLogError) -> FileLock? {
        try ChainLogError.fileOperation(FileLock.shared(lockPath))
    }

    // MARK: - Reading the index

    /// The size of index.tsv in bytes.
    func indexSize() throws(ChainLogError) -> Int {
        var info = stat()
        guard stat(indexPath, &info) == 0 else { throw .file(FileFailure(.openForReading, FileFailure.quoted(indexPath), errno: errno)) }
        return Int(info.st_size)
    }

    /// The number of entries: complete lines of index.tsv (a line cut short by a crash is
    /// left to ``repair()``).
    /// - Throws: ``ChainLogError/file(_:)`` when index.tsv cannot be read.
    public func count() throws(ChainLogError) -> Int {
        try indexSize() / IndexRecord.lineLength
    }

    /// The index record of entry `index`, read alone.
    /// - Throws: ``ChainLogError/noEntry(index:count:)``, ``ChainLogError/indexLine(_:_:)``.
    public func record(_ index: Int) throws(ChainLogError) -> IndexRecord {
        let count = try count()
        guard index >= 0, index < count else { throw ChainLogError.noEntry(index: index, count: count) }
        let line = try readIndex(from: index * IndexRecord.lineLength, length: IndexRecord.lineLength)
        guard line.last == 0x0A else { throw ChainLogError.indexLine(index, "does not end its line where the format says") }
        return try IndexRecord.parse(line.dropLast(), expected: index)
    }

    /// Every index record of a complete line, in order: index.tsv read once and split at its
    /// LFs, so that a line altered to another length is named as such.
    /// - Throws: ``ChainLogError/indexLine(_:_:)`` for a line that is not an index record;
    ///   ``ChainLogError/file(_:)`` when index.tsv cannot be read.
    public func records() throws(ChainLogError) -> [IndexRecord] {
        let bytes = try readIndex(from: 0, length: try indexSize())
        var out: [IndexRecord] = []
        out.reserveCapacity(bytes.count / IndexRecord.lineLength)
        var start = 0
        while let end = bytes[start...].firstIndex(of: 0x0A) {
            out.append(try IndexRecord.parse(bytes[start..<end], expected: out.count))
            start = end + 1
        }
        return out
    }

    /// Whether index.tsv ends in part of a line (an append stopped while writing it), how many
    /// complete lines (and bytes) come before,
    /// and the file's size (`completeBytes` is -1 when no LF was found near its end).
    func unfinishedIndexLine() throws(ChainLogError) -> (unfinished: Bool, completeLines: Int, completeBytes: Int, size: Int) {
        let size = try indexSize()
        guard size > 0 else { return (false, 0, 0, 0) }
        let window = min(size, 4096)
        let tail = try readIndex(from: size - window, length: window)
        if tail.last == 0x0A { return (false, size / IndexRecord.lineLength, size, size) }
        guard let lastLF = tail.lastIndex(of: 0x0A) else {
            return (true, 0, size <= window ? 0 : -1, size)
        }
        let completeBytes = size - window + lastLF + 1
        return (true, completeBytes / IndexRecord.lineLength, completeBytes, size)
    }

    func readIndex(from offset: Int, length: Int) throws(ChainLogError) -> [UInt8] {
        let descriptor = Glibc.open(indexPath, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .file(FileFailure(.openForReading, FileFailure.quoted(indexPath), errno: errno)) }
        defer { close(descriptor) }
        var bytes = [UInt8](repeating: 0, count: length)
        var done = 0
        while done < length {
            let result = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress! + done, length - done, off_t(offset + done)) }
            if result < 0 {
                if errno == EINTR { continue }
                throw .file(FileFailure(.read, FileFailure.quoted(indexPath), errno: errno))
            }
            if result == 0 { break }
            done += result
        }
        return Array(bytes[0..<done])
    }

    /// The bytes of entry `index`.
    /// - Throws: ``ChainLogError/broken(index:_:next:)`` when its file is missing or not a
    ///   regular file; ``ChainLogError/file(_:)`` when it cannot be read.
    public func content(_ index: Int) throws(ChainLogError) -> [UInt8] {
        try EntryReader.readAll(entryPath(index), index: index)
    }

    /// chain_hash_i from chain_hash_(i-1) and content_sha256_i.
    public static func chainHash(previous: Bytes32, content: Bytes32) -> Bytes32 {
        var hasher = SHA256()
        hasher.update(previous)
        hasher.update(content)
        return hasher.finalize()
    }
}

/// Reading entry files: regular files only, never followed through a symbolic link and never
/// blocking on a FIFO or device someone put in their place.
enum EntryReader {
    /// Opens entry `index` (`name` in the directory `directory`, or the path `name`).
    /// - Returns: the descriptor, or nil when the file does not exist.
    /// - Throws: ``ChainLogError/broken(index:_:)`` for a symbolic link or a file that is not
    ///   regular; ``FileFailure`` otherwise.
    static func open(_ name: String, in directory: Int32 = AT_FDCWD, index: Int, shown: String) throws(ChainLogError) -> Int32? {
        let descriptor = openat(directory, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else {
            switch errno {
            case ENOENT: return nil
            case ELOOP: throw ChainLogError.broken(index: index, "\(shown) is a symbolic link, not an entry")
            default: throw .file(FileFailure(.openForReading, FileFailure.quoted(shown), errno: errno))
            }
        }
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            close(descriptor)
            throw ChainLogError.broken(index: index, "\(shown) is not a regular file")
        }
        return descriptor
    }

    /// The bytes of entry `index` at `path`.
    static func readAll(_ path: String, index: Int = -1) throws(ChainLogError) -> [UInt8] {
        guard let descriptor = try open(path, index: index, shown: path) else {
            throw ChainLogError.broken(index: index, "entry missing: \(path) does not exist")
        }
        defer { close(descriptor) }
        return try ChainLogError.fileOperation(FileReading.readAll(descriptor: descriptor, name: FileFailure.quoted(path)))
    }

    /// SHA-256 of the file `descriptor` reads, through `buffer`.
    static func sha256(_ descriptor: Int32, shown: String, buffer: inout [UInt8]) throws(ChainLogError) -> Bytes32 {
        var hasher = SHA256()
        while true {
            let result = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if result < 0 {
                if errno == EINTR { continue }
                throw .file(FileFailure(.read, FileFailure.quoted(shown), errno: errno))
            }
            if result == 0 { break }
            buffer.withUnsafeBytes { hasher.update(UnsafeRawBufferPointer(rebasing: $0[0..<result])) }
        }
        return hasher.finalize()
    }

    /// SHA-256 of entry `index` at `path`.
    static func sha256(_ path: String, index: Int) throws(ChainLogError) -> Bytes32 {
        guard let descriptor = try open(path, index: index, shown: path) else {
            throw ChainLogError.broken(index: index, "entry missing: \(path) does not exist")
        }
        defer { close(descriptor) }
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        return try sha256(descriptor, shown: path, buffer: &buffer)
    }
}
