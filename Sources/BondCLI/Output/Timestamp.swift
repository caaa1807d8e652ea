import Encoding
import Glibc

/// The current time, as bond stamps diagnostics and readings (RFC 3339 UTC, bond(1), OUTPUT).
enum Timestamp {
    /// The current time as seconds since the Unix epoch.
    static func nowEpoch() -> Int {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return Int(now.tv_sec)
    }

    /// `epoch` (seconds since 1970-01-01T00:00:00Z) written as RFC 3339 UTC.
    static func rfc3339(epoch: Int) -> String {
        RFC3339.format(epoch: epoch)
    }
}
