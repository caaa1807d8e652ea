/// The relations the command table declares between options (``OptionSpec/requirement``,
/// ``OptionSpec/conflicts``), checked once for a command line with its profile's values, and
/// read by the profile loader: which options keep which out.
enum OptionRules {
    /// Checks `parsed` (the command line with the profile's values) against the relations of
    /// the options of `node` and the global ones, in the order of the table: first the
    /// options given with one they do not go with, then those lacking one they need.
    /// - Throws: ``CommandFailure`` (64, or the relation's status) with the relation's message.
    static func check(_ parsed: ParsedArguments, node: CommandSpec, root: CommandSpec) throws(CommandFailure) {
        let specs = options(node, root)
        let given = specs.filter { parsed.values[$0.name] != nil }
        for spec in given {
            for conflict in spec.conflicts where conflict.enforced {
                guard let other = conflict.options.first(where: { parsed.values[$0] != nil }) else { continue }
                if let message = conflict.message {
                    throw CommandFailure(conflict.status, fill(message, spec.longForm, "--" + other))
                }
                let ordered = [spec.name, other].sorted { position($0, specs) < position($1, specs) }
                throw CommandFailure(conflict.status, "give --\(ordered[0]) or --\(ordered[1]), not both")
            }
        }
        for spec in given {
            if let requirement = spec.requirement, !requirement.options.contains(where: { parsed.values[$0] != nil }) {
                throw CommandFailure(requirement.status, requirement.message.map { fill($0, spec.longForm, "") } ?? needs(spec, requirement, specs))
            }
        }
    }

    /// The options that do not go with `name` among `specs`: those it declares and those that
    /// declare it.
    static func conflicts(of name: String, in specs: [OptionSpec]) -> Set<String> {
        var names = Set(specs.first { $0.name == name }?.conflicts.flatMap(\.options) ?? [])
        for spec in specs where spec.conflicts.contains(where: { $0.options.contains(name) }) { names.insert(spec.name) }
        return names
    }

    /// The options of `node`, then the global ones, each name once.
    static func options(_ node: CommandSpec, _ root: CommandSpec) -> [OptionSpec] {
        guard node.name != root.name else { return root.options }
        return node.options + root.options.filter { global in !node.options.contains { $0.name == global.name } }
    }

    /// `--password-file needs --user NAME`.
    private static func needs(_ spec: OptionSpec, _ requirement: OptionRelation, _ specs: [OptionSpec]) -> String {
        let wanted = requirement.options.map { name in
            "--" + name + (specs.first { $0.name == name }.map { $0.kind.takesValue ? " " + $0.kind.placeholder : "" } ?? "")
        }
        return "\(spec.longForm) needs \(wanted.joined(separator: " or "))"
    }

    private static func fill(_ message: String, _ option: String, _ other: String) -> String {
        message.replacing("{option}", with: option).replacing("{other}", with: other)
    }

    private static func position(_ name: String, _ specs: [OptionSpec]) -> Int {
        specs.firstIndex { $0.name == name } ?? specs.count
    }
}
