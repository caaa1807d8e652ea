import Configuration
import Encoding
import Ethereum
import Files
import HTTP

/// Options from a config file's profile (bond(1), FILES): they fill what the command line
/// leaves out, after the environment. Precedence: flag, environment, profile, default.
struct ProfileOptions {
    let file: ConfigFile
    let profile: String
    let sections: [(name: String, values: JSONObjectValue)]

    /// Options whose value the environment gives instead of a profile (as each command reads it).
    static let environmentAlternatives: [String: [String: [String]]] = [
        "send-tx": ["rpc": ["BOND_RPC_URL", "ETH_RPC_URL"]],
        "call": ["rpc": ["BOND_RPC_URL", "ETH_RPC_URL"]],
        "read-meter": ["password-file": ["BOND_METER_PASSWORD"]],
        "sign-tx": ["key-file": ["BOND_PRIVATE_KEY"], "keystore": ["BOND_PRIVATE_KEY"],
                    "password-file": ["BOND_KEYSTORE_PASSWORD", "BOND_PRIVATE_KEY"]],
        "key": ["password-file": ["BOND_KEYSTORE_PASSWORD"]],
    ]

    /// Keys that would hold a secret itself: bond reads secrets from files only.
    static let secretKeys: Set<String> = ["password", "private-key", "key", "api-key", "token", "secret", "passphrase"]

    /// The profile the global options and the environment select, checked whole; nil when
    /// there is no config file, or no `default` profile in it and none was asked for.
    /// - Throws: ``ConfigError`` (78), ``FileFailure`` for a named file that is missing.
    static func load(_ parsed: ParsedArguments) throws -> ProfileOptions? {
        guard let (path, _) = ConfigFile.locate(explicit: parsed.text("config"), environment: Environment.value) else {
            if let profile = parsed.text("profile") {
                throw CommandFailure(.configuration, "--profile \(profile): no config file (give --config FILE, or set BOND_CONFIG)")
            }
            return nil
        }
        let file = try ConfigFile.load(path)
        let name = parsed.text("profile") ?? "default"
        guard let sections = file.profile(name) else {
            if parsed.text("profile") == nil { return nil }
            throw ConfigError.unknownProfile(file: path, profile: name, known: file.profiles.map(\.name))
        }
        let options = ProfileOptions(file: file, profile: name, sections: sections)
        try options.check()
        return options
    }

    /// The node a section names: `global` is the root; `read-meter.eumel` is that verb.
    static func node(ofSection section: String) -> CommandSpec? {
        if section == "global" { return CommandTable.root }
        let path = section.split(separator: ".").map(String.init)
        guard !path.isEmpty, path.first != "config", path.first != "help", path.first != "completions" else { return nil }
        return CommandTable.root.descendant(path)
    }

    /// Options a profile may not set: they change what a command does rather than how
    /// (`sign-tx --decode`), or pick the profile itself.
    static let commandLineOnly: Set<String> = ["help", "version", "config", "profile", "decode", "no-input", "flush", "spool-status"]

    /// The options a section may set: its node's, and those of every verb below it; the
    /// `global` section (the root) only the global options.
    static func options(of node: CommandSpec) -> [OptionSpec] {
        var seen = Set<String>()
        let nodes = node.name == CommandTable.root.name ? [node] : node.walk().map(\.node)
        return nodes.flatMap(\.options).filter { seen.insert($0.name).inserted }.filter { !commandLineOnly.contains($0.name) }
    }

    /// Options that stand for one another: one given on the command line keeps the profile's
    /// others out (`--keystore` given, the profile's `key-file` is not used).
    static let alternatives: [Set<String>] = [
        ["key-file", "keystore"], ["gas-price", "max-fee-per-gas", "max-priority-fee-per-gas"], ["chain-id", "no-chain-id"],
        ["quiet", "verbose"], ["region", "latitude", "longitude"], ["file", "url"], ["api-key-file", "user"],
        ["data", "function", "arg"],
    ]

    /// Checks every section, key and value of the profile.
    func check() throws {
        for (section, values) in sections {
            guard let node = Self.node(ofSection: section) else {
                let known = ["global"] + CommandTable.root.walk().dropFirst().filter { !["help", "completions"].contains($0.path[0]) }
                    .map { $0.path.joined(separator: ".") }
                throw ConfigError.unknownSection(file: file.path, profile: profile, section: section,
                                                 hint: Suggestion.hint(for: section, among: known, quoted: true))
            }
            let allowed = Self.options(of: node)
            for (key, value) in values.members {
                if Self.secretKeys.contains(key) {
                    throw ConfigError.inlineSecret(file: file.path, profile: profile, section: section, key: key)
                }
                guard let spec = allowed.first(where: { $0.name == key }) else {
                    throw ConfigError.unknownKey(file: file.path, profile: profile, section: section, key: key,
                                                 hint: Suggestion.hint(for: key, among: allowed.map(\.name), quoted: true))
                }
                _ = try self.values(for: spec, value, section: section)
            }
            for (first, second) in Self.exclusive where values[first] != nil && values[second] != nil {
                throw ConfigError.badValue(file: file.path, profile: profile, section: section, key: second,
                                           reason: "--\(first) and --\(second) do not go together")
            }
        }
    }

