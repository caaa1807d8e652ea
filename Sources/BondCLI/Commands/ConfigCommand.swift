import Configuration
import Files
import HTTP
import Encoding

/// `bond config check`: validates a config file and shows what each of its sections sets
/// (bond(1), FILES).
enum ConfigCommand {
    static let spec = CommandSpec(
        "config",
        summary: "check a config file's profiles",
        verbs: [
            CommandSpec("check", summary: "validate the config file and print each section's options",
                        details: "Checks every profile (or the one --profile names) of the file --config, BOND_CONFIG, ~/.config/bond/config.yaml or /etc/bond/config.yaml gives: sections, keys and values. Prints one line per section with its options; secrets appear as the paths of the files that hold them, and options the environment overrides are named.",
                        run: check),
        ]
    )

    static func check(_ invocation: Invocation) throws -> ExitStatus {
        let arguments = invocation.arguments
        guard let (path, _) = ConfigFile.locate(explicit: arguments.text(GlobalOptions.config), environment: Environment.value) else {
            throw CommandFailure(.configuration, "no config file: give --config FILE, set BOND_CONFIG, or write ~/.config/bond/config.yaml or /etc/bond/config.yaml")
        }
        let file = try ConfigFile.load(path)
        let names = arguments.text(GlobalOptions.profile).map { [$0] } ?? file.profiles.map(\.name)
        for name in names {
            guard let sections = file.profile(name) else {
                throw ConfigError.unknownProfile(file: path, profile: name, known: file.profiles.map(\.name))
            }
            let profile = ProfileOptions(file: file, profile: name, sections: sections)
            try profile.check()
            for (section, values) in sections {
                var line = JSONObject()
                line.string("file", AtomicFile.absolute(path))
                line.string("profile", name)
                line.string("section", section)
                let specs = ProfileOptions.node(ofSection: section).map(ProfileOptions.options(of:)) ?? []
                // A URL's credentials are a secret: shown as ***, as every message shows them.
                let shown = values.members.map { key, value -> (String, JSONValue) in
                    guard case .string(let text) = value, specs.first(where: { $0.name == key })?.kind.placeholder == "URL" else { return (key, value) }
                    return (key, .string(URLText.redacted(text)))
                }
                line.value("options", .object(JSONObjectValue(shown)))
                let overridden = specs.filter { values[$0.name] != nil }
                    .compactMap { spec in spec.environment.first { Environment.value($0) != nil }.map { (spec.name, JSONValue.string($0)) } }
                    .sorted { $0.0 < $1.0 }
                line.value("environment_overrides", .object(JSONObjectValue(overridden)))
                try invocation.output.write(line)
            }
        }
        return .ok
    }
}
