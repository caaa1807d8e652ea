import Encoding
import Files
import Glibc

/// A bond config file (bond(1), FILES): named
/// profiles, each a mapping of sections (`global`, a subcommand such as `sign-tx`, a verb or a
/// read-meter driver such as `read-meter.eumel`) to the long option names of that command and
/// their values. YAML, or JSON (a file whose first non-blank character is `{`).
public struct ConfigFile: Sendable {
    /// The file's path.
    public let path: String
    /// The profiles, in the order of the file: name, then sections in order.
    public let profiles: [(name: String, sections: [(name: String, values: JSONObjectValue)])]

    /// Where bond looks: `explicit` (--config), else `$BOND_CONFIG`, else
    /// `$XDG_CONFIG_HOME/bond/config.yaml` (`~/.config` when unset), else
    /// `/etc/bond/config.yaml`. The first two must exist; of the others the first that does.
    public static func locate(explicit: String?, environment: (String) -> String?) -> (path: String, required: Bool)? {
        if let explicit { return (explicit, true) }
        if let path = environment("BOND_CONFIG") { return (path, true) }
        var candidates: [String] = []
        if let xdg = environment("XDG_CONFIG_HOME") {
            candidates.append(xdg + "/bond/config.yaml")
        } else if let home = environment("HOME") {
            candidates.append(home + "/.config/bond/config.yaml")
        }
        candidates.append("/etc/bond/config.yaml")
        for path in candidates where access(path, F_OK) == 0 { return (path, false) }
        return nil
    }

    /// The largest config file read, in bytes.
    public static let maximumSize = 256 << 10

    /// Reads and checks the shape of the file at `path`.
    /// - Throws: ``ConfigError``: ``ConfigError/file(_:)`` for a file that is missing or
    ///   cannot be read, the others for what is wrong in it.
    public static func load(_ path: String) throws(ConfigError) -> ConfigFile {
        var info = stat()
        if path == "/dev/null" { return ConfigFile(path: path, profiles: []) }  // no config, on purpose
        if stat(path, &info) == 0 && info.st_mode & S_IFMT != S_IFREG {
            throw ConfigError.malformed(path, "not a regular file")
        }
        let read: [UInt8]?
        do {
            read = try StateFile.read(path, limit: maximumSize + 1)
        } catch {
            throw .file(error)
        }
        guard let bytes = read else { throw .file(FileFailure(.openForReading, FileFailure.quoted(path), errno: ENOENT)) }
        guard bytes.count <= maximumSize else { throw ConfigError.malformed(path, "larger than \(maximumSize >> 10) KiB: not a config file") }
        guard String(validating: bytes, as: UTF8.self) != nil else { throw ConfigError.malformed(path, "not UTF-8 text") }
        let isJSON = bytes.first(where: { !($0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D) }) == UInt8(ascii: "{")
        let root: JSONValue
        if isJSON {
            do {
                root = try JSONParser.parse(bytes)
            } catch {
                throw ConfigError.malformed(path, "\(error)")
            }
        } else {
            root = try YAMLDocument.parse(bytes, name: path)
        }
        if root == .null { return ConfigFile(path: path, profiles: []) }
        guard let top = root.objectValue else {
            throw ConfigError.malformed(path, "expected a mapping of profile names to profiles, got \(root.kindDescription)")
        }
        var profiles: [(name: String, sections: [(name: String, values: JSONObjectValue)])] = []
        for (name, value) in top.members {
            if value == .null { profiles.append((name, [])); continue }
            guard let sections = value.objectValue else {
                throw ConfigError.malformed(path, "profile '\(name)' is \(value.kindDescription), not a mapping of sections")
            }
            var list: [(name: String, values: JSONObjectValue)] = []
            for (section, options) in sections.members {
                if options == .null { list.append((section, JSONObjectValue([]))); continue }
                guard let object = options.objectValue else {
                    throw ConfigError.malformed(path, "profile '\(name)', section '\(section)' is \(options.kindDescription), not a mapping of options")
                }
                list.append((section, object))
            }
            profiles.append((name, list))
        }
        return ConfigFile(path: path, profiles: profiles)
    }

    /// The sections of profile `name`, or nil when the file has no such profile.
    public func profile(_ name: String) -> [(name: String, values: JSONObjectValue)]? {
        profiles.first { $0.name == name }?.sections
    }
}
