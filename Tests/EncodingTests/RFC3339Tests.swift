import Encoding
import Foundation
import Testing

@Suite("RFC 3339 timestamps")
struct RFC3339Tests {
    @Test("reads every offset and fraction the fixtures use, to UTC epoch seconds", arguments: [
        ("2018-03-08T18:18:17Z", 1_520_533_097), ("2018-03-15T14:30:00+02:00", 1_521_117_000),
        ("2018-03-15T12:30:00+00:00", 1_521_117_000), ("2019-01-29T14:55:00.00Z", 1_548_773_700),
        ("2024-05-14T16:06:31.412000+00:00", 1_715_702_791), ("1970-01-01T00:00:00Z", 0),
        ("2000-02-29T23:59:59-05:30", 951_888_599),
    ])
    func parses(text: String, epoch: Int) {
        #expect(RFC3339.epoch(text) == epoch)
    }

    @Test("agrees with Foundation's ISO 8601 parser on 2,000 random instants, written back and forth")
    func againstFoundation() {
        let formatter = ISO8601DateFormatter()
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let epoch = Int.random(in: -2_000_000_000...4_000_000_000, using: &generator)
            let text = RFC3339.format(epoch: epoch)
            #expect(text == formatter.string(from: Date(timeIntervalSince1970: TimeInterval(epoch))))
            #expect(RFC3339.epoch(text) == epoch)
        }
    }

    @Test("refuses what is not an RFC 3339 date-time", arguments: [
        "2018-03-08", "2018-03-08T18:18:17", "2018-02-30T00:00:00Z", "2018-13-01T00:00:00Z", "2018-03-08T24:00:00Z",
        "2018-03-08T18:18:17+0200", "18-03-08T18:18:17Z", "2018-03-08T18:18:17.Z", "yesterday",
    ])
    func refuses(text: String) {
        #expect(RFC3339.epoch(text) == nil)
    }
}
