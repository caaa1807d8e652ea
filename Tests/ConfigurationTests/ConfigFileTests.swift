import Configuration
import Encoding
import Foundation
import Testing

@Suite("Config files: YAML and JSON profiles")
struct ConfigFileTests {
    func write(_ text: String, _ name: String = "config.yaml") throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("bond-config-\(UUID().uuidString)-\(name)").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("YAML scalars: only plain true/false are booleans, plain decimals numbers, quoted text stays text")
    func scalars() throws {
        let tree = try YAMLDocument.parse(Array("""
            a: true
            b: "true"
            c: yes
            d: 42
            e: '42'
            f: 0x10
            g: ~
            h: -1.5
            i: [1, two]
            j:
              - x
            """.utf8), name: "t")
        let object = try #require(tree.objectValue)
        #expect(object["a"] == .bool(true))
        #expect(object["b"] == .string("true"))
        #expect(object["c"] == .string("yes"))
        #expect(object["d"] == .number("42"))
        #expect(object["e"] == .string("42"))
        #expect(object["f"] == .string("0x10"))
        #expect(object["g"] == .null)
        #expect(object["h"] == .number("-1.5"))
        #expect(object["i"] == .array([.number("1"), .string("two")]))
        #expect(object["j"] == .array([.string("x")]))
    }

    @Test("malformed YAML, repeated keys, anchors and several documents are refused with the line", arguments: [
        ("a: [1, 2\n", "line 2: did not find expected ',' or ']' while parsing a flow sequence"),
        ("a: 1\na: 2\n", "line 2: 'a' is given twice"),
        ("a: &x 1\nb: *x\n", "line 1: anchors, aliases and tags are not used in a bond config file"),
        ("a: 1\n---\nb: 2\n", "line 2: more than one YAML document"),
    ])
    func malformed(text: String, message: String) throws {
        let path = try write(text)
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(throws: ConfigError.malformed(path, message)) { try ConfigFile.load(path) }
    }

    @Test("profiles and sections, in YAML or JSON; the wrong shape is named")
    func shapes() throws {
        let yaml = try write("default:\n  send-tx:\n    rpc: http://127.0.0.1:8545\nvolta:\n  global: {quiet: true}\n")
        let json = try write("{\"default\": {\"send-tx\": {\"rpc\": \"http://127.0.0.1:8545\"}}, \"volta\": {\"global\": {\"quiet\": true}}}", "config.json")
        defer {
            try? FileManager.default.removeItem(atPath: yaml)
            try? FileManager.default.removeItem(atPath: json)
        }
        for path in [yaml, json] {
            let file = try ConfigFile.load(path)
            #expect(file.profiles.map(\.name) == ["default", "volta"])
            #expect(file.profile("default")?.first?.name == "send-tx")
            #expect(file.profile("default")?.first?.values["rpc"] == .string("http://127.0.0.1:8545"))
            #expect(file.profile("volta")?.first?.values["quiet"] == .bool(true))
            #expect(file.profile("other") == nil)
        }
        let list = try write("- a\n- b\n")
        defer { try? FileManager.default.removeItem(atPath: list) }
        #expect(throws: ConfigError.malformed(list, "expected a mapping of profile names to profiles, got an array")) { try ConfigFile.load(list) }
        let flat = try write("default: 3\n")
        defer { try? FileManager.default.removeItem(atPath: flat) }
        #expect(throws: ConfigError.malformed(flat, "profile 'default' is a number, not a mapping of sections")) { try ConfigFile.load(flat) }
    }

    @Test("where bond looks: --config, BOND_CONFIG, XDG_CONFIG_HOME (or ~/.config), /etc")
    func locate() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("bond-xdg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("bond"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let xdg = directory.appendingPathComponent("bond/config.yaml").path
        try "default: {}\n".write(toFile: xdg, atomically: true, encoding: .utf8)
        let environment = ["XDG_CONFIG_HOME": directory.path, "BOND_CONFIG": "/srv/bond.yaml"]
        #expect(ConfigFile.locate(explicit: "/x.yaml", environment: { environment[$0] })?.path == "/x.yaml")
        #expect(ConfigFile.locate(explicit: nil, environment: { environment[$0] })?.path == "/srv/bond.yaml")
        #expect(ConfigFile.locate(explicit: nil, environment: { $0 == "XDG_CONFIG_HOME" ? directory.path : nil })?.path == xdg)
        let none = ConfigFile.locate(explicit: nil, environment: { $0 == "XDG_CONFIG_HOME" ? "/nonexistent" : nil })
        #expect(none == nil || none?.path == "/etc/bond/config.yaml")
    }
}
