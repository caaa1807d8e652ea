import Encoding
import Glibc

/// `sunspec`: any SunSpec device over Modbus TCP or RTU (inverters, meters, DER), read as an
/// energy model's register (``SunSpec``) from a register map read whole (``SunSpec/readMap``).
/// SunSpec devices carry no clock: the reading is measured when bond read the registers.
public struct SunSpecDriver: MeterDriver {
    public static let name = "sunspec"

    /// Energy from the grid or fed in (an inverter's production is the export register).
    public let register: Register
    /// The energy model to read, nil for the first of ``SunSpec/energyModels`` the device has.
    public let model: Int?
    /// Where the marker is, nil to look at the standard bases.
    public let base: Int?
    /// The unit id asked, which names the device in a meter_down line (several devices behind
    /// one gateway share its address); nil for a saved dump.
    public let unitID: Int?

    public init(register: Register, model: Int?, base: Int?, unitID: Int?) {
        self.register = register
        self.model = model
        self.base = base
        self.unitID = unitID
    }

    /// The registers read (or a saved dump of them) and when.
    public struct Payload: MeterPayload {
        /// The registers' bytes as read, or the saved dump.
        public let answer: SourceAnswer
        /// The map the answer holds, or why it holds none.
        public let map: Result<SunSpec.RegisterMap, PayloadError>
        /// When the registers were read (a dump: when it was read back), epoch seconds.
        public let readEpoch: Int
        /// The device asked (`192.168.1.30:502 unit 126`), which a message names; nil for a dump.
        public let peer: String?

        /// Over the registers, whether they were read now or from a dump.
        public var hashedBytes: [UInt8] { (try? map.get())?.bytes ?? answer.bytes }

        /// The register dump `{"base", "unit_id", "registers"}`.
        public var printed: PrintedPayload {
            guard let map = try? map.get() else { return .bytes(answer.bytes) }
            return .json(map.dump)
        }
    }

    /// The register, and `sunspec` {`unit_id`} when the device was asked.
    public func identity(saved: Bool) -> [LineField] {
        guard !saved, let unitID else { return [LineField("register", register.rawValue)] }
        return [LineField("register", register.rawValue), LineField("sunspec", json: .object(JSONObjectValue([("unit_id", .number(String(unitID)))])))]
    }

    /// Reads the device's register map.
    /// - Throws: ``SourceError``, as ``SunSpec/readMap(over:base:)``.
    public func fetch(over transport: ModbusSource) throws(SourceError) -> Payload {
        let map = try SunSpec.readMap(over: transport, base: base)
        return Payload(answer: SourceAnswer(map.bytes), map: .success(map), readEpoch: time(nil), peer: transport.peer)
    }

    public func payload(saved answer: SourceAnswer) -> Payload {
        let map = Result { () throws(PayloadError) in
            try answer.read(as: "a SunSpec register dump") { bytes throws(PayloadError) in try SunSpec.RegisterMap(dump: bytes) }
        }
        return Payload(answer: answer, map: map, readEpoch: time(nil), peer: nil)
    }

    /// The models of the payload's chain (`--scan`).
    /// - Throws: ``PayloadError`` for a dump that is not a SunSpec map.
    public func models(_ payload: Payload) throws(PayloadError) -> [SunSpec.ModelHeader] {
        try payload.map.get().models
    }

    /// The register's energy in the chosen energy model, with `sunspec` {unit_id, base, model}.
    /// - Throws: ``PayloadError`` naming the model and point: no energy model, a
    ///   not-implemented point or scale factor, an inverter's import register.
    public func read(_ payload: Payload) throws(PayloadError) -> ReadOutcome<EnergyReading> {
        let map = try payload.map.get()
        let data = map.deviceData(measuredEpoch: payload.readEpoch)
        let (reading, chosen) = try payload.answer.read(as: "a SunSpec register dump") { _ throws(PayloadError) -> (EnergyReading, Int) in
            do throws(PayloadError) {
                let block = try SunSpec.energyBlock(in: data, model: model)
                return (try SunSpec.reading(of: data, register: register, block: block), block.model.id)
            } catch {
                guard let peer = payload.peer, case .invalid(let reason) = error else { throw error }
                throw .invalid("\(peer): \(reason)")
            }
        }
        let sunspec = JSONValue.object(JSONObjectValue([
            ("unit_id", .number(String(map.unitID))), ("base", .number(String(map.base))), ("model", .number(String(chosen))),
        ]))
        return .reading(reading, fields: [LineField("sunspec", json: sunspec)])
    }
}
