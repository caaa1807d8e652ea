import Files
import Glibc




/// Standard output, reserved for complete JSON lines.
///
/// Lines are collected in a buffer and written whole, so a reader never sees half a line of an
/// item; the buffer is written when it grows past ``flushThreshold``, when a command asks for it
/// (before bond blocks waiting for more input, or when a line must be out before something
/// durable happens), and at exit. A reader that went away (EPIPE) raises ``OutputClosed``, which
/// ends bond quietly; any other write error is a ``FileFailure`` (exit 74 for a full disk).
final class StandardOutput {
    /// Buffered bytes beyond which a completed line triggers a write.
    static let flushThreshold = 64 * 1024

    private let descriptor: Int32
    private var buffer: [UInt8] = []
    /// The caller closed standard output: every write fails as EBADF.
    private let closed: Bool

    init(descriptor: Int32 = STDOUT_FILENO, closed: Bool = false) {
        self.descriptor = descriptor
        self.closed = closed
        buffer.reserveCapacity(StandardOutput.flushThreshold + 4096)
    }

    /// Appends one complete line (`line` must end in a newline) and writes out the buffer when
    /// it is large.
    func write(line: [UInt8]) throws {
        buffer.append(contentsOf: line)
        if buffer.count >= StandardOutput.flushThreshold { try flush() }
    }

    /// Appends one JSON object as a line.
    func write(_ object: consuming JSONObject) throws {
        try write(line: object.line())
    }

    /// Writes every buffered byte to the descriptor.
    func flush() throws {
        guard !buffer.isEmpty else { return }
        if closed { throw FileFailure(.write, "standard output", errno: EBADF) }
        var written = 0
        try buffer.withUnsafeBytes { bytes in
            while written < bytes.count {
                let result = Glibc.write(descriptor, bytes.baseAddress! + written, bytes.count - written)
                if result < 0 {
                    if errno == EINTR { continue }
                    if errno == EPIPE { throw OutputClosed() }
                    throw FileFailure(.write, "standard output", errno: errno)
                }
                written += result
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }
}

/// The reader of standard output went away (EPIPE): bond stops quietly, as `seq | head` does.
struct OutputClosed: Error {}
