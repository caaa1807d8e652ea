import Encoding
import EnergyData
import HTTP

/// The options of drivers that read a Modbus device: over TCP (`--host`) or a serial line
/// (``SerialOptions``), its unit id, the time allowed for each answer and the retries; read
/// once into a ``ModbusSource``.
enum ModbusOptions {
    static let host = OptionSpec("host", .text(placeholder: "HOST[:PORT]"), help: "the Modbus TCP server: the device or its gateway (port 502 by default)")
        .conflicting(with: SourceOptions.file.name, message: "--file reads a saved dump and --host asks the device: give one of them")
        .conflicting(with: SerialOptions.serial.name, message: "--host reads over Modbus TCP and --serial over a serial line: give one of them")
    static let unitID = SourceOptions.askingOnly(OptionSpec("unit-id", .integer(placeholder: "N"),
                                                            help: "the device's unit id, 1 to 255 over TCP, 1 to 247 on a serial line (default 1)"))
    static let timeout = SourceOptions.askingOnly(OptionSpec("timeout", .duration, help: "time allowed for each Modbus answer (default 2 s)"))
    static let retries = SourceOptions.askingOnly(OptionSpec("retries", .integer(placeholder: "N"),
                                                             help: "retries after no answer, no connection or a gateway's exception (default 2)"))
    static let allowAnyHost = OptionSpec("allow-http", domainKey: "PlainHTTPRule.override",
                                         help: "allow Modbus TCP, which has no encryption, to any host (by default only to local networks)")
        .requiring("host")

    /// The group in the order of help: where, the source options, which unit and how long.
    static func options(file: OptionSpec) -> [OptionSpec] {
        [host] + SerialOptions.options + SourceOptions.options(file: file) + [unitID, timeout, retries, allowAnyHost]
    }

    /// The device the options name.
    /// - Throws: ``CommandFailure`` (64) without `--host` or `--serial`, for a host or port
    ///   that is not one, a host outside local networks (plain-HTTP rule), a unit id outside 1
    ///   to 255, a timeout of 0.
    static func source(_ invocation: Invocation) throws -> ModbusSource {
        let arguments = invocation.arguments
        let link: ModbusLink
        if let line = try SerialOptions.settings(arguments) {
            link = .rtu(line)
        } else if let text = arguments.text(host) {
            let (name, port) = try hostAndPort(text)
            if !arguments.flag(allowAnyHost) && !PlainHTTPRule.isLocal(host: name.lowercased()) {
                throw CommandFailure.usage("refusing Modbus TCP to '\(MessageText.sanitized(name, limit: 200))': Modbus has no encryption, so bond talks it only to loopback, private and .local hosts; --allow-http allows any host")
            }
            link = .tcp(host: name, port: port)
        } else {
            throw CommandFailure.usage("no device: give --host HOST[:PORT] (Modbus TCP) or --serial PATH (Modbus RTU), or --file PATH to read a saved dump")
        }
        let unit = arguments.integer(unitID) ?? 1
        guard (1...255).contains(unit) else {
            throw CommandFailure.usage("--unit-id \(unit): give a unit id from 1 to 255 (0 is broadcast, which devices do not answer)")
        }
        if case .rtu = link, unit > 247 {
            throw CommandFailure.usage("--unit-id \(unit): a serial line's unit ids are 1 to 247 (Modbus over Serial Line, 2.2)")
        }
        if arguments.duration(timeout) == .zero {
            throw CommandFailure.usage("--timeout must be more than 0 (bond never waits without a limit)")
        }
        let diagnostics = invocation.diagnostics
        return ModbusSource(link: link, unitID: Int(unit), timeout: arguments.duration(timeout) ?? ModbusSource.defaultTimeout,
                            retries: arguments.integer(retries).map { Int(min($0, 100)) } ?? ModbusSource.defaultRetries,
                            note: { diagnostics.note($0) })
    }

    /// `HOST`, `HOST:PORT`, `[IPV6]` or `[IPV6]:PORT`, the port 502 when not given.
    /// - Throws: ``CommandFailure`` (64) for an empty host, a bad port, an unbracketed IPv6
    ///   address with a port.
    static func hostAndPort(_ text: String) throws -> (host: String, port: Int) {
        func bad(_ why: String) -> CommandFailure {
            CommandFailure.usage("--host '\(MessageText.sanitized(text, limit: 200))': \(why)")
        }
        var name = Substring(text)
        var portText: Substring?
        if name.hasPrefix("[") {
            guard let close = name.firstIndex(of: "]") else { throw bad("an IPv6 address needs its closing ']'") }
            let rest = name[name.index(after: close)...]
            name = name[name.index(after: name.startIndex)..<close]
            if !rest.isEmpty {
                guard rest.hasPrefix(":") else { throw bad("expected ':PORT' after ']'") }
                portText = rest.dropFirst()
            }
        } else if let colon = name.firstIndex(of: ":") {
            guard name[name.index(after: colon)...].firstIndex(of: ":") == nil else {
                throw bad("write an IPv6 address in brackets, as [::1]:502")
            }
            portText = name[name.index(after: colon)...]
            name = name[..<colon]
        }
        guard !name.isEmpty, name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-._:%".contains($0)) }) else {
            throw bad("not a host name or address")
        }
        var port = ModbusLink.defaultPort
        if let portText {
            guard let value = Int(portText), (1...65535).contains(value), portText.allSatisfy(\.isASCIIDigit) else {
                throw bad("the port must be a number from 1 to 65535")
            }
            port = value
        }
        return (String(name), port)
    }
}
