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
    public init() {}

    /// Whether the flag `option` was given.
    public func flag(_ option: OptionSpec) -> Bool { values[option.name] != nil }

    /// Whether `option` was given, of whatever kind.
    public func given(_ option: OptionSpec) -> Bool { values[option.name] != nil }

    /// How often the counted flag `option` was given.
    public func count(_ option: OptionSpec) -> Int { values[option.name]?.count ?? 0 }

    /// The text (or path) given to `option`, the last one if it repeats.
    public func text(_ option: OptionSpec) -> String? {
        if case .text(let text)? = values[option.name]?.last { return text }
        return nil
    }

    /// Every text given to the repeatable `option`, in order.
    public func texts(_ option: OptionSpec) -> [String] {
        (values[option.name] ?? []).compactMap { if case .text(let text) = $0 { return text } else { return nil } }
    }

    /// The whole number given to `option`.
    public func integer(_ option: OptionSpec) -> UInt64? {
        if case .integer(let number)? = values[option.name]?.last { return number }
        return nil
    }

    /// The duration given to `option`.
    public func duration(_ option: OptionSpec) -> Duration? {
        if case .duration(let duration)? = values[option.name]?.last { return duration }
        return nil
    }
}
