import EnergyData

/// `bond read-meter eumel`: a Verbund Eumel data logger's SunSpec XML (``EumelDriver``).
enum EumelSpec: DriverSpec {
    static let firmware = SourceOptions.askingOnly(OptionSpec("firmware", .choice(Eumel.Firmware.allCases.map(\.rawValue)),
                                                              help: "the logger's firmware, which decides the endpoint (default auto)"))
    static let register = OptionSpec("register", .choice(["import", "export"]), help: "TotWhImp, energy from the grid (default), or TotWhExp, energy fed in")

    static let summary = "a Verbund Eumel data logger (SunSpec XML, firmware v1.0 and v2.1.1)"
    static let details = "Asks the logger at --url with HTTP Basic auth: /wizard/public/api/rest (v2.1.1), /rest (v1.0); auto tries v2.1.1, then v1.0. Reads the SunSpec meter block (models 211-214, or 201-204 with scale factors) by its id, and the device from the common block (model 1)."
    static let options = HTTPSourceOptions.options(url: "the logger's address, such as http://192.168.1.20") + [firmware, register]

    static func savedDriver(_ invocation: Invocation) throws -> EumelDriver {
        driver(invocation.arguments)
    }

    static func networkDriver(_ invocation: Invocation) throws -> (driver: EumelDriver, transport: HTTPSource, source: String) {
        let source = try HTTPSourceOptions.source(invocation, default: nil, what: "logger")
        return (driver(invocation.arguments), source, source.baseURL)
    }

    private static func driver(_ arguments: ParsedArguments) -> EumelDriver {
        EumelDriver(register: arguments.text(register) == "export" ? .exported : .imported,
                    firmware: Eumel.Firmware(rawValue: arguments.text(firmware) ?? "auto") ?? .auto)
    }
}
