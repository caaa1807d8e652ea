import ErrorCategories
import Files

/// Why a config file cannot be used: a configuration error naming the file, the profile and
/// the key; a file that cannot be read is the file's failure.
public enum ConfigError: CategorizedError, Equatable, Sendable {
    /// Not YAML or JSON, or not the shape of a config file: what and where.
    case malformed(String, String)
    /// libyaml could not be loaded.
    case unavailable(String)
    /// `--profile NAME` names no profile of the file.
    case unknownProfile(file: String, profile: String, known: [String])
    /// A section that is no subcommand (or read-meter driver) of bond.
    case unknownSection(file: String, profile: String, section: String, hint: String)
    /// A key that is no long option of its section's command.
    case unknownKey(file: String, profile: String, section: String, key: String, hint: String)
    /// A value of the wrong type for its option.
    case badValue(file: String, profile: String, section: String, key: String, reason: String)
    /// A secret written into the file instead of a file that holds it.
    case inlineSecret(file: String, profile: String, section: String, key: String)
    /// The file could not be opened or read (a missing file named on purpose).
    case file(FileFailure)

    public var category: ErrorCategory {
        if case .file(let failure) = self { return failure.category }
        return .configuration
    }

    public var description: String {
        switch self {
        case .malformed(let file, let reason):
            return "config file \(FileFailure.quoted(file)): \(reason)"
        case .unavailable(let reason):
            return reason
        case .unknownProfile(let file, let profile, let known):
            return "config file \(FileFailure.quoted(file)) has no profile '\(profile)'" + (known.isEmpty ? "" : " (it has \(known.joined(separator: ", ")))")
        case .unknownSection(let file, let profile, let section, let hint):
            return "config file \(FileFailure.quoted(file)), profile '\(profile)': '\(section)' is not a subcommand of bond" + hint
        case .unknownKey(let file, let profile, let section, let key, let hint):
            return "config file \(FileFailure.quoted(file)), profile '\(profile)', \(section): '\(key)' is not an option of it" + hint
        case .badValue(let file, let profile, let section, let key, let reason):
            return "config file \(FileFailure.quoted(file)), profile '\(profile)', \(section).\(key): \(reason)"
        case .inlineSecret(let file, let profile, let section, let key):
            return "config file \(FileFailure.quoted(file)), profile '\(profile)', \(section).\(key): secrets stay in files; give the path of a file (mode 600) that holds it"
        case .file(let failure):
            return failure.description
        }
    }
}
