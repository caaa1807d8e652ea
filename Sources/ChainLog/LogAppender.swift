import Encoding
import Files
import Glibc
import Hashing

/// Appending to a log and bringing it back after a crash (bond-chain-log(1), DURABILITY).
///
/// An append is durable when it returns: the entry is written to `.pending` and fsync'd,
/// renamed to `entries/N`, the entries directory fsync'd, and its index line appended to
/// index.tsv and fsync'd. A crash between two steps leaves `.pending` (dropped by
/// ``ChainLog/repair()``), an entry file without its index line (completed), or a line cut
/// short (cut, then completed). Callers hold ``ChainLog/lock()`` around both.
extension ChainLog {
    /// An appended entry: its record and the chain hash before it.
    public struct Appended: Sendable {
        public let record: IndexRecord
        public let previousChainHash: [UInt8]
    }

    /// Appends `bytes` as the next entry, appended at `now` (epoch seconds). Repairs first.
    /// - Returns: the entry, durable.
    /// - Throws: ``FileFailure`` (a full disk 74, read-only 73, permission 77) with nothing
    ///   left half-written; ``ChainLogError`` when the log's tail is not what the format says.
    public func append(_ bytes: [UInt8], now: Int) throws -> Appended {
        _ = try repair()
        let count = try count()
        let previous = count == 0 ? ChainLog.genesis : try record(count - 1).chainHash
        let target = entryPath(count)
        var info = stat()
        if lstat(target, &info) == 0 {
            throw ChainLogError.broken(index: count, "\(IndexRecord.file(of: count)) exists but index.tsv has no line for it; bond chain-log verify says more")
        }
        try writePending(bytes)
        guard rename(pendingPath, target) == 0 else {
            let code = errno
            unlink(pendingPath)
            throw FileFailure(.rename, FileFailure.quoted(target), errno: code)
        }
        try syncDirectory(entriesPath)
        let content = SHA256.hash(bytes)
        let record = IndexRecord(index: count, contentSHA256: content, chainHash: ChainLog.chainHash(previous: previous, content: content),
                                 appendedEpoch: now)
        try appendIndexLine(record)
        return Appended(record: record, previousChainHash: previous)
    }

    /// Brings the log back to a state verify passes after a crash: drops an entry never
    /// renamed into entries/, cuts an index line written in part, and completes an entry whose
    /// file is in entries/ but whose line is not in index.tsv (its time: the file's). Takes no
    /// lock: callers hold it.
    /// - Returns: what was done, one sentence each (empty when the log was whole).
    public func repair() throws -> [String] {
        var done: [String] = []
        if access(pendingPath, F_OK) == 0 {
            guard unlink(pendingPath) == 0 else { throw FileFailure(.remove, FileFailure.quoted(pendingPath), errno: errno) }
            try syncDirectory(directory)
            done.append("dropped an entry whose append stopped before it reached entries/ (it was never acknowledged)")
        }
        let tail = try unfinishedIndexLine()
        if tail.unfinished {
            // Only a last line without its LF is an append's; anything else was altered, and
            // repair leaves it for verify to name.
            guard tail.completeBytes >= 0, tail.completeBytes % IndexRecord.lineLength == 0 else {
                throw ChainLogError.broken(index: tail.completeLines, "index.tsv was altered (its lines are not all \(IndexRecord.lineLength) bytes); bond chain-log verify names the line")
            }
            let size = try indexSize()
            guard truncate(indexPath, off_t(tail.completeBytes)) == 0 else { throw FileFailure(.write, FileFailure.quoted(indexPath), errno: errno) }
            try syncFile(indexPath)
            done.append("cut the unfinished index.tsv line of entry \(tail.completeLines) (\(size - tail.completeBytes) bytes)")
        } else if try indexSize() % IndexRecord.lineLength != 0 {
            throw ChainLogError.broken(index: try count(), "index.tsv was altered (its lines are not all \(IndexRecord.lineLength) bytes); bond chain-log verify names the line")
        }
        let count = try count()
        let orphan = entryPath(count)
        var info = stat()
        if lstat(orphan, &info) == 0 && info.st_mode & S_IFMT == S_IFREG {
            let bytes = try EntryReader.readAll(orphan)
            let previous = count == 0 ? ChainLog.genesis : try record(count - 1).chainHash
            let content = SHA256.hash(bytes)
            try appendIndexLine(IndexRecord(index: count, contentSHA256: content, chainHash: ChainLog.chainHash(previous: previous, content: content),
                                            appendedEpoch: Int(info.st_mtim.tv_sec)))
            done.append("completed entry \(count): its file was in entries/ but its index.tsv line was missing")
        }
        return done
    }

    private func writePending(_ bytes: [UInt8]) throws {
        let descriptor = Glibc.open(pendingPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw FileFailure(.openForWriting, FileFailure.quoted(pendingPath), errno: errno) }
        do {
            try AtomicFile.writeAll(descriptor, bytes, name: FileFailure.quoted(pendingPath))
            guard fsync(descriptor) == 0 else { throw FileFailure(.sync, FileFailure.quoted(pendingPath), errno: errno) }
            close(descriptor)
        } catch {
            close(descriptor)
            unlink(pendingPath)
            throw error
        }
    }

    /// Appends `record`'s line to index.tsv and syncs it; a line that cannot be written whole
    /// is cut off again.
    private func appendIndexLine(_ record: IndexRecord) throws {
        let descriptor = Glibc.open(indexPath, O_WRONLY | O_APPEND | O_CLOEXEC)
        guard descriptor >= 0 else { throw FileFailure(.openForWriting, FileFailure.quoted(indexPath), errno: errno) }
        defer { close(descriptor) }
        let before = lseek(descriptor, 0, SEEK_END)
        do {
            try AtomicFile.writeAll(descriptor, record.line, name: FileFailure.quoted(indexPath))
            guard fsync(descriptor) == 0 else { throw FileFailure(.sync, FileFailure.quoted(indexPath), errno: errno) }
        } catch {
            if before >= 0 { _ = ftruncate(descriptor, before) }
            throw error
        }
    }

    private func syncDirectory(_ path: String) throws {
        let descriptor = Glibc.open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw FileFailure(.openForReading, FileFailure.quoted(path), errno: errno) }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw FileFailure(.sync, FileFailure.quoted(path), errno: errno) }
    }

    private func syncFile(_ path: String) throws {
        let descriptor = Glibc.open(path, O_WRONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw FileFailure(.openForWriting, FileFailure.quoted(path), errno: errno) }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw FileFailure(.sync, FileFailure.quoted(path), errno: errno) }
    }
}
