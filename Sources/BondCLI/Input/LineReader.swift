import Files
import Glibc

/// Reads a file descriptor line by line without copying each line.
///
/// Lines end at LF; the last line may lack one. Lines are numbered from 1, blank ones counted
/// (bond(1), OPTIONS AND INPUT). A line may be of any length: the buffer
/// grows to hold it.
final class LineReader {
    private let descriptor: Int32
    private let name: String
    private var storage: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private var start = 0
    private var end = 0
    private var atEnd = false

    /// Reads from `descriptor`, named `name` in messages; the caller keeps ownership of it.
    init(descriptor: Int32, name: String, initialCapacity: Int = 64 * 1024) {
        self.descriptor = descriptor
        self.name = name
        capacity = initialCapacity
        storage = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
    }

    deinit { storage.deallocate() }

    /// Calls `body` with each line's number and bytes (without the LF; valid only during the
    /// call). `beforeBlocking` runs each time the reader is about to wait for more input, so
    /// that output produced so far can be written first.
    /// - Throws: ``FileFailure`` when reading fails, or what `body` or `beforeBlocking` throw.
    func forEachLine(beforeBlocking: () throws -> Void,
                     _ body: (Int, UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        var number = 0
        while true {
            if start < end, let newline = memchr(storage + start, 0x0A, end - start) {
                let lineEnd = newline.assumingMemoryBound(to: UInt8.self) - storage
                number += 1
                try body(number, UnsafeBufferPointer(start: storage + start, count: lineEnd - start))
                start = lineEnd + 1
                continue
            }
            if atEnd {
                if start < end {
                    number += 1
                    try body(number, UnsafeBufferPointer(start: storage + start, count: end - start))
                    start = end
                }
                return
            }
            try beforeBlocking()
            try refill()
        }
    }

    /// Moves the unfinished line to the front, grows the buffer if the line fills it, and
    /// reads more.
    private func refill() throws {
        if start > 0 {
            if end > start { memmove(storage, storage + start, end - start) }
            end -= start
            start = 0
        }
        if end == capacity {
            let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
            larger.update(from: storage, count: end)
            storage.deallocate()
            storage = larger
            capacity *= 2
        }
        while true {
            let result = read(descriptor, storage + end, capacity - end)
            if result < 0 {
                if errno == EINTR { continue }
                throw FileFailure(.read, name, errno: errno)
            }
            if result == 0 { atEnd = true } else { end += result }
            return
        }
    }
}
