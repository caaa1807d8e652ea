import Glibc

/// RFC 3339 timestamps in UTC with second precision (`2018-03-08T18:18:17Z`), as bond prints
/// every time (../shared/DESIGN.md, JSON conventions).
enum Timestamp {
    /// The current time as seconds since the Unix epoch.
    static func nowEpoch() -> Int {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return Int(now.tv_sec)
    }

    /// `epoch` (seconds since 1970-01-01T00:00:00Z) written as RFC 3339 UTC.
    static func rfc3339(epoch: Int) -> String {
        var seconds = time_t(epoch)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let year = Int(parts.tm_year) + 1900
        let yearText = year < 1000 ? String(repeating: "0", count: 4 - String(year).count) + String(year) : String(year)
        return "\(yearText)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))Z"
    }
}
