import EnergyData

/// `bond read-meter eumel`: a Verbund Eumel data logger's SunSpec XML.
enum EumelDriver {
    static let spec = CommandSpec(
        "eumel",
        summary: "a Verbund Eumel data logger (SunSpec XML, firmware v1.0 and v2.1.1)",
        details: "Asks the logger at --url with HTTP Basic auth: /wizard/public/api/rest (v2.1.1), /rest (v1.0); auto tries v2.1.1, then v1.0. Reads the SunSpec meter block (models 211-214, or 201-204 with scale factors) by its id, and the device from the common block (model 1).",
        options: ReadMeterCommand.commonOptions(url: "the logger's address, such as http://192.168.1.20") + [
            OptionSpec("firmware", .choice(Eumel.Firmware.allCases.map(\.rawValue)), help: "the logger's firmware, which decides the endpoint (default auto)"),
            OptionSpec("register", .choice(["import", "export"]), help: "TotWhImp, energy from the grid (default), or TotWhExp, energy fed in"),
        ],
        run: run
    )

    static func run(_ invocation: Invocation) throws -> ExitStatus {
        let source = MeterSource(invocation)
        let arguments = invocation.arguments
        let register: Register = arguments.text("register") == "export" ? .exported : .imported
        let firmware = Eumel.Firmware(rawValue: arguments.text("firmware") ?? "auto") ?? .auto
        if let path = try source.file {
            try source.refuseWithFile(["firmware"])
            let payload = try MeterSource.readSaved(path)
            return try ReadMeterCommand.run(invocation, kind: "energy", driver: "eumel", source: path,
                                            identity: [("register", register.rawValue)]) {
                let reading = try ReadMeterCommand.parsing(path, "a SunSpec XML document") {
                    try SunSpec.reading(from: payload, register: register)
                }
                return ReadingLine.Read(value: .energy(reading), payload: payload, extra: [("endpoint", nil)])
            }
        }
        let url = try source.url(default: nil, what: "logger")
        let credentials = try source.credentials()
        let http = try HTTPFlags.client(invocation)
        return try ReadMeterCommand.run(invocation, kind: "energy", driver: "eumel", source: url,
                                        identity: [("register", register.rawValue)]) {
            let diagnostics = invocation.diagnostics
            let (payload, endpoint) = try Eumel.fetch(http, baseURL: url, firmware: firmware, user: credentials?.user,
                                                      password: credentials?.password, note: { diagnostics.note($0) })
            let reading = try SunSpec.reading(from: payload, register: register)
            return ReadingLine.Read(value: .energy(reading), payload: payload, extra: [("endpoint", endpoint)])
        }
    }
}
