import Encoding

/// `bond base58 encode|decode`: Base58 and Base58Check with the Bitcoin alphabet (bond-base58(1)).
///
/// Each item prints `{"hex": "0x…", "base58": "…"}`; with `--check` the hex is the payload and
/// the object also has `"checksum": "0x…"`, the 4 checksum bytes.
enum Base58Command {
    static let check = OptionSpec("check", help: "Base58Check: a 4-byte double-SHA-256 checksum follows the payload")
    static let keepGoing = OptionSpec("keep-going", help: "report a bad item on stderr and go on; exit with the first failure's status")
    static let binary = OptionSpec("binary", help: "encode all of stdin (or --file) as the bytes of one item")
    static let file = OptionSpec("file", .path, help: "encode the bytes of PATH as one item (- is stdin); implies --binary")

    static let spec = CommandSpec(
        "base58",
        summary: "Base58 and Base58Check encoding and decoding (Bitcoin alphabet)",
        verbs: [
            CommandSpec(
                "encode",
                summary: "encode hex items, or raw bytes, as Base58",
                details: "Items are the HEX arguments, or else the lines of stdin (blank lines skipped). Hex may carry 0x; whitespace around an item is ignored.",
                options: [check, binary, file, keepGoing],
                positionals: [PositionalSpec("HEX", optional: true, variadic: true, help: "hex items to encode; none: read stdin, one per line")],
                run: encode
            ),
            CommandSpec(
                "decode",
                summary: "decode Base58 items to hex",
                details: "Items are the B58 arguments, or else the lines of stdin (blank lines skipped); whitespace around an item is ignored.",
                options: [check, keepGoing],
                positionals: [PositionalSpec("B58", optional: true, variadic: true, help: "Base58 items to decode; none: read stdin, one per line")],
                run: decode
            ),
        ]
    )

    static func encode(_ invocation: Invocation) throws -> ExitStatus {
        let arguments = invocation.arguments
        let withChecksum = arguments.flag(check)
        let output = invocation.output
        if arguments.flag(binary) || arguments.given(file) {
            if !arguments.positionals.isEmpty {
                throw CommandFailure.usage("HEX arguments cannot be given with --binary or --file, which encode one raw item")
            }
            let bytes = try InputFile.readAll(arguments.text(file) ?? "-")
            try bytes.withUnsafeBufferPointer { try output.write(encoded($0, withChecksum: withChecksum)) }
            invocation.diagnostics.note("encoded one item of \(MessageText.count(bytes.count, "byte"))")
            return .ok
        }
        var runner = ItemRunner(.from(arguments.positionals), keepGoing: arguments.flag(keepGoing), invocation: invocation)
        let status = try runner.run { item in
            let bytes = try Hex.decode(item)
            try bytes.withUnsafeBufferPointer { try output.write(encoded($0, withChecksum: withChecksum)) }
        }
        invocation.diagnostics.note("encoded \(MessageText.count(runner.succeeded, "item")), \(runner.failed) failed")
        return status
    }

    static func decode(_ invocation: Invocation) throws -> ExitStatus {
        let arguments = invocation.arguments
        let withChecksum = arguments.flag(check)
        let output = invocation.output
        var runner = ItemRunner(.from(arguments.positionals), keepGoing: arguments.flag(keepGoing), invocation: invocation)
        let status = try runner.run { item in
            var line = JSONObject()
            if withChecksum {
                let decoded = try Base58Check.decode(item)
                line.hex("hex", decoded.payload)
                line.asciiString("base58", item)
                line.hex("checksum", decoded.checksum)
            } else {
                let bytes = try Base58.decode(item)
                line.hex("hex", bytes)
                line.asciiString("base58", item)
            }
            try output.write(line)
        }
        invocation.diagnostics.note("decoded \(MessageText.count(runner.succeeded, "item")), \(runner.failed) failed")
        return status
    }

    /// The output object for `bytes` encoded, with its checksum when `withChecksum`.
    private static func encoded(_ bytes: UnsafeBufferPointer<UInt8>, withChecksum: Bool) -> JSONObject {
        var line = JSONObject(capacity: 40 + bytes.count * 4)
        line.hex("hex", bytes)
        if withChecksum {
            let checksum = Base58Check.checksum(of: bytes)
            let item = Array(bytes) + checksum
            item.withUnsafeBufferPointer { whole in line.asciiString("base58") { Base58.appendEncoding(of: whole, to: &$0) } }
            line.hex("checksum", checksum)
        } else {
            line.asciiString("base58") { Base58.appendEncoding(of: bytes, to: &$0) }
        }
        return line
    }
}
