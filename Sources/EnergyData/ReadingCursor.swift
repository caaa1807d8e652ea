import Encoding
import Files
import Glibc

/// `--cursor-file PATH` of the Energy API driver: the latest measurementTime already reported
/// for an asset, so that the next run's window starts after it and cron never counts an
/// interval twice. A one-line JSON object, `{"asset_id": "7", "measured_at": "…",
/// "measured_epoch": N}`, replaced atomically; a lock file beside it (`PATH.lock`) keeps two
/// runs from reporting the same window.
public final class ReadingCursor {
    public let path: String
    public let assetID: String
    /// Seconds since the epoch of the latest measurement reported; nil before the first run.
    public private(set) var measuredEpoch: Int?
    private let lock: FileLock

    /// Locks and reads `path`; a missing file is a cursor at the start.
    /// - Throws: ``CursorError``: the file is not a cursor of `assetID`, or
    ///   ``CursorError/file(_:)`` when it or its lock cannot be opened or read.
    public init(_ path: String, assetID: String) throws(CursorError) {
        self.path = path
        self.assetID = assetID
        let bytes: [UInt8]?
        do {
            lock = try FileLock(path + ".lock")
            bytes = try StateFile.read(path)
        } catch {
            throw .file(error)
        }
        guard let bytes else { return }
        guard let object = (try? JSONParser.parse(bytes))?.objectValue else {
            throw CursorError.malformed(path, "not a JSON object")
        }
        guard let recorded = object["asset_id"]?.stringValue else {
            throw CursorError.malformed(path, "no \"asset_id\" string")
        }
        guard recorded == assetID else {
            throw CursorError.otherAsset(path, recorded: recorded, asked: assetID)
        }
        guard case .number(let text)? = object["measured_epoch"], let epoch = Int(text), RFC3339.validRange.contains(epoch) else {
            throw CursorError.malformed(path, "no \"measured_epoch\" between years 1 and 9999")
        }
        measuredEpoch = epoch
    }

    /// Records that the measurements up to `epoch` were reported (the cursor never goes back).
    /// - Throws: ``FileFailure`` when the file cannot be replaced.
    public func advance(to epoch: Int) throws(FileFailure) {
        if let current = measuredEpoch, current >= epoch { return }
        let object = JSONObjectValue([("asset_id", .string(assetID)), ("measured_at", .string(RFC3339.format(epoch: epoch))),
                                      ("measured_epoch", .number(String(epoch)))])
        var bytes: [UInt8] = []
        JSONWriter.append(.object(object), to: &bytes)
        bytes.append(0x0A)
        try AtomicFile.replace(path, contents: bytes, mode: 0o644)
        measuredEpoch = epoch
    }
}
