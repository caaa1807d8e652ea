import Encoding
import Files
import Glibc

/// Human-readable diagnostics: errors, warnings and notes for the person or log reading stderr.
///
/// Standard output is reserved for JSON; diagnostics go to standard error and, with
/// `--log-file PATH`, are appended to that file as well, each line there starting with an
/// RFC 3339 timestamp. On stderr an error is exactly `bond SUBCOMMAND: error: MESSAGE`; warnings,
/// notes (`-v`) and debug lines (`-vv`) carry the timestamp too. `-q` silences everything but
/// errors.
final class Diagnostics {
    /// How much is shown: `-q` gives ``quiet``, each `-v` one step more.
    enum Level: Int, Comparable {
        case quiet = -1, normal = 0, verbose = 1, debug = 2
        static func < (a: Level, b: Level) -> Bool { a.rawValue < b.rawValue }
    }

    /// `bond` or `bond SUBCOMMAND`, the prefix of every line.
    var program: String
    var level: Level
    private var logDescriptor: Int32 = -1

    init(program: String = "bond", level: Level = .normal) {
        self.program = program
        self.level = level
    }

    deinit {
        if logDescriptor >= 0 { close(logDescriptor) }
    }

    /// Opens `path` for appending diagnostics (created with mode 0644 less the umask).
    /// - Throws: ``FileFailure`` when it cannot be opened.
    func openLogFile(_ path: String) throws {
        let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw FileFailure(.openForWriting, FileFailure.quoted(path), errno: errno) }
        logDescriptor = descriptor
    }

    /// Reports an error: always on stderr, as `bond SUBCOMMAND: error: MESSAGE`.
    func error(_ message: String) {
        emit("error", message, stderrTimestamp: false)
    }

    /// Reports something that did not stop the run; hidden by `-q`.
    func warning(_ message: String) {
        guard level >= .normal else { return }
        emit("warning", message, stderrTimestamp: true)
    }

    /// Reports progress shown with `-v`.
    func note(_ message: @autoclosure () -> String) {
        guard level >= .verbose else { return }
        emit("note", message(), stderrTimestamp: true)
    }

    /// Reports detail shown with `-vv`.
    func debug(_ message: @autoclosure () -> String) {
        guard level >= .debug else { return }
        emit("debug", message(), stderrTimestamp: true)
    }

    private func emit(_ kind: String, _ message: String, stderrTimestamp: Bool) {
        // One line, whatever the message quotes: control and invisible characters escaped.
        let body = "\(program): \(kind): \(MessageText.sanitized(message, limit: 8192))\n"
        let stamped = Timestamp.rfc3339(epoch: Timestamp.nowEpoch()) + " " + body
        writeAll(STDERR_FILENO, stderrTimestamp ? stamped : body)
        if logDescriptor >= 0 { writeAll(logDescriptor, stamped) }
    }

    /// Writes all of `text`; a diagnostic that cannot be written is dropped, never fatal.
    private func writeAll(_ descriptor: Int32, _ text: String) {
        var text = text
        text.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let result = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if result < 0 && errno == EINTR { continue }
                if result <= 0 { return }
                offset += result
            }
        }
    }
}
