import Encoding
import Ethereum
import Files
import Glibc
import Hashing
import HTTP

/// `bond send-tx`: submits signed transactions to a node over JSON-RPC, follows them to a
/// receipt, and spools them through outages (bond-send-tx(1)).
enum SendTxCommand {
    /// The options of `bond send-tx`.
    enum Option {
        static let wait = OptionSpec("wait", help: "wait for each receipt: status mined or reverted, block, gas used, logs")
        static let waitTimeout = OptionSpec("wait-timeout", .duration, help: "give up waiting for a receipt after this long (default 120 s)")
        static let confirmations = OptionSpec("confirmations", .integer(placeholder: "N"), help: "with --wait, wait for N blocks on top of the transaction's")
            .requiring("wait")
        static let spool = OptionSpec("spool", .directory, help: "when the node cannot be reached, keep the transaction in DIR and exit 0")
        static let flush = OptionSpec("flush", .directory, help: "send the transactions spooled in DIR, by sender and nonce; stop at the first failure")
            .conflicting(with: "spool-status", "spool", message: spoolModes).onlyOnCommandLine()
        static let spoolStatus = OptionSpec("spool-status", .directory, help: "list the transactions spooled in DIR")
            .conflicting(with: "spool", message: spoolModes).onlyOnCommandLine()
        static let keepGoing = OptionSpec("keep-going", help: "report a failed line on stderr and go on; exit with the first failure's status")

        static let spoolModes = "--flush and --spool-status take no input and no other spool option"
    }

    static let spec = CommandSpec(
        "send-tx",
        summary: "send signed transactions to a node, wait for receipts, spool through outages",
        details: "Reads sign-tx lines (or raw hex) from FILE or stdin, one per line, and submits each with eth_sendRawTransaction. A resubmitted transaction the node already knows counts as sent. The node is --rpc, else BOND_RPC_URL, else ETH_RPC_URL.",
        options: [HTTPFlags.rpc, Option.wait, Option.waitTimeout, Option.confirmations, Option.spool, Option.flush, Option.spoolStatus,
                  Option.keepGoing] + HTTPFlags.options,
        positionals: [PositionalSpec("FILE", .path, optional: true, help: "sign-tx lines or raw hex, one per line (- or none: stdin)")],
        run: run
    )

    static func run(_ invocation: Invocation) throws -> ExitStatus {
        let arguments = invocation.arguments
        if (arguments.given(Option.flush) || arguments.given(Option.spoolStatus)) && !arguments.positionals.isEmpty {
            throw CommandFailure.usage(Option.spoolModes)
        }
        if let directory = arguments.text(Option.spoolStatus) { return try status(directory, invocation) }
        let sender = try Sender(invocation)
        if let directory = arguments.text(Option.flush) { return try flush(directory, sender, invocation) }

        let spool = try arguments.text(Option.spool).map { try TransactionSpool(directory: $0, create: true) }
        var nodeDown = false
        var runner = ItemRunner(.lines(path: arguments.positionals.first ?? "-"), keepGoing: arguments.flag(Option.keepGoing), invocation: invocation)
        let status = try runner.run { item in
            let (raw, upstream) = try SendTxCommand.parse(item)
            let hash = Keccak256.hash(raw)
            // Once the node failed temporarily, later lines go straight to the spool: their
            // nonces follow, and each would only wait out the retries again.
            if let spool, nodeDown {
                return try spoolLine(raw: raw, hash: hash, upstream: upstream, spool, invocation)
            }
            let sent = Result { () throws(SubmissionError) in try sender.submit(raw: raw, hash: hash) }
            if case .failure(let failure) = sent {
                guard failure.isTemporary, let spool else { throw failure }
                invocation.diagnostics.warning("\(failure.description); spooling")
                nodeDown = true
                return try spoolLine(raw: raw, hash: hash, upstream: upstream, spool, invocation)
            }
            try sender.report(hash: hash, upstream: upstream)
        }
        invocation.diagnostics.note("sent \(MessageText.count(runner.succeeded, "transaction")), \(runner.failed) failed")
        return status
    }

    /// The raw bytes and the record of one input line: a sign-tx line (its `raw`), or hex.
    static func parse(_ item: UnsafeBufferPointer<UInt8>) throws -> (raw: [UInt8], upstream: JSONValue) {
        if item.first == UInt8(ascii: "{") {
            let line = try JSONParser.parse(item)
            guard case .string(let raw)? = line.objectValue?["raw"] else {
                throw CommandFailure(.dataError, "expected a sign-tx line with \"raw\", or raw transaction hex")
            }
            let bytes = try Hex.decode(raw)
            try SignedTransaction.checkShape(raw: bytes)
            return (bytes, line)
        }
        let text = String(decoding: item, as: UTF8.self)
        let bytes = try Hex.decode(item)
        try SignedTransaction.checkShape(raw: bytes)
        return (bytes, .string(text))
    }

