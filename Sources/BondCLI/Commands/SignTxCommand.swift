import Encoding
import EthCrypto
import Ethereum
import Glibc
import HTTP

/// `bond sign-tx`: signs Ethereum transactions offline, one per input line (bond-sign-tx(1)).
enum SignTxCommand {
    /// The options of `bond sign-tx`; the key's are ``SigningKey``'s, the Origin ones
    /// ``OriginSession``'s.
    enum Option {
        static let to = OptionSpec("to", .text(placeholder: "ADDRESS"), help: "recipient; a line without to (and without this) creates a contract")
        static let value = OptionSpec("value", .quantity(placeholder: "AMOUNT"), help: "wei to send: 21000, 0x5208, 1ether, 0.5gwei")
        static let nonce = OptionSpec("nonce", .wholeNumber(placeholder: "N"), domainKey: "nonce", help: "nonce of the first line without one; later lines count up")
        static let gas = OptionSpec("gas", .wholeNumber(placeholder: "N"), domainKey: "gas", help: "gas limit")
        static let gasPrice = OptionSpec("gas-price", .quantity(placeholder: "AMOUNT"), domainKey: "gasPrice", help: "legacy and EIP-2930 fee per gas (0.1gwei)")
            .conflicting(with: "max-fee-per-gas", "max-priority-fee-per-gas",
                         message: "fee fields of two types: --gas-price with --max-fee-per-gas or --max-priority-fee-per-gas", status: .dataError)
        static let maxFeePerGas = OptionSpec("max-fee-per-gas", .quantity(placeholder: "AMOUNT"), domainKey: "maxFeePerGas", help: "EIP-1559 fee cap per gas")
        static let maxPriorityFeePerGas = OptionSpec("max-priority-fee-per-gas", .quantity(placeholder: "AMOUNT"), domainKey: "maxPriorityFeePerGas",
                                                     help: "EIP-1559 priority fee per gas")
        static let chainID = OptionSpec("chain-id", .wholeNumber(placeholder: "N"), domainKey: "chainId", help: "chain id (EIP-155): 1, 137, 246 Energy Web, 73799 Volta")
            .conflicting(with: "no-chain-id")
        static let type = OptionSpec("type", .choice(["0", "1", "2"]), help: "0 legacy, 1 EIP-2930, 2 EIP-1559 (default: from the fee fields)")
        static let data = OptionSpec("data", .hex(placeholder: "HEX"), help: "calldata, hex").conflicting(with: "function", "arg")
        static let function = OptionSpec("function", .text(placeholder: "SIG"), help: "call SIG, e.g. 'transfer(address,uint256)', with the --arg values")
        static let arg = OptionSpec("arg", .text(placeholder: "VALUE"), repeatable: true, help: "an argument of --function, in order (repeat it)")
            .requiring("function", dependent: true, message: "--arg needs --function")
        static let noChainID = OptionSpec("no-chain-id", domainKey: "chainId:none", help: "sign legacy transactions without EIP-155 replay protection")
        static let rpc = OptionSpec("rpc", .text(placeholder: "URL"), domainKey: "node", help: "fill missing nonce, chain id, gas and fees from this node (never from the environment)")
        static let nonceFile = OptionSpec("nonce-file", .path, domainKey: "NonceFile", help: "keep the next nonce per sender in PATH, so signing goes on while the node is down")
        static let noInput = OptionSpec("no-input", short: "n", help: "sign one transaction from the options alone, reading no input").onlyOnCommandLine()
        static let decode = OptionSpec("decode", help: "decode signed raw transactions (arguments or stdin lines: hex or sign-tx output) and recover their sender")
            .conflicting(with: "no-input", message: "--decode reads raw transactions; --no-input signs one").onlyOnCommandLine()
        static let threads = OptionSpec("threads", .integer(placeholder: "N"), help: "sign on N threads (default: the number of CPUs)")
        static let keepGoing = OptionSpec("keep-going", help: "report a bad line on stderr and go on; exit with the first failure's status")

        /// The fields of a transaction.
        static let transaction = [to, value, nonce, gas, gasPrice, maxFeePerGas, maxPriorityFeePerGas, chainID, type, data, function, arg, noChainID]
    }

