import Glibc

/// Runs a subcommand's work over a stream of items with bond's stream rules
/// (../shared/DESIGN.md, command-line conventions): items are trimmed of surrounding whitespace
/// and blank lines are skipped; the first failing item stops the run with its exit status after
/// the lines of the items before it were written; with `--keep-going` each failure is reported
/// as `line N: MESSAGE` and the run goes on, ending with the status of the first failure.
///
/// Failures to read the input or to write the output are not item failures: they always stop.
struct ItemRunner {
    let source: ItemSource
    let keepGoing: Bool
    let invocation: Invocation

    /// Counts of what happened, for the closing note at `-v`.
    private(set) var succeeded = 0
    private(set) var failed = 0

    init(_ source: ItemSource, keepGoing: Bool, invocation: Invocation) {
        self.source = source
        self.keepGoing = keepGoing
        self.invocation = invocation
    }

    /// Calls `work` with each item's trimmed bytes and returns the status the run ends with.
    mutating func run(_ work: (UnsafeBufferPointer<UInt8>) throws -> Void) throws -> ExitStatus {
        var firstFailure: ExitStatus?
        func attempt(_ label: ItemLabel, _ item: UnsafeBufferPointer<UInt8>) throws {
            do {
                try work(item)
                succeeded += 1
            } catch let error where ItemRunner.stopsEveryRun(error) {
                throw error
            } catch {
                failed += 1
                let (status, message) = ErrorStatus.classify(error)
                guard keepGoing else { throw CommandFailure(status, "\(label): \(message)") }
                try invocation.output.flush()
                invocation.diagnostics.error("\(label): \(message)")
                firstFailure = firstFailure ?? status
            }
        }
        switch source {
        case .arguments(let arguments):
            for argument in arguments {
                var text = argument
                try text.withUTF8 { try attempt(.argument(argument), ItemRunner.trimmed($0)) }
            }
        case .lines(let path):
            let descriptor = try InputFile.open(path)
            defer { if descriptor != STDIN_FILENO { close(descriptor) } }
            let reader = LineReader(descriptor: descriptor, name: InputFile.displayName(path))
            let output = invocation.output
            try reader.forEachLine(beforeBlocking: { try output.flush() }) { number, line in
                let item = ItemRunner.trimmed(line)
                if item.isEmpty { return }
                try attempt(.line(number), item)
            }
        }
        return firstFailure ?? .ok
    }

    /// Errors that end the run even with `--keep-going`: the output cannot be written.
    static func stopsEveryRun(_ error: any Error) -> Bool {
        error is OutputClosed || error is FileFailure
    }

    /// `bytes` without leading and trailing ASCII whitespace (space, tab, CR, LF, VT, FF).
    static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var low = 0
        var high = bytes.count
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) }
        while low < high && isSpace(bytes[low]) { low += 1 }
        while high > low && isSpace(bytes[high - 1]) { high -= 1 }
        return UnsafeBufferPointer(rebasing: bytes[low..<high])
    }
}
