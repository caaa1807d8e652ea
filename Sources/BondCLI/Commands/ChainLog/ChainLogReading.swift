import ChainLog
import Encoding

/// `bond chain-log head` and `show`: reading entries back.
enum ChainLogReading {
    static func head(_ invocation: Invocation) throws -> ExitStatus {
        let log = try ChainLog.open(try ChainLogCommand.directory(invocation.arguments))
        let count = try log.count()
        guard count > 0 else { throw ChainLogError.empty(log.directory) }
        try print(count - 1, of: log, invocation)
        return .ok
    }

    static func show(_ invocation: Invocation) throws -> ExitStatus {
        let arguments = invocation.arguments
        let log = try ChainLog.open(try ChainLogCommand.directory(arguments))
        let count = try log.count()
        let indices: Range<Int>
        switch (arguments.positionals.first, ChainLogCommand.option(arguments, ChainLogCommand.Option.last)) {
        case (let text?, nil):
            let index = try ChainLogCommand.index(text, "N")
            guard index < count else { throw ChainLogError.noEntry(index: index, count: count) }
            indices = index..<(index + 1)
        case (nil, let last?):
            indices = max(0, count - last)..<count
        case (nil, nil):
            throw CommandFailure.usage("which entries? give N, or --last K")
        default:
            throw CommandFailure.usage("give N or --last K, not both")
        }
        for index in indices { try print(index, of: log, invocation) }
        return .ok
    }

    private static func print(_ index: Int, of log: ChainLog, _ invocation: Invocation) throws {
        let record = try log.record(index)
        let previous = index == 0 ? ChainLog.genesis : try log.record(index - 1).chainHash
        try invocation.output.write(ChainLogLine.entry(record, previousChainHash: previous, log: log, content: try log.content(index)))
    }
}
