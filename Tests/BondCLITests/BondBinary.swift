import Foundation

/// Runs the built `bond` executable as a user would, and captures what it did.
///
/// The binary is the one `swift build` put beside the test bundle (the test target depends on
/// it), or `$BOND_BINARY` when set.
enum BondBinary {
    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String

        /// stdout parsed as NDJSON: one dictionary per line.
        var lines: [[String: Any]] {
            stdout.split(separator: "\n").compactMap {
                (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any]
            }
        }

        /// stdout's lines as text.
        var stdoutLines: [String] { stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init) }
    }

    static var url: URL {
        if let path = ProcessInfo.processInfo.environment["BOND_BINARY"] { return URL(fileURLWithPath: path) }
        return URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("bond")
    }

    /// The package's root directory (for man/, completions/ and scripts/).
    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// Runs `bond arguments...` with `stdin` as standard input and waits for it.
    static func run(_ arguments: [String], stdin: Data = Data(), environment: [String: String]? = nil,
                    stdoutPath: String? = nil) throws -> Result {
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        if let environment { process.environment = environment }
        let output = Pipe()
        let errors = Pipe()
        // stdin comes from a file, so that bond sees end of input exactly as from a shell redirect.
        let inputFile = FileManager.default.temporaryDirectory.appendingPathComponent("bond-stdin-\(UUID().uuidString)")
        try stdin.write(to: inputFile)
        defer { try? FileManager.default.removeItem(at: inputFile) }
        process.standardInput = try FileHandle(forReadingFrom: inputFile)
        if let stdoutPath {
            process.standardOutput = FileHandle(forWritingAtPath: stdoutPath)
        } else {
            process.standardOutput = output
        }
        process.standardError = errors
        try process.run()
        // Drain both outputs at once, so that neither pipe fills up and blocks bond.
        let out = DataBox()
        let group = DispatchGroup()
        if stdoutPath == nil {
            let reader = output.fileHandleForReading
            DispatchQueue.global().async(group: group) { out.data = reader.readDataToEndOfFile() }
        }
        let err = errors.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Result(status: process.terminationStatus,
                      stdout: String(decoding: out.data, as: UTF8.self),
                      stderr: String(decoding: err, as: UTF8.self))
    }

    /// Runs `bond arguments...` with `stdin` given as text.
    static func run(_ arguments: [String], input: String) throws -> Result {
        try run(arguments, stdin: Data(input.utf8))
    }
}

/// A temporary directory removed when the test ends.
final class TemporaryDirectory: @unchecked Sendable {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("bond-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    deinit { try? FileManager.default.removeItem(at: url) }
}

/// Bytes filled in by a reader thread and read after it finished.
final class DataBox: @unchecked Sendable {
    var data = Data()
}
