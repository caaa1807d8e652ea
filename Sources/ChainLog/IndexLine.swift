import Encoding
import Hashing

/// One line of a log's `index.tsv` (bond-chain-log(1), FORMAT): tab-separated
/// `INDEX CONTENT_SHA256 CHAIN_HASH APPENDED_AT FILE`, the index zero-padded to 12 digits, the
/// hashes as 64 lower-case hex digits without 0x, APPENDED_AT RFC 3339 UTC to the second, FILE
/// relative to the log's directory. Every line is therefore 185 bytes with its LF, so the
/// last one is read without reading the others.
public struct IndexRecord: Equatable, Sendable {
    public let index: Int
    /// SHA-256 of the entry's bytes.
    public let contentSHA256: Bytes32
    /// SHA-256(previous chain hash || content SHA-256).
    public let chainHash: Bytes32
    /// Seconds since the epoch, UTC.
    public let appendedEpoch: Int

    public init(index: Int, contentSHA256: Bytes32, chainHash: Bytes32, appendedEpoch: Int) {
        self.index = index
        self.contentSHA256 = contentSHA256
        self.chainHash = chainHash
        self.appendedEpoch = appendedEpoch
    }

    /// The length of a line, LF included.
    public static let lineLength = 185
    /// Index digits: enough for a reading a second for 30,000 years.
    static let indexDigits = 12

    /// `entries/000000000042`: the entry's file relative to the log's directory.
    public var file: String { IndexRecord.file(of: index) }

    public static func file(of index: Int) -> String {
        "entries/" + padded(index)
    }

    static func padded(_ index: Int) -> String {
        let digits = String(index)
        return String(repeating: "0", count: max(0, indexDigits - digits.count)) + digits
    }

    /// The line, LF included.
    public var line: [UInt8] {
        let text = [IndexRecord.padded(index), String(Hex.encode(contentSHA256).dropFirst(2)), String(Hex.encode(chainHash).dropFirst(2)),
                    RFC3339.format(epoch: appendedEpoch), file].joined(separator: "\t") + "\n"
        return Array(text.utf8)
    }

    /// Parses the line of entry `expected` (without its LF).
    /// - Throws: ``ChainLogError/indexLine(_:_:)`` naming what is wrong.
    public static func parse(_ line: ArraySlice<UInt8>, expected: Int) throws(ChainLogError) -> IndexRecord {
        if let record = fastParse(line, expected: expected) { return record }
        let fields = line.split(separator: UInt8(ascii: "\t"), omittingEmptySubsequences: false)
        guard fields.count == 5 else {
            throw ChainLogError.indexLine(expected, "has \(fields.count) tab-separated fields, not 5")
        }
        let text = fields.map { String(decoding: $0, as: UTF8.self) }
        guard text[0].count == indexDigits, let index = Int(text[0]), text[0].allSatisfy(\.isASCIIDigit) else {
            throw ChainLogError.indexLine(expected, "INDEX '\(MessageText.sanitized(text[0], limit: 40))' is not 12 digits")
        }
        guard index == expected else {
            throw ChainLogError.indexLine(expected, "holds index \(index): lines are missing or out of order")
        }
        guard let content = lowerHex32(text[1]) else {
            throw ChainLogError.indexLine(expected, "CONTENT_SHA256 is not 64 lower-case hex digits")
        }
        guard let chain = lowerHex32(text[2]) else {
            throw ChainLogError.indexLine(expected, "CHAIN_HASH is not 64 lower-case hex digits")
        }
        guard let epoch = RFC3339.epoch(text[3]), RFC3339.format(epoch: epoch) == text[3] else {
            throw ChainLogError.indexLine(expected, "APPENDED_AT '\(MessageText.sanitized(text[3], limit: 40))' is not RFC 3339 UTC")
        }
        guard text[4] == file(of: index) else {
            throw ChainLogError.indexLine(expected, "FILE '\(MessageText.sanitized(text[4], limit: 80))' is not \(file(of: index))")
        }
        return IndexRecord(index: index, contentSHA256: content, chainHash: chain, appendedEpoch: epoch)
    }

    /// The common case without building Strings: a well-formed line of the expected entry.
    /// Nil sends the line to the checks that say what is wrong.
    private static func fastParse(_ line: ArraySlice<UInt8>, expected: Int) -> IndexRecord? {
        guard line.count == lineLength - 1 else { return nil }
        return line.withUnsafeBufferPointer { bytes -> IndexRecord? in
            for tab in [12, 77, 142, 163] where bytes[tab] != 9 { return nil }
            var index = 0
            for position in 0..<12 {
                let digit = Int(bytes[position]) - 48
                guard digit >= 0 && digit <= 9 else { return nil }
                index = index * 10 + digit
            }
            guard index == expected, let content = hex32(bytes, at: 13), let chain = hex32(bytes, at: 78) else { return nil }
            let time = String(decoding: UnsafeBufferPointer(rebasing: bytes[143..<163]), as: UTF8.self)
            guard let epoch = RFC3339.epoch(time), RFC3339.format(epoch: epoch) == time else { return nil }
            let expectedFile = file(of: index).utf8
            guard expectedFile.count == 20, zip(bytes[164..<184], expectedFile).allSatisfy({ $0 == $1 }) else { return nil }
            return IndexRecord(index: index, contentSHA256: content, chainHash: chain, appendedEpoch: epoch)
        }
    }

    /// 32 bytes from 64 lower-case hex digits at `start`.
    private static func hex32(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> Bytes32? {
        var valid = true
        let value = Bytes32 { out in
            for i in 0..<32 {
                guard let high = nibble(bytes[start + 2 * i]), let low = nibble(bytes[start + 2 * i + 1]) else {
                    valid = false
                    return
                }
                out[i] = high << 4 | low
            }
        }
        return valid ? value : nil
    }

    private static func nibble(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 48...57: return byte - 48
        case 97...102: return byte - 87
        default: return nil
        }
    }

    private static func lowerHex32(_ text: String) -> Bytes32? {
        guard text.utf8.count == 64, text.utf8.allSatisfy({ (48...57).contains($0) || (97...102).contains($0) }) else { return nil }
        return (try? Hex.decode(text)).flatMap { Bytes32($0) }
    }
}
