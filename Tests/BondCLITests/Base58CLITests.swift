import Foundation
import Testing

/// `bond base58` run as a process: stdout JSON, the stderr line and the exit status.
@Suite("bond base58")
struct Base58CLITests {
    @Test("encodes each HEX argument to one JSON line, 0x optional, whitespace ignored")
    func encodeArguments() throws {
        let result = try BondBinary.run(["base58", "encode", "61", "0x626262", " 00eb15231dfceb60925886b67d065299925915aeb172c06647 ", ""])
        #expect(result.status == 0)
        #expect(result.stderr == "")
        #expect(result.stdoutLines == [
            #"{"hex": "0x61", "base58": "2g"}"#,
            #"{"hex": "0x626262", "base58": "a3gV"}"#,
            #"{"hex": "0x00eb15231dfceb60925886b67d065299925915aeb172c06647", "base58": "1NS17iag9jJgTHD1VXjvLCEnZuQ3rJDE9L"}"#,
            #"{"hex": "0x", "base58": ""}"#,
        ])
    }

    @Test("reads stdin one item per line when there are no arguments, skipping blank lines")
    func encodeStdin() throws {
        let result = try BondBinary.run(["base58", "encode"], input: "0x0000\n\n  \t\n271F35A0\r\n10c8511e")
        #expect(result.status == 0)
        #expect(result.lines.map { $0["base58"] as? String } == ["11", "211111", "Rt5zm"])
        #expect(result.lines.map { $0["hex"] as? String } == ["0x0000", "0x271f35a0", "0x10c8511e"])
    }

    @Test("decodes to the same object, keeping leading 1s as zero bytes")
    func decode() throws {
        let result = try BondBinary.run(["base58", "decode", "1111111111", "3SEo3LWLoPntC"])
        #expect(result.status == 0)
        #expect(result.stdoutLines == [
            #"{"hex": "0x00000000000000000000", "base58": "1111111111"}"#,
            #"{"hex": "0xbf4f89001e670274dd", "base58": "3SEo3LWLoPntC"}"#,
        ])
    }

    @Test("Base58Check: encode appends the checksum, decode verifies and strips it, both print it")
    func check() throws {
        // Python: base58.b58encode_check(bytes.fromhex("0062e907b15cbf27d5425399ebf6f0fb50ebb88f18"))
        let encoded = try BondBinary.run(["base58", "encode", "--check", "0062e907b15cbf27d5425399ebf6f0fb50ebb88f18"])
        #expect(encoded.stdoutLines == [#"{"hex": "0x0062e907b15cbf27d5425399ebf6f0fb50ebb88f18", "base58": "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa", "checksum": "0xc29b7d93"}"#])
        let decoded = try BondBinary.run(["base58", "decode", "--check"], input: "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa\n")
        #expect(decoded.stdoutLines == encoded.stdoutLines)
    }

    @Test("matches Python's base58 on the committed vectors through the CLI, both ways")
    func pythonVectorsThroughCLI() throws {
        let url = BondBinary.packageRoot.appendingPathComponent("Tests/EncodingTests/Vectors/base58-python.json")
        let file = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        let vectors = try #require(file["vectors"] as? [[String: String]])
        // "0x" keeps the empty payload's line from being a blank one, which would be skipped.
        let hexes = vectors.map { "0x" + $0["hex"]! }.joined(separator: "\n")
        let encoded = try BondBinary.run(["base58", "encode"], input: hexes)
        #expect(encoded.status == 0)
        let produced = encoded.lines.map { $0["base58"] as? String ?? "?" }
        #expect(produced.count == vectors.count)
        let firstWrong = zip(produced, vectors).enumerated().first { $0.element.0 != $0.element.1["base58"]! }
        #expect(firstWrong == nil, "vector \(firstWrong?.offset ?? -1) differs")
        let checked = try BondBinary.run(["base58", "decode", "--check"], input: vectors.map { $0["base58check"]! }.joined(separator: "\n"))
        let payloads = checked.lines.map { $0["hex"] as? String ?? "?" }
        #expect(payloads.count == vectors.count)
        let firstBad = zip(payloads, vectors).enumerated().first { $0.element.0 != "0x" + $0.element.1["hex"]! }
        #expect(firstBad == nil, "vector \(firstBad?.offset ?? -1) differs")
    }

    @Test("--binary and --file encode raw bytes; 64 KiB round-trips exactly")
    func binary() throws {
        var bytes = [UInt8](repeating: 0, count: 65536)
        for i in bytes.indices { bytes[i] = UInt8(truncatingIfNeeded: i &* 2654435761 >> 13) }
        bytes[0] = 0
        let directory = try TemporaryDirectory()
        try Data(bytes).write(to: URL(fileURLWithPath: directory.path("item.bin")))
        let fromStdin = try BondBinary.run(["base58", "encode", "--binary"], stdin: Data(bytes))
        let fromFile = try BondBinary.run(["base58", "encode", "--file", directory.path("item.bin")])
        let fromDash = try BondBinary.run(["base58", "encode", "--file", "-"], stdin: Data(bytes))
        #expect(fromStdin.status == 0 && fromFile.status == 0 && fromDash.status == 0)
        #expect(fromStdin.stdout == fromFile.stdout && fromFile.stdout == fromDash.stdout)
        let text = try #require(fromFile.lines.first?["base58"] as? String)
        #expect(text.hasPrefix("1") && !text.hasPrefix("11"))
        let decoded = try BondBinary.run(["base58", "decode", text])
        let hex = try #require(decoded.lines.first?["hex"] as? String)
        #expect(hex == "0x" + bytes.map { String(format: "%02x", $0) }.joined())
    }

    @Test("refuses HEX arguments together with --binary (exit 64)")
    func binaryWithArguments() throws {
        let result = try BondBinary.run(["base58", "encode", "--binary", "00"])
        #expect(result.status == 64)
        #expect(result.stderr == "bond base58: error: HEX arguments cannot be given with --binary or --file, which encode one raw item\n")
    }

    @Test("bad items exit 65 naming the item and the reason", arguments: [
        (["decode", "1O1"], "bond base58: error: '1O1': invalid Base58 character 'O' at position 2"),
        (["decode", "0"], "bond base58: error: '0': invalid Base58 character '0' at position 1"),
        (["decode", "abIc"], "bond base58: error: 'abIc': invalid Base58 character 'I' at position 3"),
        (["decode", "zzzl"], "bond base58: error: 'zzzl': invalid Base58 character 'l' at position 4"),
        (["decode", "zzé"], "bond base58: error: 'zzé': invalid Base58 character U+00E9 'é' at position 3"),
        (["encode", "abc"], "bond base58: error: 'abc': odd number of hex digits (3): bytes take two digits each"),
        (["encode", "0xag"], "bond base58: error: '0xag': invalid hex digit 'g' at position 4"),
        (["decode", "--check", "1Wh4bi"], "bond base58: error: '1Wh4bi': Base58Check checksum mismatch: the item carries 0x1406e059, its payload's checksum is 0x1406e058"),
        (["decode", "--check", "a3gV"], "bond base58: error: 'a3gV': Base58Check item decodes to 3 bytes, fewer than its 4-byte checksum"),
    ])
    func badItems(arguments: [String], message: String) throws {
        let result = try BondBinary.run(["base58"] + arguments)
        #expect(result.status == 65)
        #expect(result.stdout == "")
        #expect(result.stderr == message + "\n")
    }

    @Test("in a stream, the first bad line stops the run with 65 after the good lines before it")
    func streamStopsAtFirstFailure() throws {
        let result = try BondBinary.run(["base58", "decode"], input: "2g\n\na3gV\n0bad\n2g\n")
        #expect(result.status == 65)
        #expect(result.lines.map { $0["hex"] as? String } == ["0x61", "0x626262"])
        #expect(result.stderr == "bond base58: error: line 4: invalid Base58 character '0' at position 1\n")
    }

    @Test("--keep-going reports each bad line and exits at the end with the first failure's status")
    func keepGoing() throws {
        let result = try BondBinary.run(["base58", "encode", "--keep-going"], input: "61\nxyz\n\n62\n0x1\n63\n")
        #expect(result.status == 65)
        #expect(result.lines.map { $0["hex"] as? String } == ["0x61", "0x62", "0x63"])
        #expect(result.stderr == """
            bond base58: error: line 2: invalid hex digit 'x' at position 1
            bond base58: error: line 5: odd number of hex digits (1): bytes take two digits each

            """)
        let clean = try BondBinary.run(["base58", "encode", "--keep-going"], input: "61\n")
        #expect(clean.status == 0)
    }

    @Test("a missing --file exits 66, a directory too")
    func missingFile() throws {
        let missing = try BondBinary.run(["base58", "encode", "--file", "/nonexistent/item.bin"])
        #expect(missing.status == 66)
        #expect(missing.stderr == "bond base58: error: cannot open '/nonexistent/item.bin': No such file or directory\n")
        let directory = try BondBinary.run(["base58", "encode", "--file", "/tmp"])
        #expect(directory.status == 66)
        #expect(directory.stderr == "bond base58: error: cannot open '/tmp': Is a directory\n")
    }

    @Test("a full disk on stdout exits 74 with the reason")
    func fullDisk() throws {
        let result = try BondBinary.run(["base58", "encode", "00"], stdoutPath: "/dev/full")
        #expect(result.status == 74)
        #expect(result.stderr == "bond base58: error: cannot write to standard output: No space left on device\n")
    }
}
