import Encoding
import Hashing

/// An inclusion proof as `bond chain-log prove` prints it (bond-chain-log(1), OUTPUT):
/// `{"leaf_index", "tree_size", "root", "inclusion_path": ["0x…", …]}`, the path from the
/// leaf's sibling up (RFC 9162, 2.1.3.1). Checked here for its shape; ``verify(content:root:)``
/// checks what it proves.
public struct InclusionProof: Equatable, Sendable {
    public let leafIndex: Int
    public let treeSize: Int
    /// The tree hash the proof claims, where it names one.
    public let root: Bytes32?
    public let path: [Bytes32]

    /// Reads a proof line from `source` (named in a failure).
    /// - Throws: ``ChainLogError/notAProofLine(_:)`` for text that is not a JSON object;
    ///   ``ChainLogError/proof(_:)`` naming what is missing or not a hash.
    public init(json text: [UInt8], source: String) throws(ChainLogError) {
        guard let proof = (try? JSONParser.parse(text))?.objectValue else { throw .notAProofLine(source) }
        func whole(_ key: String) throws(ChainLogError) -> Int {
            guard case .number(let text)? = proof[key], let value = Int(text), value >= 0 else {
                throw .proof("the proof's \(key) is missing or not a whole number")
            }
            return value
        }
        leafIndex = try whole("leaf_index")
        treeSize = try whole("tree_size")
        guard case .array(let items)? = proof["inclusion_path"] else { throw .proof("the proof has no inclusion_path array") }
        var path: [Bytes32] = []
        for (position, item) in items.enumerated() {
            guard case .string(let text) = item, let hash = Bytes32(hex: text) else {
                throw .proof("inclusion_path[\(position)] is not a 32-byte hex hash")
            }
            path.append(hash)
        }
        self.path = path
        if let claimed = proof["root"] {
            guard case .string(let text) = claimed, let root = Bytes32(hex: text) else {
                throw .proof("the proof's root is not a 32-byte hex hash")
            }
            self.root = root
        } else {
            root = nil
        }
    }

    /// Checks that the root the proof names, if it names one, is the trusted `root`: before
    /// the entry is read, which it would be read for in vain.
    /// - Throws: ``ChainLogError/proof(_:)`` when the proof is for another root.
    public func checkRoot(_ trusted: Bytes32) throws(ChainLogError) {
        if let root, root != trusted {
            throw .proof("the proof is for root \(Hex.encode(root)), not the trusted \(Hex.encode(trusted))")
        }
    }

    /// Checks that the proof leads from an entry whose bytes hash to `content` (SHA-256) to the
    /// trusted tree hash `root` (RFC 9162, 2.1.3.2). `entry` names the entry in a failure.
    /// - Throws: ``ChainLogError/proof(_:)`` when the proof is for another root, its leaf is
    ///   outside its tree, or it does not lead to `root`.
    public func verify(content: Bytes32, root trusted: Bytes32, entry: String) throws(ChainLogError) {
        try checkRoot(trusted)
        guard leafIndex < treeSize else { throw .proof("leaf_index \(leafIndex) is not inside a tree of \(treeSize)") }
        guard MerkleTree.verifyInclusion(leafHash: MerkleTree.leafHash(content), index: leafIndex, size: treeSize, proof: path, root: trusted) else {
            throw .proof("the proof does not lead from \(entry) (content SHA-256 \(Hex.encode(content))) at leaf \(leafIndex) of \(treeSize) to the root \(Hex.encode(trusted))")
        }
    }
}
