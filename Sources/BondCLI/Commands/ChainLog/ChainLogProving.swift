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
        let from = ChainLogCommand.option(arguments, ChainLogCommand.Option.from) ?? 0
        let trusted = try arguments.text(ChainLogCommand.Option.trustedChainHash).map { try hash32($0, "--trusted-chain-hash") }
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

    static func root(_ invocation: Invocation) throws -> ExitStatus {
        let log = try ChainLog.open(try ChainLogCommand.directory(invocation.arguments))
        let leaves = try log.leafHashes(size: ChainLogCommand.option(invocation.arguments, ChainLogCommand.Option.size))
        var line = JSONObject()
        line.integer("tree_size", leaves.count)
        line.hex("root", MerkleTree.root(leaves))
        try invocation.output.write(line)
        return .ok
    }

    static func prove(_ invocation: Invocation) throws -> ExitStatus {
        let arguments = invocation.arguments
        let log = try ChainLog.open(try ChainLogCommand.directory(arguments))
        let index = try ChainLogCommand.index(arguments.positionals[0], "N")
        let leaves = try log.leafHashes(size: ChainLogCommand.option(arguments, ChainLogCommand.Option.proofSize))
        let size = leaves.count
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
        guard let first = ChainLogCommand.option(arguments, ChainLogCommand.Option.first) else { throw CommandFailure.usage("give --first M, the earlier tree size") }
        let leaves = try log.leafHashes(size: ChainLogCommand.option(arguments, ChainLogCommand.Option.second))
        let second = leaves.count
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
        guard let entryPath = arguments.text(ChainLogCommand.Option.entry), let rootText = arguments.text(ChainLogCommand.Option.root) else {
            throw CommandFailure.usage("give --entry FILE (the entry's bytes) and --root HEX (the trusted tree hash)")
        }
        let root = try hash32(rootText, "--root")
        let proof = try InclusionProof(json: try InputFile.readAll("-"), source: InputFile.displayName("-"))
        try proof.checkRoot(root)
        let content = SHA256.hash(try InputFile.readAll(entryPath))
        try proof.verify(content: content, root: root, entry: InputFile.displayName(entryPath))
        var line = JSONObject()
        line.bool("ok", true)
        line.integer("leaf_index", proof.leafIndex)
        line.integer("tree_size", proof.treeSize)
        line.hex("content_sha256", content)
        line.hex("root", root)
        try invocation.output.write(line)
        return .ok
    }

    /// The 32-byte hash an option gives.
    /// - Throws: ``CommandFailure`` (64) for another length; ``HexError`` for text that is not hex.
    private static func hash32(_ text: String, _ option: String) throws -> Bytes32 {
        let bytes = try Hex.decode(text)
        guard let hash = Bytes32(bytes) else {
            throw CommandFailure.usage("\(option) must be 32 bytes (64 hex digits), got \(bytes.count)")
        }
        return hash
    }
}
