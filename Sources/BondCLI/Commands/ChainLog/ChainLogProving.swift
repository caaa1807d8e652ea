import ChainLog
import Encoding
import Files
import Hashing

/// `bond chain-log verify`, `root`, `prove`, `consistency` and `verify-proof`: checking the
/// log and proving entries with its Merkle tree (RFC 9162).
enum ChainLogProving {
    static func verify(_ invocation: Invocation) throws -> ExitStatus {
        let arguments = invocation.arguments
        let log = try ChainLog.open(try ChainLogCommand.directory(arguments))
        let from = ChainLogCommand.option(arguments, "from") ?? 0
        let trusted = try arguments.text("trusted-chain-hash").map { try Hex.decode($0) }
        if let trusted, trusted.count != 32 {
            throw CommandFailure.usage("--trusted-chain-hash must be 32 bytes (64 hex digits), got \(trusted.count)")
        }
        if (from > 0) != (trusted != nil) {
            throw CommandFailure.usage("--from N (N from 1) and --trusted-chain-hash go together: the entries and chain hash of an earlier verify")
        }
        let verified: ChainLog.Verified
        do {
            let lock = try log.readLock()
            defer { _ = lock }
            verified = try log.verify(from: from, trustedChainHash: trusted)
        }
        var line = JSONObject()
        line.bool("ok", true)
        line.integer("entries", verified.entries)
        line.hex("chain_hash", verified.chainHash)
        line.hex("root", verified.root)
        try invocation.output.write(line)
        return .ok
    }

    /// The leaf hashes of the log's first `size` entries (all when nil), from index.tsv.
    private static func leaves(_ log: ChainLog, size: Int?) throws -> (leaves: [[UInt8]], size: Int) {
        let records = try log.records()
        let size = size ?? records.count
        guard size <= records.count else { throw ChainLogError.sizeTooLarge(size: size, count: records.count) }
        return (records[0..<size].map { MerkleTree.leafHash($0.contentSHA256) }, size)
    }

    static func root(_ invocation: Invocation) throws -> ExitStatus {
        let log = try ChainLog.open(try ChainLogCommand.directory(invocation.arguments))
        let (leaves, size) = try leaves(log, size: ChainLogCommand.option(invocation.arguments, "size"))
        var line = JSONObject()
        line.integer("tree_size", size)
        line.hex("root", MerkleTree.root(leaves))
        try invocation.output.write(line)
        return .ok
    }

    static func prove(_ invocation: Invocation) throws -> ExitStatus {
        let arguments = invocation.arguments
        let log = try ChainLog.open(try ChainLogCommand.directory(arguments))
        let index = try ChainLogCommand.index(arguments.positionals[0], "N")
        let (leaves, size) = try leaves(log, size: ChainLogCommand.option(arguments, "size"))
        guard index < size else { throw ChainLogError.noEntry(index: index, count: size) }
        var line = JSONObject()
        line.integer("leaf_index", index)
        line.integer("tree_size", size)
        line.hex("root", MerkleTree.root(leaves))
        line.value("inclusion_path", ChainLogLine.hashes(MerkleTree.inclusionProof(leaves, index: index, size: size)))
        try invocation.output.write(line)
        return .ok
    }

    static func consistency(_ invocation: Invocation) throws -> ExitStatus {
        let arguments = invocation.arguments
        let log = try ChainLog.open(try ChainLogCommand.directory(arguments))
        guard let first = ChainLogCommand.option(arguments, "first") else { throw CommandFailure.usage("give --first M, the earlier tree size") }
        let (leaves, second) = try leaves(log, size: ChainLogCommand.option(arguments, "second"))
        guard first <= second else { throw ChainLogError.sizeTooLarge(size: first, count: second) }
        var line = JSONObject()
        line.integer("first_size", first)
        line.integer("second_size", second)
        line.hex("first_root", MerkleTree.root(leaves[0..<first]))
        line.hex("second_root", MerkleTree.root(leaves))
        line.value("consistency_path", ChainLogLine.hashes(MerkleTree.consistencyProof(leaves, first: first, second: second)))
        try invocation.output.write(line)
        return .ok
    }

    static func verifyProof(_ invocation: Invocation) throws -> ExitStatus {
        let arguments = invocation.arguments
        guard let entryPath = arguments.text("entry"), let rootText = arguments.text("root") else {
            throw CommandFailure.usage("give --entry FILE (the entry's bytes) and --root HEX (the trusted tree hash)")
        }
        let root = try Hex.decode(rootText)
        guard root.count == 32 else { throw CommandFailure.usage("--root must be 32 bytes (64 hex digits), got \(root.count)") }
        let proofText = try InputFile.readAll("-")
        guard let proof = (try? JSONParser.parse(proofText))?.objectValue else {
            throw ChainLogError.proof("standard input is not a proof line: expected the JSON object 'bond chain-log prove' prints")
        }
        func whole(_ key: String) throws -> Int {
            guard case .number(let text)? = proof[key], let value = Int(text), value >= 0 else {
                throw ChainLogError.proof("the proof's \(key) is missing or not a whole number")
            }
            return value
        }
        let index = try whole("leaf_index")
        let size = try whole("tree_size")
        guard case .array(let items)? = proof["inclusion_path"] else { throw ChainLogError.proof("the proof has no inclusion_path array") }
        var path: [[UInt8]] = []
        for (position, item) in items.enumerated() {
            guard case .string(let text) = item, let hash = try? Hex.decode(text), hash.count == 32 else {
                throw ChainLogError.proof("inclusion_path[\(position)] is not a 32-byte hex hash")
            }
            path.append(hash)
        }
        if let claimed = proof["root"] {
            guard case .string(let text) = claimed, let claimedRoot = try? Hex.decode(text), claimedRoot.count == 32 else {
                throw ChainLogError.proof("the proof's root is not a 32-byte hex hash")
            }
            guard claimedRoot == root else {
                throw ChainLogError.proof("the proof is for root \(Hex.encode(claimedRoot)), not the trusted \(Hex.encode(root))")
            }
        }
        let content = SHA256.hash(try InputFile.readAll(entryPath))
        guard index < size else { throw ChainLogError.proof("leaf_index \(index) is not inside a tree of \(size)") }
        guard MerkleTree.verifyInclusion(leafHash: MerkleTree.leafHash(content), index: index, size: size, proof: path, root: root) else {
            throw ChainLogError.proof("the proof does not lead from \(InputFile.displayName(entryPath)) (content SHA-256 \(Hex.encode(content))) at leaf \(index) of \(size) to the root \(Hex.encode(root))")
        }
        var line = JSONObject()
        line.bool("ok", true)
        line.integer("leaf_index", index)
        line.integer("tree_size", size)
        line.hex("content_sha256", content)
        line.hex("root", root)
        try invocation.output.write(line)
        return .ok
    }
}