    static let spec = CommandSpec(
        "sign-tx",
        summary: "sign Ethereum transactions offline (legacy/EIP-155, EIP-2930, EIP-1559)",
        details: "Reads one transaction JSON object per line from FILE or stdin (or one pretty-printed object in FILE), fills what a line lacks from the options (a field the line carries wins), signs it and prints one line per transaction. --decode instead decodes signed raw transactions.",
        options: Option.transaction + SigningKey.options + [Option.rpc, Option.nonceFile] + OriginSession.options + HTTPFlags.options
            + [Option.noInput, Option.decode, Option.threads, Option.keepGoing],
        positionals: [PositionalSpec("INPUT", .path, optional: true, variadic: true,
                                     help: "a FILE of transactions, one JSON object per line, or one pretty-printed object (- or none: stdin); with --decode: raw transactions, hex or sign-tx lines")],
        run: run
    )

    static func run(_ invocation: Invocation) throws -> ExitStatus {
        let arguments = invocation.arguments
        if arguments.flag(Option.decode) { return try decode(invocation) }
        if arguments.positionals.count > 1 {
            throw CommandFailure.usage("sign-tx reads one FILE; for several, concatenate them: cat A B | bond sign-tx")
        }
        let origin = try OriginSession.make(arguments, invocation)
        var defaults = try flagRequest(arguments)
        let key = try SigningKey.required(arguments)
        let from = Address(publicKey: key.publicKey.uncompressed)
        let withoutChainID = arguments.flag(Option.noChainID)
        invocation.diagnostics.note("signing as \(from.checksummed)")

        let source: ItemSource
        if arguments.flag(Option.noInput) {
            guard arguments.positionals.isEmpty else { throw CommandFailure.usage("--no-input reads no FILE") }
            source = .whole(label: .argument("--no-input"), bytes: Array("{}".utf8))
        } else {
            source = .jsonValues(path: arguments.positionals.first ?? "-")
        }
        let nonceFile = try arguments.text(Option.nonceFile).map { try NonceFile($0) }
        var filler: TransactionFiller?
        if let url = arguments.text(Option.rpc) {
            filler = TransactionFiller(node: try HTTPFlags.node(url, invocation), nonceFile: nonceFile, sender: from)
        } else if let nonceFile {
            filler = TransactionFiller(node: nil, nonceFile: nonceFile, sender: from)
        }
        filler?.onNote = { [diagnostics = invocation.diagnostics] in diagnostics.note($0) }
        let output = invocation.output
        var nonces = NonceSequence(first: defaults.nonce)
        defaults.nonce = nil
        var runner = ItemRunner(source, keepGoing: arguments.flag(Option.keepGoing), invocation: invocation)
        let threads = Int(arguments.integer(Option.threads) ?? UInt64(max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN)))))
        // Origin calls carry state from line to line: one at a time, in order.
        let status = try runner.run(threads: origin == nil ? max(1, threads) : 1, batchSize: origin == nil ? 512 : 1,
                                    prepare: { item -> Prepared in
            var report: OriginReport?
            var record: JSONValue?
            var request: TransactionRequest
            if let origin {
                (request, report, record) = try origin.call(for: item)
            } else {
                request = try self.request(from: item)
            }
            let takesSequence = request.nonce == nil && nonces.next != nil
            if takesSequence { request.nonce = nonces.next }
            request = request.filled(from: defaults)
            if let filler { request = try filler.fill(request) }
            if let expected = request.from, expected != from {
                throw CommandFailure(.dataError, "from \(expected.checksummed) is not the signing key's address \(from.checksummed)")
            }
            if takesSequence { _ = try nonces.nonce() }
            let transaction = try request.transaction(withoutChainID: withoutChainID)
            if takesSequence { nonces.advance() }
            if transaction.to == nil && transaction.data.isEmpty {
                invocation.diagnostics.warning("the transaction with nonce \(transaction.nonce) has no to and no data: it creates an empty contract")
            }
            return Prepared(transaction: transaction, origin: report.map { origin!.summary($0) }, upstream: record, report: report)
        }, produce: { prepared in
            var line = TransactionLine.object(try prepared.transaction.signed(with: key, from: from))
            if let summary = prepared.origin { line.value("origin", summary) }
            if let upstream = prepared.upstream { line.value("upstream", upstream) }
            return line.line()
        }, written: { prepared in
            // The nonce file and the Origin state move on only once the line is out.
            if nonceFile != nil || prepared.report != nil { try output.flush() }
            try nonceFile?.used(prepared.transaction.nonce, by: from)
            if let report = prepared.report { try origin?.commit(report) }
        })
        invocation.diagnostics.note("signed \(MessageText.count(runner.succeeded, "transaction")), \(runner.failed) failed")
        return status
    }

    /// A transaction ready to sign, with what its line carries besides.
    struct Prepared: @unchecked Sendable {
        let transaction: Transaction
        /// The `origin` summary of an Origin call.
        let origin: JSONValue?
        /// The record the call was built from, kept whole.
        let upstream: JSONValue?
        let report: OriginReport?
    }

    /// A request from one input item: a JSON object.
    private static func request(from item: UnsafeBufferPointer<UInt8>) throws -> TransactionRequest {
        let json = try JSONParser.parse(item)
        guard let object = json.objectValue else {
            throw CommandFailure(.dataError, "expected a transaction JSON object, got \(json.kindDescription)")
        }
        return try TransactionRequest(json: object)
    }

    /// The transaction fields the options give, checked (exit 65 for a value out of range).
    static func flagRequest(_ arguments: ParsedArguments) throws -> TransactionRequest {
        var request = TransactionRequest()
        func field<T>(_ option: OptionSpec, _ read: (JSONValue, String) throws -> T) throws -> T? {
            guard let text = arguments.text(option) else { return nil }
            return try read(.string(text), option.longForm)
        }
        if let to = try field(Option.to, TransactionRequest.address) { request.to = .some(to) }
        request.value = try field(Option.value, TransactionRequest.amount)
        request.nonce = try field(Option.nonce, TransactionRequest.uint64)
        request.gas = try field(Option.gas, TransactionRequest.uint64)
        request.gasPrice = try field(Option.gasPrice, TransactionRequest.amount)
        request.maxFeePerGas = try field(Option.maxFeePerGas, TransactionRequest.amount)
        request.maxPriorityFeePerGas = try field(Option.maxPriorityFeePerGas, TransactionRequest.amount)
        request.chainID = try field(Option.chainID, TransactionRequest.uint64)
        request.type = try field(Option.type, TransactionRequest.type)
        request.data = try field(Option.data, TransactionRequest.hexData)
        if let function = arguments.text(Option.function) {
            let signature = try FunctionSignature(function)
            let texts = arguments.texts(Option.arg)
            guard texts.count == signature.inputs.count else {
                throw CommandFailure.usage("\(signature.canonical) takes \(MessageText.count(signature.inputs.count, "argument")) (--arg), \(texts.count) given")
            }
            request.call = (signature, try ABIArguments.values(texts: texts, for: signature))
        }
        return request
    }

    /// The raw transaction an item holds: hex, or a sign-tx output line (its `raw`).
    private static func rawBytes(_ item: UnsafeBufferPointer<UInt8>) throws -> [UInt8] {
        guard item.first == UInt8(ascii: "{") else { return try Hex.decode(item) }
        guard let object = try JSONParser.parse(item).objectValue, case .string(let raw)? = object["raw"] else {
            throw CommandFailure(.dataError, "expected raw transaction hex, or a JSON object with \"raw\"")
        }
        return try Hex.decode(raw)
    }

    /// `--decode`: decodes raw signed transactions and recovers their senders.
    private static func decode(_ invocation: Invocation) throws -> ExitStatus {
        let arguments = invocation.arguments
        var runner = ItemRunner(.from(arguments.positionals), keepGoing: arguments.flag(Option.keepGoing), invocation: invocation)
        let output = invocation.output
        let status = try runner.run { item in
            try output.write(TransactionLine.object(try SignedTransaction.decode(raw: try rawBytes(item))))
        }
        invocation.diagnostics.note("decoded \(MessageText.count(runner.succeeded, "transaction")), \(runner.failed) failed")
        return status
    }
}
