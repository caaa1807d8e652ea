import Encoding
import EnergyData

/// `bond read-meter sunspec`: any SunSpec device over Modbus TCP or RTU (``SunSpecDriver``).
enum SunSpecSpec: DriverSpec {
    static let base = SourceOptions.askingOnly(OptionSpec("base", .integer(placeholder: "N"),
                                                           help: "the register of the SunS marker (default: look at 40000, 50000, then 0)"))
    static let model = OptionSpec("model", .integer(placeholder: "ID"), help: "read this energy model (default: meters 201-204, 211-214, then 701, 101-103, 111-113)")
    static let register = OptionSpec("register", .choice(["import", "export"]),
                                     help: "energy from the grid (default) or fed in; an inverter's production is export")
    static let scan = OptionSpec("scan", help: "print one line per model found (model, base, length, name) instead of a reading")
        .conflicting(with: "model", "register", "payload", "emit-failure", message: "--scan lists the device's models instead of reading an energy register")
        .onlyOnCommandLine()
    static let file = OptionSpec("file", .path, help: "read a saved register dump in PATH (- for stdin), as --payload prints it, instead of the device")

    static let summary = "any SunSpec inverter or meter over Modbus TCP or RTU"
    static let details = "Finds the SunS marker at register 40000, 50000 or 0 (or --base), walks the model chain, reads the registers from the marker through the end marker in reads that keep each value with its scale factor, and reports the energy of the energy model it prefers, wherever it is in the chain, unless --model picks one: meters 201-204 (TotWhImp, TotWhExp, TotWh_SF) and 211-214, DER AC measurement 701 (TotWhAbs, TotWhInj), inverters 101-103 (WH, WH_SF) and 111-113 (export only); the device from the common model 1. measured_at is when bond read the registers: SunSpec devices have no clock."
    static let options = ModbusOptions.options(file: file) + [base, model, register, scan]

    static func savedDriver(_ invocation: Invocation) throws -> SunSpecDriver {
        try driver(invocation.arguments, unitID: nil)
    }

    static func networkDriver(_ invocation: Invocation) throws -> (driver: SunSpecDriver, transport: ModbusSource, source: String) {
        let source = try ModbusOptions.source(invocation)
        return (try driver(invocation.arguments, unitID: source.unitID), source, source.link.description)
    }

    /// `--scan`: the models of the device (or of a saved dump), one line each.
    static func otherMode(_ invocation: Invocation) throws -> ExitStatus? {
        guard invocation.arguments.flag(scan) else { return nil }
        let (driver, origin) = try ReadMeterCommand.origin(Self.self, invocation)
        for model in try driver.models(try origin.payload()) {
            var line = JSONObject()
            line.integer("model", model.id)
            line.integer("base", model.address)
            line.integer("length", model.length)
            if let name = SunSpec.modelName(model.id) { line.string("name", name) } else { line.null("name") }
            try invocation.output.write(line)
        }
        return .ok
    }

    private static func driver(_ arguments: ParsedArguments, unitID: Int?) throws -> SunSpecDriver {
        if let base = arguments.integer(base), base > 65533 {
            throw CommandFailure.usage("--base \(base): give a register from 0 to 65533")
        }
        var chosen: Int?
        if let id = arguments.integer(model) {
            guard let energy = SunSpec.energyModel(Int(clamping: id)) else {
                throw CommandFailure.usage("--model \(id): bond reads energy from models 201-204, 211-214, 701, 101-103 and 111-113")
            }
            chosen = energy.id
        }
        return SunSpecDriver(register: arguments.text(register) == "export" ? .exported : .imported, model: chosen,
                             base: arguments.integer(base).map { Int($0) }, unitID: unitID)
    }
}
