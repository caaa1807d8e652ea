import Foundation
import Testing

/// The test services scripts/test starts (scripts/services): where they listen.
enum TestServices {
    /// The fixture HTTP server's base URL (`BOND_FIXTURE_URL`).
    static func fixtureURL() throws -> String {
        try #require(ProcessInfo.processInfo.environment["BOND_FIXTURE_URL"],
                     "the fixture server is not running: run the tests through scripts/test (make test)")
    }
}
