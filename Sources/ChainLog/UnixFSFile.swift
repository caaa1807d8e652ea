import Encoding
import Hashing

/// The IPFS CIDv0 of a file's bytes: the `Qm…` that `ipfs add --only-hash` prints with its
/// defaults (kubo): 262,144-byte chunks, leaves that are dag-pb nodes holding UnixFS File data
/// (not raw leaves), and a balanced tree of at most 174 links per node. Sources: the dag-pb
/// and UnixFS specifications (ipld/specs, ipfs/specs), multihash (sha2-256 is 0x12, 32 bytes)
/// and CIDv0 (the Base58btc multihash).
public enum UnixFSFile {
    public static let chunkSize = 262_144
    public static let maximumLinks = 174

    /// One node of the DAG: its multihash, its serialized size plus all below it (a link's
    /// Tsize), and the file bytes below it (a UnixFS blocksize).
    struct Node {
        let multihash: [UInt8]
        let cumulativeSize: UInt64
        let fileSize: UInt64
    }

    /// The CIDv0 of `bytes`, as Base58: 46 characters starting "Qm".
    public static func cid(_ bytes: UnsafeRawBufferPointer) -> String {
        Base58.encode(rootMultihash(bytes))
    }

    public static func cid(_ bytes: [UInt8]) -> String {
        bytes.withUnsafeBytes { cid($0) }
    }

    /// The sha2-256 multihash of the root node: 0x12 0x20 and the digest.
    static func rootMultihash(_ bytes: UnsafeRawBufferPointer) -> [UInt8] {
        var level: [Node] = []
        var offset = 0
        repeat {
            let end = min(offset + chunkSize, bytes.count)
            level.append(leaf(UnsafeRawBufferPointer(rebasing: bytes[offset..<end])))
            offset = end
        } while offset < bytes.count
        while level.count > 1 {
            var next: [Node] = []
            var start = 0
            while start < level.count {
                let end = min(start + maximumLinks, level.count)
                next.append(parent(level[start..<end]))
                start = end
            }
            level = next
        }
        return level[0].multihash
    }

    /// A leaf: PBNode{Data: UnixFS{Type: File, Data: chunk, filesize}}.
    static func leaf(_ chunk: UnsafeRawBufferPointer) -> Node {
        var data = ProtobufWriter()
        data.varintField(1, 2)  // Type: File
        if chunk.count > 0 { data.bytesField(2, chunk) }
        data.varintField(3, UInt64(chunk.count))
        var node = ProtobufWriter()
        data.bytes.withUnsafeBytes { node.bytesField(1, $0) }
        return Node(multihash: multihash(node.bytes), cumulativeSize: UInt64(node.bytes.count), fileSize: UInt64(chunk.count))
    }

    /// An inner node: PBNode{Links: [{Hash, Name: "", Tsize}...], Data: UnixFS{Type: File,
    /// filesize, blocksizes}}; dag-pb writes Links before Data.
    static func parent(_ children: ArraySlice<Node>) -> Node {
        var data = ProtobufWriter()
        data.varintField(1, 2)
        let fileSize = children.reduce(0) { $0 + $1.fileSize }
        data.varintField(3, fileSize)
        for child in children { data.varintField(4, child.fileSize) }
        var node = ProtobufWriter()
        for child in children {
            var link = ProtobufWriter()
            child.multihash.withUnsafeBytes { link.bytesField(1, $0) }
            link.bytesField(2, UnsafeRawBufferPointer(start: nil, count: 0))
            link.varintField(3, child.cumulativeSize)
            link.bytes.withUnsafeBytes { node.bytesField(2, $0) }
        }
        data.bytes.withUnsafeBytes { node.bytesField(1, $0) }
        let below = children.reduce(0) { $0 + $1.cumulativeSize }
        return Node(multihash: multihash(node.bytes), cumulativeSize: UInt64(node.bytes.count) + below, fileSize: fileSize)
    }

    static func multihash(_ block: [UInt8]) -> [UInt8] {
        [0x12, 0x20] + SHA256.hash(block)
    }
}

/// The few Protocol Buffers encodings dag-pb and UnixFS need: varints and length-delimited
/// fields (protobuf encoding guide: wire types 0 and 2).
struct ProtobufWriter {
    var bytes: [UInt8] = []

    mutating func varint(_ value: UInt64) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(value & 0x7F) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    mutating func varintField(_ field: UInt64, _ value: UInt64) {
        varint(field << 3)
        varint(value)
    }

    mutating func bytesField(_ field: UInt64, _ value: UnsafeRawBufferPointer) {
        varint(field << 3 | 2)
        varint(UInt64(value.count))
        bytes.append(contentsOf: value)
    }
}
