import Foundation
import Testing

/// The Modbus peer of the SunSpec tests (scripts/servers/modbus_server.py, which scripts/test
/// starts): its TCP address, its RTU pseudo-terminal, and pysunspec2's reading of a unit
/// (scripts/servers/sunspec_reference.py) through the peer's Python.
enum ModbusPeer {
    static func variable(_ name: String) throws -> String {
        try #require(ProcessInfo.processInfo.environment[name], "\(name) is not set: run the tests through scripts/test (make test)")
    }

    /// `127.0.0.1:PORT`.
    static func tcp() throws -> String { try variable("BOND_MODBUS_TCP") }

    /// `127.0.0.1:PORT` of the peer that answers one byte every 100 ms.
    static func drip() throws -> String { try variable("BOND_MODBUS_DRIP") }

    /// The pseudo-terminal of the RTU peer that answers one byte every 30 ms.
    static func rtuDrip() throws -> String { try variable("BOND_MODBUS_RTU_DRIP") }

    /// The pseudo-terminal bond opens for Modbus RTU.
    static func rtu() throws -> String { try variable("BOND_MODBUS_RTU") }

    /// pysunspec2's reading of `unit`, over TCP or (with `rtu`) the serial line: model id to
    /// point id to its fields (`value`, `sf`, `exact`, `cvalue`, `shortest`), or to the text
    /// of a common-model point.
    static func reference(unit: Int, rtu: Bool = false) throws -> [String: [String: Any]] {
        let script = BondBinary.packageRoot.appendingPathComponent("scripts/servers/sunspec_reference.py").path
        let link = rtu ? ["--rtu", try self.rtu()] : ["--tcp", try tcp()]
        let result = try ShellCommand.run(try variable("BOND_MODBUS_PYTHON"), [script] + link + ["--unit", String(unit)])
        try #require(result.status == 0, "sunspec_reference.py: \(result.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: [String: Any]])
    }
}
