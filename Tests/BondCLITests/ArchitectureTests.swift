import Foundation
import Testing

/// ARCHITECTURE.md's module table is the rule of what imports what: every module of Sources/
/// has a row, and imports only what its row allows (with Glibc and Dispatch).
@Suite("ARCHITECTURE.md says how the modules depend")
struct ArchitectureTests {
    /// The table's rows: module to the modules it may import.
    static func table() throws -> [String: Set<String>] {
        let text = try String(contentsOf: BondBinary.packageRoot.appendingPathComponent("ARCHITECTURE.md"), encoding: .utf8)
        guard let section = text.components(separatedBy: "## Modules").dropFirst().first?.components(separatedBy: "\n## ").first else {
            return [:]
        }
        var rows: [String: Set<String>] = [:]
        for line in section.split(separator: "\n") where line.hasPrefix("| `") {
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count >= 4 else { continue }
            let names = { (cell: String) in Set(cell.matches(of: /`([A-Za-z0-9-]+)`/).map { String($0.1) }) }
            guard let module = names(cells[1]).first else { continue }
            rows[module] = names(cells[3])
        }
        return rows
    }

    /// The modules imported by the Swift files of Sources/`module`.
    static func imports(of module: String) throws -> Set<String> {
        var imported = Set<String>()
        for (_, lines) in try SourceConventionTests.files(of: module) {
            for line in lines {
                if let match = line.wholeMatch(of: /(?:@testable |@_exported )?import (\w+)/) { imported.insert(String(match.1)) }
            }
        }
        return imported
    }

    @Test("every Swift module has a row, and imports only what its row allows")
    func importsFollowTheTable() throws {
        let table = try Self.table()
        #expect(table.count >= 12)
        let modules = SourceConventionTests.allModules
        for module in modules {
            guard let allowed = table[module] else {
                Issue.record("ARCHITECTURE.md has no row for \(module)")
                continue
            }
            let extra = try Self.imports(of: module).subtracting(allowed).subtracting(["Glibc", "Dispatch"])
            #expect(extra.isEmpty, "\(module) imports \(extra.sorted()), which ARCHITECTURE.md does not allow it")
        }
        for module in table.keys { #expect(modules.contains(module), "ARCHITECTURE.md has a row for \(module), which Sources/ lacks") }
    }
}