    private static func spoolLine(raw: [UInt8], hash: Bytes32, upstream: JSONValue, _ spool: TransactionSpool,
                                  _ invocation: Invocation) throws {
        let record: JSONValue = upstream.objectValue != nil ? upstream : .object(JSONObjectValue([("raw", .string(Hex.encode(raw)))]))
        let lock = try spool.lock()
        let path = try spool.add(record, hash: hash)
        _ = lock
        var line = JSONObject()
        line.hex("hash", hash)
        line.string("status", "spooled")
        line.string("spool_file", AtomicFile.absolute(path))
        line.value("upstream", upstream)
        try invocation.output.write(line)
        try invocation.output.flush()
    }

    /// `--flush DIR`: sends what waits in the spool, in sender and nonce order, removing each
    /// file once the node has the transaction; stops at the first failure.
    private static func flush(_ directory: String, _ sender: Sender, _ invocation: Invocation) throws -> ExitStatus {
        let spool = try TransactionSpool(directory: directory, create: false)
        let lock = try spool.lock()
        defer { _ = lock }
        let items = try spool.list()
        invocation.diagnostics.note("\(MessageText.count(items.count, "spooled transaction")) in \(FileFailure.quoted(directory))")
        for item in items {
            let hash = item.transaction.hash
            do {
                try sender.submit(raw: item.transaction.raw, hash: hash)
            } catch {
                let (status, message) = ErrorClassifier.classify(error)
                throw CommandFailure(status, "\(FileFailure.quoted(item.path)): \(message); \(MessageText.count(items.count, "transaction")) stay spooled from here")
            }
            try spool.remove(item)
            try sender.report(hash: hash, upstream: item.line)
        }
        return .ok
    }

    /// `--spool-status DIR`: one line per spooled transaction.
    private static func status(_ directory: String, _ invocation: Invocation) throws -> ExitStatus {
        let spool = try TransactionSpool(directory: directory, create: false)
        for item in try spool.list() {
            var line = JSONObject()
            line.hex("hash", item.transaction.hash)
            line.string("from", item.transaction.from.checksummed)
            line.string("nonce", String(item.transaction.transaction.nonce))
            line.string("spooled_at", Timestamp.rfc3339(epoch: item.spooledEpoch))
            line.integer("spooled_epoch", item.spooledEpoch)
            line.string("file", AtomicFile.absolute(item.path))
            try invocation.output.write(line)
        }
        return .ok
    }
}

/// Submits transactions to one node and reports them, as `send-tx` options say.
final class Sender {
    let submitter: TransactionSubmitter
    let invocation: Invocation
    let wait: Bool
    let waitTimeout: Duration
    let confirmations: UInt64

    init(_ invocation: Invocation) throws {
        let arguments = invocation.arguments
        submitter = TransactionSubmitter(node: try HTTPFlags.rpcNode(invocation))
        submitter.onNote = { [diagnostics = invocation.diagnostics] in diagnostics.note($0) }
        self.invocation = invocation
        wait = arguments.flag(SendTxCommand.Option.wait)
        waitTimeout = arguments.duration(SendTxCommand.Option.waitTimeout) ?? .seconds(120)
        confirmations = arguments.integer(SendTxCommand.Option.confirmations) ?? 0
    }

    /// Sends the transaction (see ``TransactionSubmitter/submit(raw:hash:)``).
    func submit(raw: [UInt8], hash: Bytes32) throws(SubmissionError) {
        try submitter.submit(raw: raw, hash: hash)
    }

    /// Prints the line of a sent transaction: after its receipt with `--wait`. A reverted
    /// transaction's line is printed, then it fails with 69.
    func report(hash: Bytes32, upstream: JSONValue) throws {
        var line = JSONObject()
        line.hex("hash", hash)
        guard wait else {
            line.string("status", "sent")
            line.value("upstream", upstream)
            try invocation.output.write(line)
            return
        }
        let receipt = try submitter.receipt(of: hash, timeout: waitTimeout, confirmations: confirmations)
        line.string("status", receipt.succeeded ? "mined" : "reverted")
        line.string("block_number", String(receipt.blockNumber))
        line.string("block_hash", receipt.blockHash)
        line.string("gas_used", receipt.gasUsed.description)
        if let price = receipt.effectiveGasPrice { line.string("effective_gas_price", price.description) } else { line.null("effective_gas_price") }
        if let address = receipt.contractAddress { line.string("contract_address", address.checksummed) } else { line.null("contract_address") }
        line.value("logs", receipt.logs)
        line.value("upstream", upstream)
        try invocation.output.write(line)
        if !receipt.succeeded {
            try invocation.output.flush()
            throw CommandFailure(.unavailable, "transaction \(Hex.encode(hash)) reverted in block \(receipt.blockNumber)")
        }
    }
}
