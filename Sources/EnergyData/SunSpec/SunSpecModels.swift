import Encoding

/// SunSpec device information as the models define it (SunSpec Alliance, "SunSpec Information
/// Model Specification"): a device's model blocks, each a model id and its points by point id,
/// whatever transport carried them (the Eumel's XML; Modbus registers). This is where points
/// become a reading: the meter block chosen by its model id, scale factors applied, the device
/// from model 1.
///
/// The meter models: 211-214 (single phase, split phase, wye, delta) carry floats; 201-204,
/// their integer twins, scale their energy points by the `TotWh_SF` point (value × 10^SF).
/// Model 1, the common block, gives the manufacturer (`Mn`), model (`Md`), firmware (`Vr`) and
/// serial number (`SN`).
public enum SunSpec {
    public static let floatMeterModels = 211...214
    public static let integerMeterModels = 201...204

    /// A point's value as its transport gave it, and where it was: the location names it in a
    /// message (`SunSpecData/d/m[@id=213]/p[@id=TotWhImp] at line 7`).
    public struct Point: Sendable {
        public let text: String
        public let location: Location

        public init(text: String, location: Location) {
            self.text = text
            self.location = location
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

    /// The energy reading of `register` (TotWhImp, TotWhExp) in `data`, exact.
    /// - Throws: ``PayloadError`` naming the block or point, and where: no meter block, a
    ///   missing or non-numeric energy point, a missing or bad scale factor, a negative register.
    public static func reading(of data: some DeviceData, register: Register) throws(PayloadError) -> EnergyReading {
        let ids = data.blockIDs
        guard let meterIndex = ids.firstIndex(where: { floatMeterModels.contains($0) || integerMeterModels.contains($0) }) else {
            throw .invalid("\(data.location) has no meter block (SunSpec model 201-204 or 211-214)")
        }
        let meter = data.block(at: meterIndex)
        let name = register == .imported ? "TotWhImp" : "TotWhExp"
        guard let point = meter.points[name] else {
            throw .invalid("\(meter.location) has no point \(name)")
        }
        guard var energy = ExactDecimal(point.text) else {
            throw .invalid("\(point.location): '\(point.text)' is not a number")
        }
        if integerMeterModels.contains(meter.id) {
            guard let factor = meter.points["TotWh_SF"] else {
                throw .invalid("\(meter.location) has no scale factor TotWh_SF for its integer points")
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
            device.manufacturer = common.points["Mn"]?.text ?? device.manufacturer
            device.model = common.points["Md"]?.text ?? device.model
            device.serialNumber = common.points["SN"]?.text ?? device.serialNumber
            device.firmware = common.points["Vr"]?.text
        }
        return EnergyReading(device: device, energyWh: energy, register: register, isAccumulated: true, measuredEpoch: data.measuredEpoch)
    }
}
