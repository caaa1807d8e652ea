import Foundation

/// Runs a program other than bond (a shell, mandoc) and returns its exit status and output.
enum ShellCommand {
    static func run(_ executable: String, _ arguments: [String], in directory: URL = BondBinary.packageRoot)
        throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = directory
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let out = DataBox()
        let group = DispatchGroup()
        let reader = output.fileHandleForReading
        DispatchQueue.global().async(group: group) { out.data = reader.readDataToEndOfFile() }
        let err = errors.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: out.data, as: UTF8.self), String(decoding: err, as: UTF8.self))
    }

    /// The path of `name` on PATH, if it is installed.
    static func which(_ name: String) -> String? {
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let path = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }
}
