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

    /// Keys that would hold a secret itself: bond reads secrets from files only.
    static let secretKeys: Set<String> = ["password", "private-key", "key", "api-key", "token", "secret", "passphrase"]

    /// The profile the global options and the environment select, checked whole; nil when
    /// there is no config file, or no `default` profile in it and none was asked for.
    /// - Throws: ``ConfigError`` (78), ``FileFailure`` for a named file that is missing.
    static func load(_ parsed: ParsedArguments) throws -> ProfileOptions? {
        guard let (path, _) = ConfigFile.locate(explicit: parsed.text(GlobalOptions.config), environment: Environment.value) else {
            if let profile = parsed.text(GlobalOptions.profile) {
                throw CommandFailure(.configuration, "--profile \(profile): no config file (give --config FILE, or set BOND_CONFIG)")
            }
            return nil
        }
        let file = try ConfigFile.load(path)
        let name = parsed.text(GlobalOptions.profile) ?? "default"
        guard let sections = file.profile(name) else {
            if parsed.text(GlobalOptions.profile) == nil { return nil }
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

    /// The options a section may set: its node's, and those of every verb below it; the
    /// `global` section (the root) only the global options.
    static func options(of node: CommandSpec) -> [OptionSpec] {
        var seen = Set<String>()
        let nodes = node.name == CommandTable.root.name ? [node] : node.walk().map(\.node)
        return nodes.flatMap(\.options).filter { seen.insert($0.name).inserted }.filter { !$0.commandLineOnly }
    }

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
            // Options that do not go together, in the order of the table: the later one is named.
            for (index, first) in allowed.enumerated() where values[first.name] != nil {
                let conflicting = OptionRules.conflicts(of: first.name, in: allowed)
                if let second = allowed[(index + 1)...].first(where: { values[$0.name] != nil && conflicting.contains($0.name) }) {
                    throw ConfigError.badValue(file: file.path, profile: profile, section: section, key: second.name,
                                               reason: "--\(first.name) and --\(second.name) do not go together")
                }
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
                if [SigningKey.keyFile.name, SigningKey.keystore.name].contains(spec.name),
                   trimmed.utf8.count >= 64, (try? Hex.decode(trimmed))?.count == 32 {
                    throw ConfigError.inlineSecret(file: file.path, profile: profile, section: section, key: spec.name)
                }
                switch ArgumentParser.check(raw, for: spec) {
                case .success(let parsed):
                    try checkMeaning(spec, raw, bad)
                    return parsed
                case .failure(let problem): throw bad(problem.message)
                }
            }
        }
    }

    /// What the command would refuse at run time, refused here already: an address that is
    /// not one (a wrong EIP-55 checksum), a URL that is not http or https.
    private func checkMeaning(_ spec: OptionSpec, _ raw: String, _ bad: (String) -> ConfigError) throws {
        switch spec.kind.placeholder {
        case "ADDRESS":
            do { _ = try Address(raw) } catch { throw bad("\(error)") }
        case "URL":
            guard let parts = URLParts(raw), parts.scheme == "http" || parts.scheme == "https" else {
                throw bad("'\(MessageText.sanitized(raw, limit: 100))' is not an http or https URL")
            }
        default:
            break
        }
    }

    /// The sections that apply to the command at `path`, least specific first: `global`, then
    /// `read-meter`, then `read-meter.eumel`.
    func applicable(to path: [String]) -> [(name: String, values: JSONObjectValue)] {
        let names = ["global"] + path.indices.map { path[0...$0].joined(separator: ".") }
        return names.compactMap { name in sections.first { $0.name == name } }
    }

    /// `parsed` with the profile's values for what the command line and the environment leave
    /// out. A more specific section's value keeps a less specific one's out where the two do
    /// not go together (`read-meter.eumel`'s `file` over `read-meter`'s `url`). A profile's
    /// value is not used where an environment variable stands for the option, where the command
    /// line gives an option that does not go with it, where it belongs to an option the command
    /// line gives (a profile's `arg` to the command line's `--function`), or where what it needs
    /// from the profile was kept out (a profile's `origin-asset-id` once `--decode` kept its
    /// `origin` out).
    func apply(to parsed: ParsedArguments) throws -> ParsedArguments {
        guard let node = CommandTable.root.descendant(parsed.path) else { return parsed }
        let specs = OptionRules.options(node, CommandTable.root)
        var merged = parsed
        var fromProfile: [(spec: OptionSpec, values: [ParsedArguments.Value])] = []
        for (section, values) in applicable(to: parsed.path) {
            for (key, value) in values.members {
                guard let spec = specs.first(where: { $0.name == key }) else { continue }
                let given = try self.values(for: spec, value, section: section)
                let conflicting = OptionRules.conflicts(of: key, in: specs)
                fromProfile.removeAll { $0.spec.name == key || conflicting.contains($0.spec.name) }
                fromProfile.append((spec, given))
            }
        }
        for (spec, values) in fromProfile where parsed.values[spec.name] == nil && !values.isEmpty {
            if spec.environment.contains(where: { Environment.value($0) != nil }) { continue }
            if OptionRules.conflicts(of: spec.name, in: specs).contains(where: { parsed.values[$0] != nil }) { continue }
            if let requirement = spec.requirement, requirement.dependent, requirement.options.contains(where: { parsed.values[$0] != nil }) { continue }
            merged.values[spec.name] = values
        }
        // A profile's value that needs an option the profile gave but the command line or the
        // environment kept out goes with it, until none is left. One that needs an option the
        // profile never gave stays, and is refused as on the command line.
        let given = Set(fromProfile.map(\.spec.name))
        var dropped = true
        while dropped {
            dropped = false
            for (spec, _) in fromProfile where parsed.values[spec.name] == nil && merged.values[spec.name] != nil {
                guard let requirement = spec.requirement, !requirement.options.contains(where: { merged.values[$0] != nil }),
                      requirement.options.contains(where: given.contains) else { continue }
                merged.values[spec.name] = nil
                dropped = true
            }
        }
        return merged
    }
}
