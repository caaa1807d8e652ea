import Encoding
import Files
import Glibc

/// `--nonce-file PATH`: the next nonce of each sender, kept across runs so that signing goes
/// on through a node outage. A small JSON object, `{"0xSENDER": "NEXT_NONCE", ...}`, replaced
/// atomically after each signed line is printed; a lock file beside it (`PATH.lock`) keeps two
/// signers from handing out the same nonce.
public final class NonceFile {
    public let path: String
    private var next: [String: UInt64]
    private let lock: FileLock

    /// Locks and reads `path`; a missing file is an empty one.
    /// - Throws: ``FileFailure``; ``NonceFileError`` when the file is not such an object.
    public init(_ path: String) throws {
        self.path = path
        lock = try FileLock(path + ".lock")
        next = [:]
        guard let bytes = try StateFile.read(path) else { return }
        guard let object = (try? JSONParser.parse(bytes))?.objectValue else {
            throw NonceFileError.malformed(path, "not a JSON object")
        }
        for (key, value) in object.members {
            guard let address = try? Address(key), case .string(let text) = value, let nonce = UInt64(text) else {
                throw NonceFileError.malformed(path, "entry \(key) is not \"0xADDRESS\": \"NONCE\"")
            }
            next[address.checksummed] = nonce
        }
    }

    /// The next nonce recorded for `sender`, if any.
    public func nextNonce(of sender: Address) -> UInt64? {
        next[sender.checksummed]
    }

    /// Records that `nonce` of `sender` is used and writes the file (the next nonce only grows).
    /// - Throws: ``FileFailure`` when the file cannot be replaced.
    public func used(_ nonce: UInt64, by sender: Address) throws {
        let candidate = nonce == .max ? nonce : nonce + 1
        guard candidate > (next[sender.checksummed] ?? 0) || next[sender.checksummed] == nil else { return }
        next[sender.checksummed] = candidate
        let object = JSONObjectValue(next.keys.sorted().map { ($0, .string(String(next[$0] ?? 0))) })
        var bytes: [UInt8] = []
        JSONWriter.append(.object(object), to: &bytes)
        bytes.append(0x0A)
        try AtomicFile.replace(path, contents: bytes, mode: 0o644)
    }
}
