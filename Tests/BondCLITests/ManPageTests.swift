import Foundation
import Testing

@Suite("man pages")
struct ManPageTests {
    static let pages = ["bond.1", "bond-base58.1", "bond-call.1", "bond-chain-log.1", "bond-config.1", "bond-completions.1", "bond-key.1", "bond-read-meter.1", "bond-send-tx.1", "bond-sign-tx.1"]

    @Test("pass 'mandoc -T lint' with no message", arguments: pages)
    func lint(page: String) throws {
        let mandoc = try #require(ShellCommand.which("mandoc"), "mandoc is not installed (apt-get install mandoc)")
        let result = try ShellCommand.run(mandoc, ["-T", "lint", "man/\(page)"])
        #expect(result.status == 0)
        #expect(result.stdout + result.stderr == "")
    }

    @Test("every page in man/ is linted here")
    func allPagesListed() throws {
        let directory = BondBinary.packageRoot.appendingPathComponent("man")
        let present = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".1") }.sorted()
        #expect(present == Self.pages.sorted())
    }
}
