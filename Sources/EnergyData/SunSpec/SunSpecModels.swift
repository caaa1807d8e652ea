import Encoding

/// SunSpec device information as the models define it (SunSpec Alliance, "SunSpec Information
/// Model Specification"): a device's model blocks, each a model id and its points by point id,
/// whatever transport carried them (the Eumel's XML; Modbus registers). This is where points
/// become a reading: the energy model chosen by its id, scale factors applied, the device from
/// model 1.
///
/// The energy models, in the order bond prefers them (``energyModels``): meters 201-204
/// (single phase, split phase, wye, delta; acc32 `TotWhImp` and `TotWhExp` scaled by
/// `TotWh_SF`, value × 10^SF) and their float32 twins 211-214; DER AC measurement 701 (uint64
/// `TotWhAbs` absorbed and `TotWhInj` injected, scaled by `TotWh_SF`); inverters 101-103 (acc32
/// `WH` scaled by `WH_SF`) and their float32 twins 111-113, whose energy is what they produced:
/// the export register only. Model 1, the common block, gives the manufacturer (`Mn`), model
/// (`Md`), firmware (`Vr`) and serial number (`SN`).
public enum SunSpec {
    /// A model bond reads energy from: its id, the point of each register it has, and the
    /// scale factor point of its integer points (nil for float32 models).
    public struct EnergyModel: Sendable {
        public let id: Int
        public let importPoint: String?
        public let exportPoint: String
        public let scaleFactor: String?

        /// The point of `register`, nil when the model has none (an inverter's import).
        public func point(_ register: Register) -> String? {
            register == .imported ? importPoint : exportPoint
        }
    }

    /// The energy models in the order bond prefers them when a device has several.
    public static let energyModels: [EnergyModel] =
        (201...204).map { EnergyModel(id: $0, importPoint: "TotWhImp", exportPoint: "TotWhExp", scaleFactor: "TotWh_SF") }
        + (211...214).map { EnergyModel(id: $0, importPoint: "TotWhImp", exportPoint: "TotWhExp", scaleFactor: nil) }
        + [EnergyModel(id: 701, importPoint: "TotWhAbs", exportPoint: "TotWhInj", scaleFactor: "TotWh_SF")]
        + (101...103).map { EnergyModel(id: $0, importPoint: nil, exportPoint: "WH", scaleFactor: "WH_SF") }
        + (111...113).map { EnergyModel(id: $0, importPoint: nil, exportPoint: "WH", scaleFactor: nil) }

    /// The energy model `id`, nil when bond reads no energy from it.
    public static func energyModel(_ id: Int) -> EnergyModel? { energyModels.first { $0.id == id } }

    /// The energy models in words, for a message.
    static let energyModelsText = "meters 201-204 and 211-214, DER AC measurement 701, inverters 101-103 and 111-113"

    /// A point's value as its transport gave it, and where it was: the location names it in a
    /// message (`SunSpecData/d/m[@id=213]/p[@id=TotWhImp] at line 7`).
    public struct Point: Sendable {
        public let text: String
        public let location: Location
        /// Whether the transport holds the type's not-implemented value here (Modbus
        /// registers); `text` then shows the registers (`0x8000`).
        public let notImplemented: Bool

        public init(text: String, location: Location, notImplemented: Bool = false) {
            self.text = text
            self.location = location
            self.notImplemented = notImplemented
        }
    }

    /// Where a transport found a block or point, put into words only for a message (a document
    /// holds many points; a message names one).
    public enum Location: Sendable, CustomStringConvertible {
        /// A point of an XML block: the block's path, the point's id, its line.
        case xmlPoint(block: String, id: String, line: Int)
        /// Any other place, in words.
        case words(String)

        public var description: String {
            switch self {
            case .xmlPoint(let block, let id, let line): return "\(block)/p[@id=\(id)] at line \(line)"
            case .words(let text): return text
            }
        }
    }

    /// One model block: its id, its points by id (the first of a repeated id wins), and where
    /// it was.
    public struct Block: Sendable {
        public let id: Int
        public let points: [String: Point]
        public let location: String

        public init(id: Int, points: [String: Point], location: String) {
            self.id = id
            self.points = points
            self.location = location
        }
    }

