import Foundation
@testable import EnergyData
import Testing

@Suite("WattTime token cache and the Energy API cursor")
struct TokenCacheTests {
    func temporaryPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("bond-energy-\(UUID().uuidString)").path
    }

    @Test("a token is reused until a minute before it expires, for the same service and user only")
    func reuse() throws {
        let path = temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let cache = TokenCache(path: path)
        #expect(cache.token(api: .v3, root: "https://a", user: "u", now: 0) == nil)
        try cache.store(token: "T", api: .v3, root: "https://a", user: "u", expires: 1000)
        #expect(cache.token(api: .v3, root: "https://a", user: "u", now: 939) == "T")
        #expect(cache.token(api: .v3, root: "https://a", user: "u", now: 940) == nil)
        #expect(cache.token(api: .v2, root: "https://a", user: "u", now: 0) == nil)
        #expect(cache.token(api: .v3, root: "https://b", user: "u", now: 0) == nil)
        #expect(cache.token(api: .v3, root: "https://a", user: "v", now: 0) == nil)
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    @Test("a JWT's exp claim sets the expiry (RFC 7519); other tokens live 30 minutes")
    func expiry() throws {
        let path = temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        // {"alg":"HS256","typ":"JWT"} . {"exp":1700000000} . signature
        let jwt = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwMDAwMDB9.c2ln"
        let cache = TokenCache(path: path)
        #expect(TokenCache.expiry(of: jwt, loggedInAt: 5) == 1_700_000_000)
        #expect(TokenCache.expiry(of: "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.fixture.v3", loggedInAt: 5) == 5 + 1800)
        #expect(TokenCache.expiry(of: "c1f0e7d2a8b94b5e9d3f6a7b8c9d0e1f", loggedInAt: 5) == 5 + 1800)
        _ = cache
    }

    @Test("the cursor starts empty, only moves forward, and refuses another asset's file")
    func cursor() throws {
        let path = temporaryPath()
        defer {
            try? FileManager.default.removeItem(atPath: path)
            try? FileManager.default.removeItem(atPath: path + ".lock")
        }
        do {
            let cursor = try ReadingCursor(path, assetID: "8")
            #expect(cursor.measuredEpoch == nil)
            try cursor.advance(to: 1_521_117_000)
            try cursor.advance(to: 5)
        }
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text == "{\"asset_id\":\"8\",\"measured_at\":\"2018-03-15T12:30:00Z\",\"measured_epoch\":1521117000}\n")
        #expect(try ReadingCursor(path, assetID: "8").measuredEpoch == 1_521_117_000)
        #expect(throws: CursorError.otherAsset(path, recorded: "8", asked: "7")) { try ReadingCursor(path, assetID: "7") }
        try "[]".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: CursorError.malformed(path, "not a JSON object")) { try ReadingCursor(path, assetID: "8") }
    }
}
