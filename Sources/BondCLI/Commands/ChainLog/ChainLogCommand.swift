import ChainLog
import Encoding
import Files
import Glibc

/// `bond chain-log`: the tamper-evident, hash-chained log of raw readings, its Merkle tree and
/// proofs (bond-chain-log(1)).
enum ChainLogCommand {
    /// The options of `bond chain-log`'s verbs.
    enum Option {
        static let dir = OptionSpec("dir", .directory, help: "the log's directory")
        static let file = OptionSpec("file", .path, help: "append the bytes of PATH as one entry (binary too)")
        static let last = OptionSpec("last", .integer(placeholder: "K"), help: "the last K entries")
        static let from = OptionSpec("from", .integer(placeholder: "N"), help: "check only entries N on (with --trusted-chain-hash)")
        static let trustedChainHash = OptionSpec("trusted-chain-hash", .hex(placeholder: "HEX"), help: "the chain hash of entry N-1, checked earlier")
        static let size = OptionSpec("size", .integer(placeholder: "SIZE"), help: "the tree of the first SIZE entries (default all)")
        static let proofSize = OptionSpec("size", .integer(placeholder: "SIZE"), help: "in the tree of the first SIZE entries (default all)")
        static let first = OptionSpec("first", .integer(placeholder: "M"), help: "the earlier tree size")
        static let second = OptionSpec("second", .integer(placeholder: "N"), help: "the later tree size (default all)")
        static let entry = OptionSpec("entry", .path, help: "the entry's bytes")
        static let root = OptionSpec("root", .hex(placeholder: "HEX"), help: "the trusted tree hash")
    }

    static let spec = CommandSpec(
        "chain-log",
        summary: "keep raw readings in a hash-chained log with Merkle proofs and IPFS CIDs",
        details: "Each entry's bytes are kept in DIR/entries/, and index.tsv chains their SHA-256 hashes: chain_hash = SHA-256(previous chain_hash || content_sha256), the bytes32 the Origin contracts store. Proofs follow RFC 9162 (Certificate Transparency).",
        verbs: [
            CommandSpec("append", summary: "append each line of FILE or stdin (or one file, --file) as an entry",
                        details: "Each non-blank line, without its newline, is one entry; an entry's line is printed once it is durable (fsync'd). Creates DIR on first use and repairs an append a crash left unfinished.",
                        options: [Option.dir, Option.file],
                        positionals: [PositionalSpec("FILE", .path, optional: true, help: "lines to append (- or none: stdin)")],
                        domainKey: "ChainLog.append", run: ChainLogWriting.append),
            CommandSpec("head", summary: "print the last entry's line", options: [Option.dir], run: ChainLogReading.head),
            CommandSpec("show", summary: "print entry N's line, or the last K entries'",
                        options: [Option.dir, Option.last],
                        positionals: [PositionalSpec("N", optional: true, help: "the entry's index (from 0)")],
                        run: ChainLogReading.show),
            CommandSpec("verify", summary: "check every entry, chain link and index line",
                        details: "Recomputes each entry's SHA-256 and chain hash and checks index.tsv and entries/; prints {\"ok\": true, \"entries\", \"chain_hash\", \"root\"} or exits 65 naming the first broken entry and what broke.",
                        options: [Option.dir, Option.from, Option.trustedChainHash],
                        domainKey: "ChainLog.verify", run: ChainLogProving.verify),
            CommandSpec("root", summary: "print the Merkle tree hash (RFC 9162) of the log or its first N entries",
                        options: [Option.dir, Option.size],
                        run: ChainLogProving.root),
            CommandSpec("prove", summary: "print the inclusion proof of entry N",
                        options: [Option.dir, Option.proofSize],
                        positionals: [PositionalSpec("N", help: "the entry's index (from 0)")],
                        domainKey: "ChainLog.prove", run: ChainLogProving.prove),
            CommandSpec("consistency", summary: "print the consistency proof between two tree sizes",
                        options: [Option.dir, Option.first, Option.second],
                        run: ChainLogProving.consistency),
            CommandSpec("verify-proof", summary: "check an inclusion proof from stdin offline",
                        details: "Reads a line that 'bond chain-log prove' printed and checks that it leads from the entry's bytes (--entry) to the trusted root (--root).",
                        options: [Option.entry, Option.root],
                        run: ChainLogProving.verifyProof),
            CommandSpec("repair", summary: "finish or drop an append a crash left unfinished",
                        options: [Option.dir], domainKey: "ChainLog.repair", run: ChainLogWriting.repair),
        ]
    )

    /// `--dir`, required.
    static func directory(_ arguments: ParsedArguments) throws -> String {
        guard let directory = arguments.text(Option.dir) else { throw CommandFailure.usage("which log? give --dir DIR") }
        return directory
    }

    /// A whole number argument or option value as an Int.
    static func index(_ text: String, _ what: String) throws -> Int {
        guard let value = Int(text), value >= 0, text.allSatisfy(\.isASCIIDigit) else {
            throw CommandFailure.usage("\(what): '\(MessageText.sanitized(text, limit: 40))' is not an entry index (a whole number from 0)")
        }
        return value
    }

    /// A whole-number option's value as an Int (capped at Int.max).
    static func option(_ arguments: ParsedArguments, _ option: OptionSpec) -> Int? {
        arguments.integer(option).map { $0 > UInt64(Int.max) ? Int.max : Int($0) }
    }
}
