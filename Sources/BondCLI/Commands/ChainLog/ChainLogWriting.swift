import ChainLog
import Encoding
import Files
import Glibc

/// `bond chain-log append` and `repair`: writing entries, and finishing or dropping an append a
/// crash left unfinished.
enum ChainLogWriting {
    static func append(_ invocation: Invocation) throws -> ExitStatus {
        let arguments = invocation.arguments
        let log = try ChainLog.openOrCreate(try ChainLogCommand.directory(arguments))
        if let path = arguments.text(ChainLogCommand.Option.file) {
            guard arguments.positionals.isEmpty else {
                throw CommandFailure.usage("--file appends one file as one entry; give it or FILE of lines, not both")
            }
            try appendOne(try InputFile.readAll(path), to: log, invocation)
            return .ok
        }
        let path = arguments.positionals.first ?? "-"
        let descriptor = try InputFile.open(path)
        defer { if descriptor != STDIN_FILENO { close(descriptor) } }
        let reader = LineReader(descriptor: descriptor, name: InputFile.displayName(path))
        var appended = 0
        try reader.forEachLine(beforeBlocking: { try invocation.output.flush() }) { _, line in
            var bytes = line
            if bytes.last == 0x0D { bytes = UnsafeBufferPointer(rebasing: bytes.dropLast()) }  // CRLF
            guard bytes.contains(where: { !($0 == 0x20 || ($0 >= 0x09 && $0 <= 0x0D)) }) else { return }
            try appendOne(Array(bytes), to: log, invocation)
            appended += 1
        }
        invocation.diagnostics.note("appended \((appended == 1 ? "1 entry" : "\(appended) entries")) to \(FileFailure.quoted(log.directory))")
        return .ok
    }

    /// Appends one entry under the log's lock and prints its line once it is durable.
    private static func appendOne(_ bytes: [UInt8], to log: ChainLog, _ invocation: Invocation) throws {
        let appended: ChainLog.Appended
        do {
            let lock = try log.lock()
            defer { _ = lock }
            for action in try log.repair() { invocation.diagnostics.warning("repaired \(FileFailure.quoted(log.directory)): \(action)") }
            appended = try log.append(bytes, now: Timestamp.nowEpoch())
        }
        try invocation.output.write(ChainLogLine.entry(appended.record, previousChainHash: appended.previousChainHash, log: log, content: bytes))
        // The line is the acknowledgement: out now, not when a buffer fills; a reader that went
        // away is an error here, since what follows in the input is not appended.
        do {
            try invocation.output.flush()
        } catch is OutputClosed {
            throw CommandFailure(.ioError, "standard output closed after entry \(appended.record.index) was appended (its line was not delivered); the rest of the input was not appended")
        }
    }

    static func repair(_ invocation: Invocation) throws -> ExitStatus {
        let log = try ChainLog.open(try ChainLogCommand.directory(invocation.arguments))
        let lock = try log.lock()
        defer { _ = lock }
        let actions = try log.repair()
        for action in actions { invocation.diagnostics.note(action) }
        var line = JSONObject()
        line.integer("entries", try log.count())
        line.value("repaired", .array(actions.map { .string($0) }))
        try invocation.output.write(line)
        return .ok
    }
}
