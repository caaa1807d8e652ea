import Encoding
import Files
import Dispatch
import Glibc

/// Runs a subcommand's work over a stream of items with bond's stream rules
/// (bond(1), OPTIONS AND INPUT): items are trimmed of surrounding whitespace
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
        let diagnostics = invocation.diagnostics
        try forEachItem(beforeBlocking: {}) { label, item in
            diagnostics.debug("\(label): \(MessageText.count(item.count, "byte"))")
            do {
                try work(item)
                succeeded += 1
            } catch {
                try fail(label, error, &firstFailure)
            }
        }
        return firstFailure ?? .ok
    }

    /// Runs items in two steps: `prepare`, in input order on this thread (where order matters,
    /// such as counting nonces), then `produce`, which makes the item's output line and runs
    /// on up to `threads` threads at once over batches of items. Lines are written in input
    /// order, and `written` is called after each; failures of either step count as the item's,
    /// with the same stream rules as ``run(_:)``.
    mutating func run<Prepared: Sendable>(threads: Int, batchSize: Int = 512,
                                          prepare: (UnsafeBufferPointer<UInt8>) throws -> Prepared,
                                          produce: @escaping @Sendable (Prepared) throws -> [UInt8],
                                          written: (Prepared) throws -> Void) throws -> ExitStatus {
        var firstFailure: ExitStatus?
        var pending: [(label: ItemLabel, prepared: Prepared)] = []
        let output = invocation.output
        func drain() throws {
            guard !pending.isEmpty else { return }
            let results = ItemRunner.parallelMap(pending.map(\.prepared), threads: threads, produce)
            let batch = pending
            pending.removeAll(keepingCapacity: true)
            for (item, result) in zip(batch, results) {
                switch result {
                case .success(let line):
                    try output.write(line: line)
                    try written(item.prepared)
                    succeeded += 1
                case .failure(let error):
                    try fail(item.label, error, &firstFailure)
                }
            }
        }
        try forEachItem(beforeBlocking: drain) { label, item in
            do {
                pending.append((label, try prepare(item)))
            } catch let error where ItemRunner.stopsEveryRun(error) {
                throw error
            } catch {
                try drain()
                try fail(label, error, &firstFailure)
                return
            }
            if pending.count >= batchSize { try drain() }
        }
        try drain()
        return firstFailure ?? .ok
    }

    /// `produce` of each input, on up to `threads` threads, results in input order.
    private static func parallelMap<Input: Sendable>(_ inputs: [Input], threads: Int,
                                                     _ produce: @escaping @Sendable (Input) throws -> [UInt8]) -> [Result<[UInt8], any Error>] {
        if threads <= 1 || inputs.count < 2 {
            return inputs.map { input in Result { try produce(input) } }
        }
        var results = [Result<[UInt8], any Error>](repeating: .success([]), count: inputs.count)
        let chunks = min(threads, inputs.count)
        results.withUnsafeMutableBufferPointer { buffer in
            // Each slot is written by exactly one thread, and read only after all are done.
            nonisolated(unsafe) let slots = buffer
            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                var index = chunk
                while index < inputs.count {
                    slots[index] = Result { try produce(inputs[index]) }
                    index += chunks
                }
            }
        }
        return results
    }

    /// Reports a failed item (with `--keep-going`) or stops the run with it.
    private mutating func fail(_ label: ItemLabel, _ error: any Error, _ firstFailure: inout ExitStatus?) throws {
        if ItemRunner.stopsEveryRun(error) { throw error }
        failed += 1
        let (status, message) = ErrorClassifier.classify(error)
        guard keepGoing else { throw CommandFailure(status, "\(label): \(message)") }
        try invocation.output.flush()
        invocation.diagnostics.error("\(label): \(message)")
        firstFailure = firstFailure ?? status
    }

    /// Calls `body` with each item and its label: the arguments, or the non-blank lines of
    /// the file, trimmed. `beforeBlocking` runs before waiting for more input, after which
    /// standard output is flushed.
    private func forEachItem(beforeBlocking: () throws -> Void,
                             _ body: (ItemLabel, UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        switch source {
        case .arguments(let arguments):
            for argument in arguments {
                var text = argument
                try text.withUTF8 { try body(.argument(argument), ItemRunner.trimmed($0)) }
            }
        case .lines(let path):
            invocation.diagnostics.debug("reading items from \(InputFile.displayName(path)), one per line")
            let descriptor = try InputFile.open(path)
            defer { if descriptor != STDIN_FILENO { close(descriptor) } }
            let reader = LineReader(descriptor: descriptor, name: InputFile.displayName(path))
            let output = invocation.output
            try reader.forEachLine(beforeBlocking: {
                try beforeBlocking()
                try output.flush()
            }) { number, line in
                let item = ItemRunner.trimmed(line)
                if item.isEmpty { return }
                try body(.line(number), item)
            }
        case .jsonValues(let path):
            invocation.diagnostics.debug("reading JSON values from \(InputFile.displayName(path))")
            let descriptor = try InputFile.open(path)
            defer { if descriptor != STDIN_FILENO { close(descriptor) } }
            let reader = LineReader(descriptor: descriptor, name: InputFile.displayName(path))
            let output = invocation.output
            var pending: [UInt8] = []
            var pendingLine = 0
            var depth = 0
            try reader.forEachLine(beforeBlocking: {
                try beforeBlocking()
                try output.flush()
            }) { number, line in
                let item = ItemRunner.trimmed(line)
                if pending.isEmpty {
                    if item.isEmpty { return }
                    let open = JSONLineScanner.openDepth(item)
                    guard open > 0 else { return try body(.line(number), item) }
                    pending = Array(item)
                    pendingLine = number
                    depth = open
                    return
                }
                // Continuation lines stay as written, so that error columns match the file.
                pending.append(0x0A)
                pending.append(contentsOf: line)
                depth += JSONLineScanner.openDepth(line)
                guard depth <= 0 || pending.count > ItemRunner.maximumValueSize else { return }
                let value = pending
                pending.removeAll()
                try value.withUnsafeBufferPointer { try body(.line(pendingLine), $0) }
            }
            if !pending.isEmpty {
                try pending.withUnsafeBufferPointer { try body(.line(pendingLine), $0) }
            }
        case .whole(let label, let bytes):
            try bytes.withUnsafeBufferPointer { try body(label, ItemRunner.trimmed($0)) }
        }
    }

    /// The largest JSON value spread over several lines, in bytes.
    static let maximumValueSize = 16 << 20

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
