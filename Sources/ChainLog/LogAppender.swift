import Encoding
import Files
import Glibc
import Hashing

/// Appending to a log and bringing it back after a crash (bond-chain-log(1), DURABILITY).
///
/// An append writes the entry to `.pending` and fsyncs it, hard-links it as `entries/N` and
/// fsyncs entries/, appends its index line and fsyncs index.tsv, then removes `.pending`. While
/// `.pending` exists an append is in progress, so ``ChainLog/repair()`` can tell what a crash
/// left (`.pending` alone: dropped; `.pending` and `entries/N` the same file: completed; a
/// line cut short: cut, then completed) from what someone else put there (anything without
/// `.pending`: refused, for verify to name). Callers hold ``ChainLog/lock()`` around both.
extension ChainLog {
    /// An appended entry: its record and the chain hash before it.
    public struct Appended: Sendable {
        public let record: IndexRecord
        public let previousChainHash: Bytes32
    }

    /// Appends `bytes` as the next entry, appended at `now` (epoch seconds). Repairs first, and
    /// checks the last entry's file and chain link (the whole log is verify's to check).
    /// - Returns: the entry, durable.
    /// - Throws: ``FileFailure`` (a full disk 74, read-only 73, permission 77) with nothing
    ///   left behind; ``ChainLogError`` when the log's tail is not what the format says.
    public func append(_ bytes: [UInt8], now: Int) throws(ChainLogError) -> Appended {
        _ = try repair()
        let count = try count()
        let previous = try checkedTail(count)
        let target = entryPath(count)
        var info = stat()
        if lstat(target, &info) == 0 {
            throw ChainLogError.broken(index: count, "\(IndexRecord.file(of: count)) exists but index.tsv has no line for it", next: .verify)
        }
        try ChainLogError.fileOperation(AtomicFile.writeSynced(pendingPath, contents: bytes, mode: 0o644, exclusive: true, name: FileFailure.quoted(pendingPath)))
        guard link(pendingPath, target) == 0 else {
            let code = errno
            unlink(pendingPath)
            throw .file(FileFailure(.rename, FileFailure.quoted(target), errno: code))
        }
        let content = SHA256.hash(bytes)
        let record = IndexRecord(index: count, contentSHA256: content, chainHash: ChainLog.chainHash(previous: previous, content: content),
                                 appendedEpoch: now)
        do throws(ChainLogError) {
            try ChainLogError.fileOperation(AtomicFile.sync(entriesPath, directory: true))
            try appendIndexLine(record)
        } catch {
            // Not acknowledged: nothing of it stays.
            unlink(target)
            unlink(pendingPath)
            try? AtomicFile.sync(entriesPath, directory: true)
            throw error
        }
        unlink(pendingPath)
        return Appended(record: record, previousChainHash: previous)
    }

    /// The chain hash to append after, once the last entry's file and chain link are checked.
    private func checkedTail(_ count: Int) throws(ChainLogError) -> Bytes32 {
        guard count > 0 else { return ChainLog.genesis }
        let last = try record(count - 1)
        let before = count == 1 ? ChainLog.genesis : try record(count - 2).chainHash
        guard ChainLog.chainHash(previous: before, content: last.contentSHA256) == last.chainHash else {
            throw ChainLogError.broken(index: count - 1, "chain link broken: not appending after it", next: .verify)
        }
        guard try EntryReader.sha256(entryPath(count - 1), index: count - 1) == last.contentSHA256 else {
            throw ChainLogError.broken(index: count - 1, "entry changed: \(last.file) does not match index.tsv; not appending after it")
        }
        return last.chainHash
    }

