import Encoding
import Files
import Glibc
import Hashing

/// Checking a whole log, or its tail after a head checked earlier (bond-chain-log(1), verify).
extension ChainLog {
    /// What a successful verify found.
    public struct Verified: Sendable {
        public let entries: Int
        /// chain_hash of the last entry (32 zero bytes for an empty log).
        public let chainHash: Bytes32
        /// RFC 9162 tree hash over all entries.
        public let root: Bytes32
    }

    /// Recomputes every content hash, chain link, index line and file from entry `from` on;
    /// the entries before it are taken from index.tsv, whose chain must reach
    /// `trustedChainHash` at entry `from - 1`.
    /// - Throws: ``ChainLogError/broken(index:_:)`` or ``ChainLogError/indexLine(_:_:)`` at the
    ///   first broken index, saying what broke; ``FileFailure`` when a file cannot be read.
    public func verify(from: Int = 0, trustedChainHash: Bytes32? = nil) throws(ChainLogError) -> Verified {
        let records = try self.records()
        let count = records.count
        let appending = access(pendingPath, F_OK) == 0
        if try unfinishedIndexLine().unfinished {
            if appending {
                throw ChainLogError.broken(index: count, "unfinished append: index.tsv ends in part of its line", next: .repair)
            }
            throw ChainLogError.broken(index: count, "index.tsv ends in part of a line, but no append was in progress: it was altered")
        }
        if appending {
            throw ChainLogError.broken(index: count, "unfinished append: .pending is still there", next: .repair)
        }
        guard from <= count else { throw ChainLogError.sizeTooLarge(size: from, count: count) }
        var previous = ChainLog.genesis
        for record in records[0..<from] {
            let expected = ChainLog.chainHash(previous: previous, content: record.contentSHA256)
            guard expected == record.chainHash else {
                throw ChainLogError.broken(index: record.index, "chain link broken: index.tsv's chain hash is not SHA-256(previous chain hash || content SHA-256)")
            }
            previous = record.chainHash
        }
        if let trustedChainHash, from > 0, previous != trustedChainHash {
            throw ChainLogError.broken(index: from - 1, "its chain hash \(Hex.encode(previous)) is not the trusted \(Hex.encode(trustedChainHash)): the log was rewritten before entry \(from)")
        }
        let entries = Glibc.open(entriesPath, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard entries >= 0 else { throw .file(FileFailure(.openForReading, FileFailure.quoted(entriesPath), errno: errno)) }
        defer { close(entries) }
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        for record in records[from...] {
            guard let digest = try hashEntry(record.index, in: entries, buffer: &buffer) else {
                throw ChainLogError.broken(index: record.index, "entry missing: \(record.file) does not exist")
            }
            guard digest == record.contentSHA256 else {
                throw ChainLogError.broken(index: record.index, "entry changed: \(record.file) has SHA-256 \(Hex.encode(digest)), index.tsv says \(Hex.encode(record.contentSHA256))")
            }
            let expected = ChainLog.chainHash(previous: previous, content: digest)
            guard expected == record.chainHash else {
                throw ChainLogError.broken(index: record.index, "chain link broken: the chain hash should be \(Hex.encode(expected)), index.tsv says \(Hex.encode(record.chainHash))")
            }
            previous = record.chainHash
        }
        try checkNoExtraEntries(count: count)
        return Verified(entries: count, chainHash: previous, root: MerkleTree.root(records.map { MerkleTree.leafHash($0.contentSHA256) }))
    }

    /// SHA-256 of entry `index`'s file, read through `buffer`; nil when it does not exist.
    private func hashEntry(_ index: Int, in entries: Int32, buffer: inout [UInt8]) throws(ChainLogError) -> Bytes32? {
        let shown = IndexRecord.file(of: index)
        guard let descriptor = try EntryReader.open(IndexRecord.padded(index), in: entries, index: index, shown: shown) else { return nil }
        defer { close(descriptor) }
        return try EntryReader.sha256(descriptor, shown: entryPath(index), buffer: &buffer)
    }

    /// Every file in entries/ must be an entry of the index.
    private func checkNoExtraEntries(count: Int) throws(ChainLogError) {
        guard let names = try ChainLogError.fileOperation(FileReading.names(in: entriesPath)) else {
            throw .file(FileFailure(.openForReading, FileFailure.quoted(entriesPath), errno: ENOENT))
        }
        var extra: (index: Int, name: String)?
        for name in names {
            let index = name.utf8.count == IndexRecord.indexDigits && name.allSatisfy(\.isASCIIDigit) ? Int(name) : nil
            if let index, index < count { continue }
            let position = index ?? count
            if extra == nil || position < extra!.index { extra = (position, name) }
        }
        if let extra {
            throw ChainLogError.broken(index: extra.index, "extra entry: entries/\(MessageText.sanitized(extra.name, limit: 80)) is not in index.tsv")
        }
    }
}
