import Foundation
import Testing

/// The conventions ARCHITECTURE.md sets for the sources, checked on the tree itself: where
/// errors live and what they conform to, what domain modules may not touch, and the `Throws:`
/// line of every public throwing declaration.
@Suite("Source conventions (ARCHITECTURE.md)")
struct SourceConventionTests {
    /// The modules below the command line: every Swift module but BondCLI and the executables.
    static var domainModules: [String] { allModules.filter { !["BondCLI", "bond", "bond-bench"].contains($0) } }

    /// Every Swift file of `module`, by its path below the package root, with its lines.
    static func files(of module: String) throws -> [(path: String, lines: [String])] {
        let root = BondBinary.packageRoot.appendingPathComponent("Sources/\(module)")
        guard let walker = FileManager.default.enumerator(atPath: root.path) else { return [] }
        var files: [(String, [String])] = []
        while let relative = walker.nextObject() as? String {
            guard relative.hasSuffix(".swift") else { continue }
            let text = try String(contentsOf: root.appendingPathComponent(relative), encoding: .utf8)
            files.append(("Sources/\(module)/\(relative)", text.components(separatedBy: "\n")))
        }
        return files.sorted { $0.0 < $1.0 }
    }

    static var allModules: [String] {
        let root = BondBinary.packageRoot.appendingPathComponent("Sources")
        // The C shims (CSecp256k1, COpenSSL, CCurlShim, ...) have no Swift.
        return ((try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []).filter { $0.wholeMatch(of: /C[A-Z].*/) == nil }.sorted()
    }

    /// The declarations of error types in `lines`: `(line number, name, conformances)`.
    static func errorDeclarations(_ lines: [String]) -> [(line: Int, name: String, conformances: String)] {
        var found: [(Int, String, String)] = []
        for (index, line) in lines.enumerated() {
            guard let match = line.firstMatch(of: /^\s*(?:public |internal |private |fileprivate )?(?:final )?(?:enum|struct|class) (\w+)\s*:\s*([^{]+)\{/) else { continue }
            let conformances = String(match.2)
            let names = conformances.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            if names.contains("Error") || names.contains("CategorizedError") {
                found.append((index + 1, String(match.1), conformances))
            }
        }
        return found
    }

    @Test("a domain module's errors conform to CategorizedError and live in its one error file")
    func errorsCategorized() throws {
        for module in Self.domainModules {
            var files: Set<String> = []
            for (path, lines) in try Self.files(of: module) {
                for declaration in Self.errorDeclarations(lines) {
                    #expect(declaration.conformances.contains("CategorizedError"),
                            "\(path):\(declaration.line): \(declaration.name) is an Error but not a CategorizedError")
                    files.insert(path)
                }
            }
            #expect(files.count <= 1, "\(module) declares errors in \(files.sorted()): keep them in one file")
            if let file = files.first {
                let name = URL(fileURLWithPath: file).lastPathComponent
                #expect(name.hasSuffix("Error.swift") || name.hasSuffix("Errors.swift") || name.hasSuffix("Failure.swift"),
                        "\(file): an error file is named after its errors")
            }
        }
    }

    @Test("domain modules touch no argv, stdout, exit code or option name")
    func domainBelowTheCommandLine() throws {
        let forbidden: [(Regex<Substring>, String)] = [
            (/CommandLine\./, "argv"), (/\bprint\(/, "stdout"), (/STDOUT_FILENO/, "stdout"), (/\bexit\(/, "exit"),
            (/ExitStatus/, "exit statuses"), (/import BondCLI/, "the command line"),
            (/"[^"]*--[a-z][^"]*"/, "an option name in a message (name a field key; the command line words it)"),
        ]
        for module in Self.domainModules {
            for (path, lines) in try Self.files(of: module) {
                for (index, line) in lines.enumerated() where !line.trimmingCharacters(in: .whitespaces).hasPrefix("//") {
                    for (pattern, what) in forbidden where line.contains(pattern) {
                        Issue.record("\(path):\(index + 1) touches \(what): \(line.trimmingCharacters(in: .whitespaces))")
                    }
                }
            }
        }
    }

    @Test("every public throwing declaration says what it throws (a '- Throws:' line)")
    func throwsDocumented() throws {
        var checked = 0
        for module in Self.allModules {
            for (path, lines) in try Self.files(of: module) {
                for (index, line) in lines.enumerated() {
                    let text = line.trimmingCharacters(in: .whitespaces)
                    guard text.contains(Self.publicDeclaration) else { continue }
                    var signature = text
                    var next = index
                    let isStored = text.contains(Self.storedProperty) && !text.contains("{")
                    while !isStored, !signature.contains("{"), next + 1 < lines.count {
                        next += 1
                        signature += " " + lines[next].trimmingCharacters(in: .whitespaces)
                    }
                    let head = String(signature.prefix { $0 != "{" })
                    guard Self.effects(of: head).contains(/^\s*(async\s+)?throws\b/) || signature.contains("get throws") else { continue }
                    checked += 1
                    var above = index - 1
                    var documented = false
                    while above >= 0, lines[above].trimmingCharacters(in: .whitespaces).hasPrefix("///") || lines[above].trimmingCharacters(in: .whitespaces).hasPrefix("@") {
                        if lines[above].contains("- Throws:") { documented = true }
                        above -= 1
                    }
                    #expect(documented, "\(path):\(index + 1): \(text.prefix(100)) has no '- Throws:' line")
                }
            }
        }
        #expect(checked > 50)
    }

    nonisolated(unsafe) static let publicDeclaration = try! Regex(#"^(@\w+\s+)*public (static |mutating |consuming |nonisolated |override |convenience |final )*(func|init|subscript|var)\b"#)
    nonisolated(unsafe) static let storedProperty = try! Regex(#"^public (static )?(let|var) "#)

    /// What follows a declaration's parameter list: `throws(E) -> T`, `-> T`.
    static func effects(of head: String) -> String {
        guard let open = head.firstIndex(of: "(") else { return head }
        var depth = 0
        var index = open
        while index < head.endIndex {
            if head[index] == "(" { depth += 1 }
            if head[index] == ")" {
                depth -= 1
                if depth == 0 { return String(head[head.index(after: index)...]) }
            }
            index = head.index(after: index)
        }
        return ""
    }
}