    /// A device's model blocks as a transport found them: their ids in order, each block read
    /// when asked for (a document holds many blocks; a reading needs two), and what the
    /// transport knows besides.
    public protocol DeviceData {
        /// The model id of each block, in order.
        var blockIDs: [Int] { get }
        /// Block `index` (of ``blockIDs``) with its points.
        func block(at index: Int) -> Block
        /// Where the device was (`SunSpecData/d at line 3`).
        var location: String { get }
        /// When it was measured: seconds since the epoch, UTC.
        var measuredEpoch: Int { get }
        /// The device as the transport describes it without model 1 (the Eumel's attributes).
        var fallback: Device { get }
    }

    /// The block a reading is taken from: model `model` when given, else the first of
    /// ``energyModels`` the device has; its index in ``DeviceData/blockIDs`` and its model.
    /// - Throws: ``PayloadError``: no energy model (the models found listed), no such model, a
    ///   model bond reads no energy from.
    public static func energyBlock(in data: some DeviceData, model: Int?) throws(PayloadError) -> (index: Int, model: EnergyModel) {
        let ids = data.blockIDs
        let found = ids.isEmpty ? "none" : ids.map(String.init).joined(separator: ", ")
        if let model {
            guard let energy = energyModel(model) else {
                throw .invalid("model \(model) is not one bond reads energy from (\(energyModelsText))")
            }
            guard let index = ids.firstIndex(of: model) else {
                throw .invalid("\(data.location) has no model \(model); its models: \(found)")
            }
            return (index, energy)
        }
        guard let first = energyModels.lazy.compactMap({ energy in ids.firstIndex(of: energy.id).map { ($0, energy) } }).first else {
            throw .invalid("\(data.location) has no energy model (SunSpec \(energyModelsText)); its models: \(found)")
        }
        return first
    }

    /// The energy reading of `register` in `data`, exact: from model `model` when given, else
    /// from the first of ``energyModels`` the device has.
    /// - Throws: ``PayloadError`` naming the block or point, and where: no energy model (the
    ///   models found listed), no such model, a model without that register, a missing,
    ///   not-implemented or non-numeric energy point, a missing or bad scale factor, a negative
    ///   register.
    public static func reading(of data: some DeviceData, register: Register, model: Int? = nil) throws(PayloadError) -> EnergyReading {
        try reading(of: data, register: register, block: try energyBlock(in: data, model: model))
    }

    /// The energy reading of `register` in `block` (as ``energyBlock(in:model:)`` chose it).
    /// - Throws: ``PayloadError``, as ``reading(of:register:model:)`` past the choice.
    public static func reading(of data: some DeviceData, register: Register, block chosen: (index: Int, model: EnergyModel)) throws(PayloadError) -> EnergyReading {
        let ids = data.blockIDs
        let block = data.block(at: chosen.index)
        guard let name = chosen.model.point(register) else {
            throw .invalid("\(block.location) is an inverter: its \(chosen.model.exportPoint) is energy produced, the export register; it has no import register")
        }
        guard let point = block.points[name] else {
            throw .invalid("\(block.location) has no point \(name)")
        }
        if point.notImplemented {
            throw .invalid("\(point.location) is not implemented (\(point.text))")
        }
        guard var energy = ExactDecimal(point.text) else {
            throw .invalid("\(point.location): '\(point.text)' is not a number")
        }
        if let factorName = chosen.model.scaleFactor {
            guard let factor = block.points[factorName] else {
                throw .invalid("\(block.location) has no scale factor \(factorName) for its integer points")
            }
            if factor.notImplemented {
                throw .invalid("\(factor.location) is not implemented (\(factor.text)): \(name) cannot be scaled")
            }
            guard let exponent = Int(factor.text), (-10...10).contains(exponent), let scaled = energy.scaledByPowerOfTen(exponent) else {
                throw .invalid("\(factor.location): '\(factor.text)' is not a scale factor (-10 to 10)")
            }
            energy = scaled
        }
        if energy.isNegative {
            throw .invalid("\(point.location): a meter register cannot be negative (\(point.text))")
        }
        var device = data.fallback
        if let commonIndex = ids.firstIndex(of: 1) {
            let common = data.block(at: commonIndex)
            func text(_ id: String) -> String? { common.points[id].flatMap { $0.notImplemented ? nil : $0.text } }
            device.manufacturer = text("Mn") ?? device.manufacturer
            device.model = text("Md") ?? device.model
            device.serialNumber = text("SN") ?? device.serialNumber
            device.firmware = text("Vr")
        }
        return EnergyReading(device: device, energyWh: energy, register: register, isAccumulated: true, measuredEpoch: data.measuredEpoch)
    }
}
