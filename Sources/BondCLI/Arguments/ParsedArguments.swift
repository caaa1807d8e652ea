/// What the parser found on a command line: the subcommand path, option values already checked
/// against their kinds, and positional arguments.
public struct ParsedArguments: Sendable, Equatable {
    /// A checked option value.
    public enum Value: Sendable, Equatable {
        case present
        case text(String)
        case integer(UInt64)
        case duration(Duration)
    }

    /// The subcommand and verb names (`["base58", "encode"]`).
    public internal(set) var path: [String] = []
    /// Values by long option name, in the order given.
    public internal(set) var values: [String: [Value]] = [:]
    /// Positional arguments in order, those after `--` included.
    public internal(set) var positionals: [String] = []
    /// The options whose values came from a config profile, not the command line: a command
    /// lets the command line override them without calling the two a conflict.
    public internal(set) var profileKeys: Set<String> = []

    /// Whether option `name` was given on the command line itself.
    public func onCommandLine(_ name: String) -> Bool { values[name] != nil && !profileKeys.contains(name) }

    public init() {}

    /// Whether the flag `name` was given.
    public func flag(_ name: String) -> Bool { values[name] != nil }

    /// How often the counted flag `name` was given.
    public func count(_ name: String) -> Int { values[name]?.count ?? 0 }

    /// The text (or path) given to option `name`, the last one if it repeats.
    public func text(_ name: String) -> String? {
        if case .text(let text)? = values[name]?.last { return text }
        return nil
    }

    /// Every text given to the repeatable option `name`, in order.
    public func texts(_ name: String) -> [String] {
        (values[name] ?? []).compactMap { if case .text(let text) = $0 { return text } else { return nil } }
    }

    /// The whole number given to option `name`.
    public func integer(_ name: String) -> UInt64? {
        if case .integer(let number)? = values[name]?.last { return number }
        return nil
    }

    /// The duration given to option `name`.
    public func duration(_ name: String) -> Duration? {
        if case .duration(let duration)? = values[name]?.last { return duration }
        return nil
    }
}
