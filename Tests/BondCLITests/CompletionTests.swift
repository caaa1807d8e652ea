import Foundation
import Testing

/// Each completion file loaded in its real shell, offering what bond's table says.
@Suite("Shell completions")
struct CompletionTests {
    static let optionsOfEncode = ["--binary", "--check", "--config", "--file", "--help", "--keep-going", "--log-file", "--profile", "--quiet", "--verbose", "--version"]

    /// The words bash offers for `words` (the last one being completed).
    func bash(_ words: [String]) throws -> [String] {
        let quoted = words.map { "'\($0)'" }.joined(separator: " ")
        let script = "source completions/bond.bash; COMP_WORDS=(\(quoted)); COMP_CWORD=\(words.count - 1); "
            + "COMP_LINE=\"${COMP_WORDS[*]}\"; COMP_POINT=${#COMP_LINE}; _bond; printf '%s\\n' \"${COMPREPLY[@]}\""
        let result = try ShellCommand.run("/bin/bash", ["--norc", "-c", script])
        #expect(result.status == 0, "bash: \(result.stderr)")
        return result.stdout.split(separator: "\n").map(String.init).sorted()
    }

    func fish(_ line: String) throws -> [String] {
        let fish = try #require(ShellCommand.which("fish"), "fish is not installed (apt-get install fish)")
        let result = try ShellCommand.run(fish, ["--no-config", "-c", "source completions/bond.fish; complete -C '\(line)'"])
        #expect(result.status == 0, "fish: \(result.stderr)")
        return result.stdout.split(separator: "\n").map { String($0.split(separator: "\t")[0]) }.sorted()
    }

    func zsh(_ line: String) throws -> [String] {
        let zsh = try #require(ShellCommand.which("zsh"), "zsh is not installed (apt-get install zsh)")
        let result = try ShellCommand.run(zsh, ["-f", "Tests/BondCLITests/Shell/zsh-complete.zsh", "completions", line])
        #expect(result.status == 0, "zsh: \(result.stderr)")
        return result.stdout.split(separator: "\n").map(String.init).sorted()
    }

    @Test("bash completes subcommands, verbs, options and file values")
    func bashCompletes() throws {
        #expect(try bash(["bond", "ba"]) == ["base58"])
        #expect(try bash(["bond", "base58", ""]) == ["decode", "encode"])
        #expect(try bash(["bond", "base58", "encode", "--"]) == Self.optionsOfEncode)
        #expect(try bash(["bond", "-v", "--log-file", "x", "base58", "d"]) == ["decode"])
        #expect(try bash(["bond", "completions", ""]) == ["bash", "fish", "zsh"])
        #expect(try bash(["bond", "help", "b"]) == ["base58"])
        #expect(try bash(["bond", "base58", "encode", "--file", "Package.sw"]) == ["Package.swift"])
        #expect(try bash(["bond", "read-meter", ""]) == ["energy-api", "eumel", "sunspec", "watttime"])
        #expect(try bash(["bond", "read-meter", "watttime", "--api", ""]) == ["v1", "v2", "v3"])
        #expect(try bash(["bond", "read-meter", "eumel", "--firmware", "v"]) == ["v1.0", "v2.1.1"])
    }

    @Test("zsh completes subcommands, verbs and options through compinit")
    func zshCompletes() throws {
        #expect(try zsh("bond ba") == ["base58"])
        #expect(try zsh("bond base58 ") == ["decode", "encode"])
        #expect(try zsh("bond base58 encode --") == Self.optionsOfEncode)
        #expect(try zsh("bond read-meter ") == ["energy-api", "eumel", "sunspec", "watttime"])
        #expect(try zsh("bond read-meter eumel --register ") == ["export", "import"])
    }

    @Test("fish completes subcommands, verbs and options")
    func fishCompletes() throws {
        #expect(try fish("bond ba") == ["base58"])
        #expect(try fish("bond base58 ") == ["decode", "encode"])
        #expect(try fish("bond base58 encode --") == Self.optionsOfEncode)
        #expect(try fish("bond completions ") == ["bash", "fish", "zsh"])
        #expect(try fish("bond help ") == ["base58", "call", "chain-log", "completions", "config", "key", "read-meter", "send-tx", "sign-tx"])
        #expect(try fish("bond read-meter ") == ["energy-api", "eumel", "sunspec", "watttime"])
        #expect(try fish("bond read-meter watttime --signal ") == ["index", "moer"])
    }
}
