/// One answer of a source, byte for byte, and where it came from: asked for, or saved in a
/// file (`--file`) that messages name.
public struct SourceAnswer: Sendable {
    public let bytes: [UInt8]
    /// How messages name the saved file (`'x.xml'`, `standard input`); nil when the source
    /// answered just now.
    public let savedAs: String?

    public init(_ bytes: [UInt8], savedAs: String? = nil) {
        self.bytes = bytes
        self.savedAs = savedAs
    }

    /// `parse` of the bytes. A failure of a saved answer names the file and what it should
    /// hold (`'x.json' (a WattTime v3 signal-index answer): /meta/region is missing`).
    /// - Throws: ``PayloadError``, as `parse` does.
    public func read<T>(as what: String, _ parse: ([UInt8]) throws(PayloadError) -> T) throws(PayloadError) -> T {
        do {
            return try parse(bytes)
        } catch {
            guard let savedAs, case .invalid(let reason) = error else { throw error }
            throw .invalid("\(savedAs) (\(what)): \(reason)")
        }
    }
}