    /// The parsed values a profile entry gives `spec`.
    func values(for spec: OptionSpec, _ value: JSONValue, section: String) throws -> [ParsedArguments.Value] {
        func bad(_ reason: String) -> ConfigError {
            ConfigError.badValue(file: file.path, profile: profile, section: section, key: spec.name, reason: reason)
        }
        switch spec.kind {
        case .flag:
            guard case .bool(let flag) = value else { throw bad("expects true or false, got \(value.kindDescription)") }
            return flag ? [.present] : []
        case .count:
            guard case .number(let text) = value, let count = Int(text), (0...3).contains(count) else {
                throw bad("expects a count from 0 to 3")
            }
            return Array(repeating: .present, count: count)
        default:
            let items: [JSONValue]
            if case .array(let list) = value {
                guard spec.repeatable else { throw bad("takes one value, not a list") }
                items = list
            } else {
                items = [value]
            }
            return try items.map { item in
                let raw: String
                switch item {
                case .string(let text): raw = text
                case .number(let text): raw = text
                case .bool(let flag): raw = flag ? "true" : "false"
                default: throw bad("expects \(spec.kind.placeholder), got \(item.kindDescription)")
                }
                let trimmed = raw.trimmingASCIIWhitespace
                if spec.name.hasSuffix("key-file") || spec.name == "keystore",
                   trimmed.utf8.count >= 64, (try? Hex.decode(trimmed))?.count == 32 {
                    throw ConfigError.inlineSecret(file: file.path, profile: profile, section: section, key: spec.name)
                }
                switch ArgumentParser.check(raw, for: spec) {
                case .success(let parsed):
                    try checkMeaning(spec.name, raw, bad)
                    return parsed
                case .failure(let problem): throw bad(problem.message)
                }
            }
        }
    }

    /// What the command would refuse at run time, refused here already: an address that is
    /// not one (a wrong EIP-55 checksum), a URL that is not http or https.
    private func checkMeaning(_ name: String, _ raw: String, _ bad: (String) -> ConfigError) throws {
        switch name {
        case "to", "caller":
            do { _ = try Address(raw) } catch { throw bad("\(error)") }
        case "url", "rpc":
            guard let parts = URLParts(raw), parts.scheme == "http" || parts.scheme == "https" else {
                throw bad("'\(MessageText.sanitized(raw, limit: 100))' is not an http or https URL")
            }
        default:
            break
        }
    }

    /// Options that do not go together in one section.
    static let exclusive: [(String, String)] = [("key-file", "keystore"), ("file", "url"), ("api-key-file", "user"),
                                                 ("region", "latitude"), ("gas-price", "max-fee-per-gas"), ("origin", "function"),
                                                 ("origin", "data"), ("chain-id", "no-chain-id"), ("quiet", "verbose")]

    /// The sections that apply to the command at `path`, least specific first: `global`, then
    /// `read-meter`, then `read-meter.eumel`.
    func applicable(to path: [String]) -> [(name: String, values: JSONObjectValue)] {
        let names = ["global"] + path.indices.map { path[0...$0].joined(separator: ".") }
        return names.compactMap { name in sections.first { $0.name == name } }
    }

    /// `parsed` with the profile's values for what the command line and the environment leave
    /// out.
    func apply(to parsed: ParsedArguments) throws -> ParsedArguments {
        guard let node = CommandTable.root.descendant(parsed.path) else { return parsed }
        var merged = parsed
        var fromProfile: [String: [ParsedArguments.Value]] = [:]
        for (section, values) in applicable(to: parsed.path) {
            for (key, value) in values.members {
                guard let spec = (node.options + CommandTable.root.options).first(where: { $0.name == key }) else { continue }
                fromProfile[key] = try self.values(for: spec, value, section: section)
            }
        }
        let alternatives = parsed.path.first.flatMap { Self.environmentAlternatives[$0] } ?? [:]
        for (key, values) in fromProfile where parsed.values[key] == nil && !values.isEmpty {
            if let variables = alternatives[key], variables.contains(where: { Environment.value($0) != nil }) { continue }
            if Self.alternatives.contains(where: { $0.contains(key) && $0.contains(where: { parsed.values[$0] != nil }) }) { continue }
            merged.values[key] = values
            merged.profileKeys.insert(key)
        }
        return merged
    }
}
