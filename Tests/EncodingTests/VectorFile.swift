import Foundation

/// Reads a committed vector file from Tests/EncodingTests/Vectors.
enum VectorFile {
    static func json(_ name: String) throws -> [String: Any] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Vectors").appendingPathComponent(name)
        let object = try JSONSerialization.jsonObject(with: try Data(contentsOf: url))
        guard let dictionary = object as? [String: Any] else { throw CocoaError(.fileReadCorruptFile) }
        return dictionary
    }
}

/// Bytes from hex without a prefix, for test data that is known to be valid.
func bytes(_ hex: String) -> [UInt8] {
    var out: [UInt8] = []
    var index = hex.startIndex
    while index < hex.endIndex {
        let next = hex.index(index, offsetBy: 2)
        out.append(UInt8(hex[index..<next], radix: 16)!)
        index = next
    }
    return out
}
