import Hashing

extension ChainLog {
    /// The Merkle tree leaf hashes (RFC 9162, 2.1.1) of the log's first `size` entries (all
    /// when nil), from index.tsv's content hashes: the tree ``MerkleTree`` proves in.
    /// - Throws: ``ChainLogError/sizeTooLarge(size:count:)`` for a size past the log;
    ///   ``ChainLogError`` when index.tsv cannot be read.
    public func leafHashes(size: Int? = nil) throws(ChainLogError) -> [Bytes32] {
        let records = try records()
        let size = size ?? records.count
        guard size <= records.count else { throw .sizeTooLarge(size: size, count: records.count) }
        return records[0..<size].map { MerkleTree.leafHash($0.contentSHA256) }
    }
}
