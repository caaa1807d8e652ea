import Foundation
import Testing

/// The Python with the pinned reference packages (eth-account, eth-abi, base58) that
/// scripts/test sets up in .venv-vectors, for tests that check bond's output with them.
enum TestPython {
    static var path: String? {
        if let path = ProcessInfo.processInfo.environment["BOND_TEST_PYTHON"] { return path }
        let venv = BondBinary.packageRoot.appendingPathComponent(".venv-vectors/bin/python").path
        return FileManager.default.isExecutableFile(atPath: venv) ? venv : nil
    }

    /// Runs `script` with `arguments`; records an issue when the environment is missing.
    static func run(_ script: String, _ arguments: [String] = []) throws -> (status: Int32, stdout: String, stderr: String) {
        let python = try #require(path, "no reference Python: run scripts/test, which creates .venv-vectors")
        return try ShellCommand.run(python, ["-c", script] + arguments)
    }
}
