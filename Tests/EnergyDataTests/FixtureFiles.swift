import Foundation

/// The energy data source fixtures (Tests/Fixtures, the devices' and services' real answers, with their
/// READMEs of expected values).
enum FixtureFiles {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    static func bytes(_ path: String) throws -> [UInt8] {
        Array(try Data(contentsOf: root.appendingPathComponent(path)))
    }
}
