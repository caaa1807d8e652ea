import ChainLog
import Encoding
import Hashing

/// The line `bond chain-log` prints for an entry (bond-chain-log(1), OUTPUT): its index,
/// hashes, file, IPFS CIDv0 and time, then the entry itself: `upstream` parsed when it is
/// JSON, else `content_base64`.
enum ChainLogLine {
    static func entry(_ record: IndexRecord, previousChainHash: Bytes32, log: ChainLog, content: [UInt8]) -> JSONObject {
        var line = JSONObject(capacity: 512 + content.count * 2)
        line.integer("index", record.index)
        line.hex("content_sha256", record.contentSHA256)
        line.hex("chain_hash", record.chainHash)
        line.hex("previous_chain_hash", previousChainHash)
        line.string("file", log.entryPath(record.index))
        line.string("cid", UnixFSFile.cid(content))
        line.string("appended_at", Timestamp.rfc3339(epoch: record.appendedEpoch))
        line.integer("appended_epoch", record.appendedEpoch)
        if let value = try? JSONParser.parse(content) {
            line.value("upstream", value)
        } else {
            line.string("content_base64", Base64.encode(content))
        }
        return line
    }

    /// `["0x…", …]`: hashes as a JSON array of hex strings.
    static func hashes(_ hashes: [Bytes32]) -> JSONValue {
        .array(hashes.map { .string(Hex.encode($0)) })
    }
}
