import Encoding
import Foundation
import Hashing
import Testing

/// The independent Python implementations in scripts/vectors (hashlib only, so the system
/// python3 runs them).
enum Reference {
    static let scripts = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("scripts/vectors")

    static func run(_ script: String, _ arguments: [String]) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", scripts.appendingPathComponent(script).path] + arguments
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(script) failed")
        return data
    }

    /// A 32-byte hash from hex; zero for a known value of another length, which then fails its
    /// comparison.
    static func hash(_ hex: String) -> Bytes32 { Bytes32(bytes(hex)) ?? .zero }

    static func bytes(_ hex: String) -> [UInt8] {
        (try? Hex.decode(hex)) ?? []
    }
}
