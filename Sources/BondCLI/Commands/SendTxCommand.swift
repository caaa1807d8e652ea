import Encoding
import Ethereum
import Files
import Glibc
import Hashing
import HTTP

/// `bond send-tx`: submits signed transactions to a node over JSON-RPC, follows them to a
/// receipt, and spools them through outages (bond-send-tx(1)).
enum SendTxCommand {
    static let spec = CommandSpec(
        "send-tx",
        summary: "send signed transactions to a node, wait for receipts, spool through outages",
        details: "Reads sign-tx lines (or raw hex) from FILE or stdin, one per line, and submits each with eth_sendRawTransaction. A resubmitted transaction the node already knows counts as sent. The node is --rpc, else BOND_RPC_URL, else ETH_RPC_URL.",
        options: [
            OptionSpec("rpc", .text(placeholder: "URL"), help: "the node's JSON-RPC URL (else BOND_RPC_URL, else ETH_RPC_URL)"),
            OptionSpec("wait", help: "wait for each receipt: status mined or reverted, block, gas used, logs"),
            OptionSpec("wait-timeout", .duration, help: "give up waiting for a receipt after this long (default 120 s)"),
            OptionSpec("confirmations", .integer(placeholder: "N"), help: "with --wait, wait for N blocks on top of the transaction's"),
            OptionSpec("spool", .directory, help: "when the node cannot be reached, keep the transaction in DIR and exit 0"),
            OptionSpec("flush", .directory, help: "send the transactions spooled in DIR, by sender and nonce; stop at the first failure"),
            OptionSpec("spool-status", .directory, help: "list the transactions spooled in DIR"),
            OptionSpec("keep-going", help: "report a failed line on stderr and go on; exit with the first failure's status"),
        ] + HTTPFlags.options,
        positionals: [PositionalSpec("FILE", .path, optional: true, help: "sign-tx lines or raw hex, one per line (- or none: stdin)")],
        run: run
    )

    static func run(_ invocation: Invocation) throws -> ExitStatus {
        let arguments = invocation.arguments
        let modes = ["flush", "spool-status"].filter { arguments.text($0) != nil }
        if modes.count > 1 || (!modes.isEmpty && (arguments.onCommandLine("spool") || !arguments.positionals.isEmpty)) {
            throw CommandFailure.usage("--flush and --spool-status take no input and no other spool option")
        }
        if let directory = arguments.text("spool-status") { return try status(directory, invocation) }
        let sender = try Sender(invocation)
        if let directory = arguments.text("flush") { return try flush(directory, sender, invocation) }

        let spool = try arguments.text("spool").map { try TransactionSpool(directory: $0, create: true) }
        var nodeDown = false
        var runner = ItemRunner(.lines(path: arguments.positionals.first ?? "-"), keepGoing: arguments.flag("keep-going"), invocation: invocation)
        let status = try runner.run { item in
            let (raw, upstream) = try SendTxCommand.parse(item)
            let hash = Keccak256.hash(raw)
            // Once the node failed temporarily, later lines go straight to the spool: their
            // nonces follow, and each would only wait out the retries again.
            if let spool, nodeDown {
                return try spoolLine(raw: raw, hash: hash, upstream: upstream, spool, invocation)
            }
            do {
                try sender.submit(raw: raw, hash: hash)
            } catch let failure as JSONRPCFailure where failure.isTemporary && spool != nil {
                invocation.diagnostics.warning("\(failure.description); spooling")
                nodeDown = true
                if let spool { return try spoolLine(raw: raw, hash: hash, upstream: upstream, spool, invocation) }
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

    private static func spoolLine(raw: [UInt8], hash: [UInt8], upstream: JSONValue, _ spool: TransactionSpool,
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
    let node: EthereumNode
    let invocation: Invocation
    let wait: Bool
    let waitTimeout: Duration
    let confirmations: UInt64

    init(_ invocation: Invocation) throws {
        let arguments = invocation.arguments
        node = try HTTPFlags.nodeFromEnvironment(invocation)
        self.invocation = invocation
        wait = arguments.flag("wait")
        waitTimeout = arguments.duration("wait-timeout") ?? .seconds(120)
        confirmations = arguments.integer("confirmations") ?? 0
        if confirmations > 0 && !wait { throw CommandFailure.usage("--confirmations needs --wait") }
    }

    /// eth_sendRawTransaction, idempotently: when the node refuses the transaction but knows
    /// it (geth's "already known", Nethermind's "AlreadyKnown", OpenEthereum's "Transaction
    /// with the same hash was already imported.", "nonce too low" for a mined one...), it is
    /// sent.
    func submit(raw: [UInt8], hash: [UInt8]) throws {
        do {
            let answered = try node.sendRawTransaction(raw)
            guard answered == hash else {
                throw CommandFailure(.unavailable, "the node answered hash \(Hex.encode(answered)) for transaction \(Hex.encode(hash))")
            }
        } catch JSONRPCFailure.rpc(let error) {
            guard try node.knowsTransaction(hash) else {
                throw CommandFailure(.unavailable, "the node refused \(Hex.encode(hash)): \(error.message)")
            }
            invocation.diagnostics.note("the node knows \(Hex.encode(hash)) already (\(error.message))")
        }
    }

    /// Prints the line of a sent transaction: after its receipt with `--wait`. A reverted
    /// transaction's line is printed, then it fails with 69.
    func report(hash: [UInt8], upstream: JSONValue) throws {
        var line = JSONObject()
        line.hex("hash", hash)
        guard wait else {
            line.string("status", "sent")
            line.value("upstream", upstream)
            try invocation.output.write(line)
            return
        }
        let receipt = try waitForReceipt(hash)
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

    /// Polls for the receipt (and the confirmations) until `waitTimeout`.
    private func waitForReceipt(_ hash: [UInt8]) throws -> Receipt {
        let deadline = Sender.now() + Sender.seconds(waitTimeout)
        var delay = 0.05
        while true {
            if let receipt = try node.receipt(hash) {
                if confirmations == 0 { return receipt }
                if try node.blockNumber() >= receipt.blockNumber + confirmations { return receipt }
            }
            guard Sender.now() + delay < deadline else {
                throw CommandFailure(.temporaryFailure, "transaction \(Hex.encode(hash)) was sent but not \(confirmations > 0 ? "confirmed" : "mined") within \(Sender.seconds(waitTimeout))s")
            }
            var pause = timespec(tv_sec: Int(delay), tv_nsec: Int((delay - Double(Int(delay))) * 1e9))
            nanosleep(&pause, nil)
            delay = min(delay * 2, 1.0)
        }
    }

    static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    static func seconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
