import Encoding
import Files
import Glibc
import Hashing

/// The offline spool of `bond send-tx --spool DIR`: signed transactions that could not reach
/// the node wait in DIR, one file each, until `--flush` sends them.
///
/// A transaction is `DIR/0xHASH.json`, holding its sign-tx line (a JSON object with `raw`),
/// written atomically (a temporary file with a leading dot, fsync, rename, fsync of DIR) under
/// the lock of `DIR/.lock` (flock). A file is removed only after the node accepted or already
/// knows the transaction, so a kill -9 at any point loses nothing and, since resubmitting a
/// known transaction succeeds, sends nothing twice.
public struct TransactionSpool: Sendable {
    public let directory: String

    /// The spool in `directory`, created (mode 0700) when `create` and missing.
    /// - Throws: ``FileFailure`` when it cannot be created, or is missing and not to be.
    public init(directory: String, create: Bool) throws {
        self.directory = directory
        var info = stat()
        if stat(directory, &info) == 0 {
            guard info.st_mode & S_IFMT == S_IFDIR else {
                throw FileFailure(create ? .createDirectory : .openForReading, FileFailure.quoted(directory), errno: ENOTDIR)
            }
        } else if create {
            guard mkdir(directory, 0o700) == 0 || errno == EEXIST else {
                throw FileFailure(.createDirectory, FileFailure.quoted(directory), errno: errno)
            }
        } else {
            throw FileFailure(.openForReading, FileFailure.quoted(directory), errno: errno)
        }
    }

    /// Takes the spool's lock, waiting for another bond process to release it.
    /// - Throws: ``FileFailure`` when the lock file cannot be opened or locked.
    public func lock() throws -> FileLock {
        try FileLock(directory + "/.lock")
    }

    /// Writes `line` (a sign-tx line) as the spooled transaction `hash`; the caller holds the
    /// lock. Returns the file's path.
    /// - Throws: ``FileFailure`` when the file cannot be written (never over another).
    @discardableResult
    public func add(_ line: JSONValue, hash: Bytes32) throws -> String {
        let path = directory + "/" + Hex.encode(hash) + ".json"
        var bytes: [UInt8] = []
        JSONWriter.append(line, to: &bytes)
        bytes.append(0x0A)
        try AtomicFile.replace(path, contents: bytes, mode: 0o600)
        return path
    }

    /// The spooled transactions, ordered by sender then nonce (the order a node accepts
    /// them in), each decoded from its raw bytes.
    /// - Throws: ``FileFailure`` when DIR cannot be read; ``SpoolError`` naming a file that
    ///   is not a spooled transaction.
    public func list() throws -> [SpooledTransaction] {
        guard let all = try FileReading.names(in: directory) else {
            throw FileFailure(.openForReading, FileFailure.quoted(directory), errno: ENOENT)
        }
        var items: [SpooledTransaction] = []
        for name in all where name.hasPrefix("0x") && name.hasSuffix(".json") {
            items.append(try read(directory + "/" + name))
        }
        return items.sorted { ($0.transaction.from.checksummed, $0.transaction.transaction.nonce) < ($1.transaction.from.checksummed, $1.transaction.transaction.nonce) }
    }

    /// Removes a transaction the node has accepted; the caller holds the lock.
    /// - Throws: ``FileFailure`` when the file exists but cannot be removed.
    public func remove(_ item: SpooledTransaction) throws {
        guard unlink(item.path) == 0 || errno == ENOENT else { throw FileFailure(.remove, FileFailure.quoted(item.path), errno: errno) }
        AtomicFile.syncDirectory(directory)
    }

    private func read(_ path: String) throws -> SpooledTransaction {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw FileFailure(.openForReading, FileFailure.quoted(path), errno: errno) }
        defer { close(descriptor) }
        var info = stat()
        fstat(descriptor, &info)
        var bytes = [UInt8](repeating: 0, count: Int(info.st_size))
        let count = bytes.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
        guard count == bytes.count else { throw FileFailure(.read, FileFailure.quoted(path), errno: count < 0 ? errno : EIO) }
        do {
            let line = try JSONParser.parse(bytes)
            guard case .string(let rawText)? = line.objectValue?["raw"] else { throw SpoolError.notATransaction(path, "no \"raw\"") }
            let signed = try SignedTransaction.decode(raw: try Hex.decode(rawText))
            return SpooledTransaction(path: path, line: line, transaction: signed, spooledEpoch: Int(info.st_mtim.tv_sec))
        } catch let error as SpoolError {
            throw error
        } catch {
            throw SpoolError.notATransaction(path, "\(error)")
        }
    }
}

/// A transaction waiting in the spool.
public struct SpooledTransaction: Sendable {
    public let path: String
    /// The sign-tx line as spooled.
    public let line: JSONValue
    public let transaction: SignedTransaction
    /// When it was spooled: the file's modification time, seconds since the epoch.
    public let spooledEpoch: Int
}
