/// An RLP item: a byte string or a list of items (Ethereum Yellow Paper, appendix B).
public indirect enum RLPItem: Equatable, Sendable {
    case bytes([UInt8])
    case list([RLPItem])

    /// The byte string, or nil for a list.
    public var bytesValue: [UInt8]? {
        if case .bytes(let bytes) = self { return bytes }
        return nil
    }

    /// The list's items, or nil for a byte string.
    public var listValue: [RLPItem]? {
        if case .list(let items) = self { return items }
        return nil
    }
}

/// Recursive Length Prefix encoding (Ethereum Yellow Paper, appendix B), canonical both ways:
/// the encoder writes the shortest form, and the decoder accepts only that form.
///
/// - A single byte below 0x80 is itself.
/// - A byte string of 0-55 bytes is 0x80 + length, then the bytes; a longer one is 0xB7 + the
///   length's byte count, the length (big-endian, no leading zeros), then the bytes.
/// - A list is the same with 0xC0 and 0xF7 over the concatenated encodings of its items.
public enum RLP {
    /// Returns the encoding of `item`.
    public static func encode(_ item: RLPItem) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(encodedCount(item))
        append(item, to: &out)
        return out
    }

    /// Appends the encoding of `item` to `output`.
    public static func append(_ item: RLPItem, to output: inout [UInt8]) {
        switch item {
        case .bytes(let bytes):
            if bytes.count == 1 && bytes[0] < 0x80 {
                output.append(bytes[0])
            } else {
                appendHeader(count: bytes.count, shortBase: 0x80, to: &output)
                output.append(contentsOf: bytes)
            }
        case .list(let items):
            appendHeader(count: items.reduce(0) { $0 + encodedCount($1) }, shortBase: 0xC0, to: &output)
            for child in items { append(child, to: &output) }
        }
    }

    /// The size of the encoding of `item`, in bytes.
    public static func encodedCount(_ item: RLPItem) -> Int {
        switch item {
        case .bytes(let bytes):
            if bytes.count == 1 && bytes[0] < 0x80 { return 1 }
            return headerCount(bytes.count) + bytes.count
        case .list(let items):
            let payload = items.reduce(0) { $0 + encodedCount($1) }
            return headerCount(payload) + payload
        }
    }

    private static func headerCount(_ count: Int) -> Int {
        count <= 55 ? 1 : 1 + (Int.bitWidth - count.leadingZeroBitCount + 7) / 8
    }

    private static func appendHeader(count: Int, shortBase: UInt8, to output: inout [UInt8]) {
        if count <= 55 {
            output.append(shortBase + UInt8(count))
            return
        }
        let lengthBytes = (Int.bitWidth - count.leadingZeroBitCount + 7) / 8
        output.append(shortBase + 55 + UInt8(lengthBytes))
        for shift in stride(from: (lengthBytes - 1) * 8, through: 0, by: -8) {
            output.append(UInt8(truncatingIfNeeded: count >> shift))
        }
    }

    /// Decodes one item that must span all of `bytes`.
    /// - Throws: ``RLPError`` naming the byte offset of the first problem: input that ends
    ///   early, a length longer than what contains it, bytes after the item, or any
    ///   non-canonical form (a single byte below 0x80 given a prefix, a long form for a length
    ///   of 55 or less, a length with leading zero bytes).
    public static func decode(_ bytes: [UInt8]) throws(RLPError) -> RLPItem {
        let result = bytes.withUnsafeBufferPointer { buffer in
            Result { () throws(RLPError) -> RLPItem in
                var offset = 0
                let item = try decodeItem(buffer, &offset, end: buffer.count, depth: 0)
                if offset != buffer.count { throw .trailingBytes(offset: offset, count: buffer.count - offset) }
                return item
            }
        }
        return try result.get()
    }

    /// How deep lists may nest: far more than any Ethereum structure, far less than the stack.
    public static let maximumDepth = 256

    private static func decodeItem(_ bytes: UnsafeBufferPointer<UInt8>, _ offset: inout Int, end: Int, depth: Int) throws(RLPError) -> RLPItem {
        guard offset < end else { throw .truncated(offset: offset) }
        guard depth < maximumDepth else { throw .nonCanonical(offset: offset, reason: "lists nest deeper than \(maximumDepth) levels") }
        let start = offset
        let prefix = bytes[offset]
        offset += 1
        switch prefix {
        case 0x00...0x7F:
            return .bytes([prefix])
        case 0x80...0xBF:
            let count = try payloadCount(prefix, shortBase: 0x80, bytes, &offset, end: end, itemStart: start)
            let payload = Array(UnsafeBufferPointer(rebasing: bytes[offset..<(offset + count)]))
            if count == 1 && payload[0] < 0x80 { throw .nonCanonical(offset: start, reason: "a single byte below 0x80 must not have a prefix") }
            offset += count
            return .bytes(payload)
        default:
            let count = try payloadCount(prefix, shortBase: 0xC0, bytes, &offset, end: end, itemStart: start)
            let listEnd = offset + count
            var items: [RLPItem] = []
            while offset < listEnd {
                items.append(try decodeItem(bytes, &offset, end: listEnd, depth: depth + 1))
            }
            return .list(items)
        }
    }

    /// Reads the length that `prefix` announces (short or long form) and checks that the
    /// payload fits before `end`.
    private static func payloadCount(_ prefix: UInt8, shortBase: UInt8, _ bytes: UnsafeBufferPointer<UInt8>,
                                     _ offset: inout Int, end: Int, itemStart: Int) throws(RLPError) -> Int {
        var count: Int
        if prefix <= shortBase + 55 {
            count = Int(prefix - shortBase)
        } else {
            let lengthBytes = Int(prefix - shortBase - 55)
            guard offset + lengthBytes <= end else { throw .truncated(offset: offset) }
            if bytes[offset] == 0 { throw .nonCanonical(offset: itemStart, reason: "a length must not start with a zero byte") }
            guard lengthBytes <= 7 else { throw .lengthTooLarge(offset: itemStart) }
            count = 0
            for i in 0..<lengthBytes { count = count << 8 | Int(bytes[offset + i]) }
            offset += lengthBytes
            if count <= 55 { throw .nonCanonical(offset: itemStart, reason: "a length of \(count) must use the short form") }
        }
        guard count <= end - offset else {
            throw .lengthExceeds(offset: itemStart, announced: count, available: end - offset)
        }
        return count
    }
}
