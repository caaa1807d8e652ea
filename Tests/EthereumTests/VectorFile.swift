import Foundation

/// Reads a committed vector file from Tests/EthereumTests/Vectors.
enum VectorFile {
    static func vectors(_ name: String) throws -> [[String: Any]] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Vectors").appendingPathComponent(name)
        let object = try JSONSerialization.jsonObject(with: try Data(contentsOf: url))
        guard let dictionary = object as? [String: Any], let vectors = dictionary["vectors"] as? [[String: Any]] else {
            throw CocoaError(.fileReadCorruptFile)
        }
        return vectors
    }

    /// The raw JSON text of one vector's field, for bond's own parser.
    static func text(_ value: Any) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: value, options: [.sortedKeys]), as: UTF8.self)
    }
}