    /// Brings the log back after a crash to a state verify passes. Only what an append in
    /// progress (`.pending` present) can leave is touched: `.pending` alone is dropped, an
    /// index line written in part is cut, an entry linked but not indexed is completed (its
    /// time: the file's). Anything else is refused. Takes no lock: callers hold it.
    /// - Returns: what was done, one sentence each (empty when the log was whole).
    /// - Throws: ``ChainLogError/broken(index:_:)`` for a log that was altered, not crashed.
    public func repair() throws(ChainLogError) -> [String] {
        var done: [String] = []
        var pending = stat()
        let appending = lstat(pendingPath, &pending) == 0
        if appending && pending.st_mode & S_IFMT != S_IFREG {
            throw ChainLogError.broken(index: try count(), ".pending is not a regular file: the log was altered")
        }
        let tail = try unfinishedIndexLine()
        if tail.unfinished {
            guard appending, tail.completeBytes >= 0, tail.completeBytes % IndexRecord.lineLength == 0,
                  tail.size - tail.completeBytes < IndexRecord.lineLength else {
                throw ChainLogError.broken(index: tail.completeLines, "index.tsv ends in part of a line, but no append was in progress: it was altered", next: .verifyNamesLine)
            }
            guard truncate(indexPath, off_t(tail.completeBytes)) == 0 else { throw .file(FileFailure(.write, FileFailure.quoted(indexPath), errno: errno)) }
            try ChainLogError.fileOperation(AtomicFile.sync(indexPath, directory: false))
            done.append("cut the unfinished index.tsv line of entry \(tail.completeLines) (\(tail.size - tail.completeBytes) bytes)")
        } else if tail.size % IndexRecord.lineLength != 0 {
            throw ChainLogError.broken(index: try count(), "index.tsv was altered (its lines are not all \(IndexRecord.lineLength) bytes)", next: .verifyNamesLine)
        }
        let count = try count()
        let next = entryPath(count)
        var orphan = stat()
        let orphaned = lstat(next, &orphan) == 0
        if !appending {
            if orphaned {
                throw ChainLogError.broken(index: count, "\(IndexRecord.file(of: count)) is not in index.tsv and no append was in progress: it was put there", next: .verify)
            }
            return done
        }
        if orphaned && orphan.st_ino == pending.st_ino && orphan.st_dev == pending.st_dev {
            let bytes = try EntryReader.readAll(next)
            let previous = count == 0 ? ChainLog.genesis : try record(count - 1).chainHash
            let content = SHA256.hash(bytes)
            try appendIndexLine(IndexRecord(index: count, contentSHA256: content, chainHash: ChainLog.chainHash(previous: previous, content: content),
                                            appendedEpoch: Int(orphan.st_mtim.tv_sec)))
            done.append("completed entry \(count): its file was in entries/ but its index.tsv line was missing")
        } else if orphaned {
            throw ChainLogError.broken(index: count, "\(IndexRecord.file(of: count)) is not the entry being appended: it was put there", next: .verify)
        } else {
            var last = stat()
            let indexed = count > 0 && lstat(entryPath(count - 1), &last) == 0 && last.st_ino == pending.st_ino && last.st_dev == pending.st_dev
            if !indexed {
                done.append("dropped an entry whose append stopped before it reached entries/ (it was never acknowledged)")
            }
        }
        guard unlink(pendingPath) == 0 else { throw .file(FileFailure(.remove, FileFailure.quoted(pendingPath), errno: errno)) }
        try ChainLogError.fileOperation(AtomicFile.sync(directory, directory: true))
        return done
    }

    /// Appends `record`'s line to index.tsv and syncs it; a line that cannot be written whole
    /// is cut off again.
    private func appendIndexLine(_ record: IndexRecord) throws(ChainLogError) {
        let descriptor = Glibc.open(indexPath, O_WRONLY | O_APPEND | O_CLOEXEC)
        guard descriptor >= 0 else { throw .file(FileFailure(.openForWriting, FileFailure.quoted(indexPath), errno: errno)) }
        defer { close(descriptor) }
        let before = lseek(descriptor, 0, SEEK_END)
        do throws(FileFailure) {
            try AtomicFile.writeAll(descriptor, record.line, name: FileFailure.quoted(indexPath))
            try AtomicFile.sync(descriptor, name: FileFailure.quoted(indexPath))
        } catch {
            if before >= 0 { _ = ftruncate(descriptor, before) }
            throw .file(error)
        }
    }
}
