/// How this command line names what domain messages refer to by key (a transaction's
/// `gasPrice`, the log's `ChainLog.verify`): the option or command that declares the key in
/// the command table (``OptionSpec/domainKey``, ``CommandSpec/domainKey``).
enum OptionNames {
    /// `--gas-price` for `gasPrice`, `bond chain-log verify` for `ChainLog.verify`; nil for a
    /// key no option or command declares.
    static func name(of key: String) -> String? { table[key] }

    private static let table: [String: String] = {
        var names: [String: String] = [:]
        for (path, node) in CommandTable.root.walk() {
            if let key = node.domainKey, names[key] == nil {
                names[key] = (["bond"] + path).joined(separator: " ")
            }
            for option in node.options {
                if let key = option.domainKey, names[key] == nil { names[key] = option.longForm }
            }
        }
        return names
    }()
}
