@testable import BondCLI
import Foundation
import Testing

/// The command table, help, man pages and completion files say the same thing.
@Suite("Help, man pages and completions agree with the command table")
struct ConsistencyTests {
    static let root = CommandTable.root

    func file(_ relative: String) throws -> String {
        try String(contentsOf: BondBinary.packageRoot.appendingPathComponent(relative), encoding: .utf8)
    }

    /// Whether `text` contains `needle` (a plain Bool, so a failure does not print the file).
    func has(_ text: String, _ needle: String) -> Bool { text.contains(needle) }

    /// An option as roff writes it: dashes escaped (`\-\-check`).
    func roff(_ text: String) -> String { text.replacingOccurrences(of: "-", with: "\\-") }

    @Test("every option of every node appears in that node's --help")
    func helpListsEveryOption() {
        for (path, node) in Self.root.walk() {
            let help = HelpText.render(root: Self.root, path: path, version: BondVersion.current)
            for option in node.options + Self.root.options {
                #expect(has(help, option.synopsis), "\(path) help lacks \(option.synopsis)")
            }
            for verb in node.verbs {
                #expect(has(help, "  \(verb.name) "), "\(path) help lacks \(verb.name)")
            }
        }
    }

    @Test("every subcommand has a man page listing its verbs and options; bond.1 lists the rest")
    func manPagesListEverything() throws {
        let main = try file("man/bond.1")
        for option in Self.root.options {
            #expect(has(main, roff(option.longForm)), "bond.1 lacks \(option.longForm)")
            if let short = option.short { #expect(has(main, "\\-\(short)"), "bond.1 lacks -\(short)") }
        }
        for subcommand in Self.root.verbs {
            #expect(has(main, ".B \(subcommand.name)\n"), "bond.1 does not list \(subcommand.name)")
            if subcommand.name == "help" { continue }
            let page = try file("man/bond-\(subcommand.name).1")
            #expect(has(page, "\"bond \(BondVersion.current)\""), "bond-\(subcommand.name).1 has another version")
            for (path, node) in subcommand.walk() {
                if let verb = path.last { #expect(has(page, verb), "bond-\(subcommand.name).1 lacks the verb \(verb)") }
                for option in node.options {
                    #expect(has(page, roff(option.longForm)), "bond-\(subcommand.name).1 lacks \(option.longForm)")
                }
            }
        }
        #expect(has(main, "\"bond \(BondVersion.current)\""))
    }

    @Test("bond.1 lists every exit status with its meaning")
    func exitStatusesDocumented() throws {
        let main = try file("man/bond.1")
        let section = try #require(main.components(separatedBy: ".SH EXIT STATUS").last?.components(separatedBy: ".SH ").first)
        for status in ExitStatus.allCases {
            #expect(has(section, ".B \(status.rawValue)\n\(status.meaning)\n"), "bond.1 lacks exit status \(status.rawValue)")
        }
    }

    @Test("the committed completion files are what 'bond completions' generates from the table")
    func completionFilesUpToDate() throws {
        #expect(try file("completions/bond.bash") == BashCompletion.script(for: Self.root), "run: make completions")
        #expect(try file("completions/_bond") == ZshCompletion.script(for: Self.root), "run: make completions")
        #expect(try file("completions/bond.fish") == FishCompletion.script(for: Self.root), "run: make completions")
    }

    @Test("every option and verb appears in each completion file")
    func completionFilesListEverything() throws {
        let files = try ["completions/bond.bash", "completions/_bond", "completions/bond.fish"].map(file)
        for (path, node) in Self.root.walk() {
            for option in node.options {
                #expect(files[0].contains(option.longForm) && files[1].contains(option.longForm) && files[2].contains("-l \(option.name) "),
                        "\(path): \(option.longForm) missing from a completion file")
            }
            for verb in node.verbs {
                #expect(files.allSatisfy { $0.contains(verb.name) }, "\(verb.name) missing from a completion file")
            }
        }
    }

    @Test("an option name means one thing: the same kind wherever it appears")
    func oneNameOneKind() {
        var kinds: [String: ValueKind] = [:]
        for (_, node) in Self.root.walk() {
            for option in node.options {
                if let known = kinds[option.name] { #expect(known == option.kind, "--\(option.name) has two kinds") }
                kinds[option.name] = option.kind
            }
        }
        #expect(!kinds.isEmpty)
    }

    @Test("every relation names options its command has: a misspelt name would relate nothing")
    func relationsNameRealOptions() {
        var relations = 0
        for (path, node) in Self.root.walk() where node.handler != nil {
            let names = Set((node.options + Self.root.options).map(\.name))
            for option in node.options + Self.root.options {
                for related in (option.requirement.map { [$0] } ?? []) + option.conflicts {
                    relations += 1
                    for name in related.options {
                        #expect(names.contains(name), "\(path): --\(option.name) relates to --\(name), which it does not have")
                    }
                }
            }
        }
        #expect(relations > 20)
    }

    @Test("every environment variable that stands for an option is in that subcommand's man page")
    func environmentDocumented() throws {
        var variables = 0
        for subcommand in Self.root.verbs where subcommand.name != "help" {
            let page = try file("man/bond-\(subcommand.name).1")
            for (_, node) in subcommand.walk() {
                for option in node.options {
                    for variable in option.environment {
                        variables += 1
                        #expect(has(page, variable), "bond-\(subcommand.name).1 lacks \(variable) (--\(option.name))")
                    }
                }
            }
        }
        #expect(variables >= 5)
    }
}
