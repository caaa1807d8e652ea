import Encoding
import HTTP

/// The EWF Energy API (the original framework's Energy Measurement API contract, OpenAPI
/// 3.0.1): `GET /asset/{id}` describes an asset, `GET /asset/{id}/energy?timeStart&timeEnd&limit`
/// lists its measurements in the asset's energy unit.
public enum EnergyAPI {
    /// The units an asset reports in, and their size in Wh (a joule is 1/3600 Wh).
    public enum EnergyUnit: String, CaseIterable, Sendable {
        case joule, wattHour, kilowattHour, megawattHour, gigawattHour

        /// `value` of this unit in Wh, exact; a joule value whose Wh does not terminate is
        /// rounded half to even at 6 decimals. Nil past 76 digits.
        public func wattHours(_ value: ExactDecimal) -> ExactDecimal? {
            switch self {
            case .joule:
                // 3600 = 9 x 400: dividing by 400 needs at most 4 more decimals; by 9 it
                // terminates only when 9 divides the value.
                if let exact = value.divided(by: 3600, places: value.scale + 4),
                   exact.multiplied(by: ExactDecimal(3600)) == value {
                    return exact
                }
                return value.divided(by: 3600, places: 6)
            case .wattHour: return value
            case .kilowattHour: return value.scaledByPowerOfTen(3)
            case .megawattHour: return value.scaledByPowerOfTen(6)
            case .gigawattHour: return value.scaledByPowerOfTen(9)
            }
        }
    }

    /// An asset as `/asset/{id}` describes it.
    public struct Asset: Sendable {
        /// Its `id`, when the document gives one.
        public let id: String?
        public let unit: EnergyUnit
        public let isAccumulated: Bool
        public let device: Device
        public let register: Register
    }

    /// One measurement of the energy list.
    public struct Measurement: Equatable, Sendable {
        public let energy: ExactDecimal
        public let epoch: Int
    }

    /// Reads an asset document.
    /// - Throws: ``PayloadError`` naming the JSON pointer that is missing or wrong.
    public static func asset(_ bytes: [UInt8]) throws(PayloadError) -> Asset {
        let json = JSONValue.object(try JSONValueReader.object(bytes))
        let unitName = try JSONValueReader.string("/energy_unit", in: json)
        guard let unit = EnergyUnit(rawValue: unitName) else {
            throw PayloadError.invalid("/energy_unit: '\(unitName)' is not one of \(EnergyUnit.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard case .bool(let accumulated) = try JSONValueReader.at("/is_accumulated", in: json) else {
            throw PayloadError.invalid("/is_accumulated is not a boolean")
        }
        let object = json.objectValue
        let device = Device(manufacturer: object?["manufacturer"]?.stringValue, model: object?["model"]?.stringValue,
                            serialNumber: object?["serial_number"]?.stringValue, firmware: nil,
                            latitude: try degrees("/latitude", limit: 90, in: json),
                            longitude: try degrees("/longitude", limit: 180, in: json))
        let id: String?
        switch object?["id"] {
        case .number(let text)?: id = text
        case .string(let text)?: id = text
        default: id = nil
        }
        // A producer's meter feeds the grid: its energy is exported.
        let register: Register = object?["role"]?.stringValue == "producer" ? .exported : .imported
        return Asset(id: id, unit: unit, isAccumulated: accumulated, device: device, register: register)
    }

    /// Degrees at `pointer` within ±`limit`, where the asset gives them.
    private static func degrees(_ pointer: String, limit: Int, in json: JSONValue) throws(PayloadError) -> ExactDecimal? {
        guard (try? JSONValueReader.at(pointer, in: json)) != nil else { return nil }
        let value = try JSONValueReader.number(pointer, in: json)
        if value < ExactDecimal(-limit) || ExactDecimal(limit) < value {
            throw PayloadError.invalid("\(pointer): \(value) is not within ±\(limit) degrees")
        }
        return value
    }

    /// Reads an energy list.
    /// - Throws: ``PayloadError`` naming the JSON pointer of a missing, negative or badly timed
    ///   measurement.
    public static func measurements(_ bytes: [UInt8]) throws(PayloadError) -> [Measurement] {
        let json = try JSONValueReader.value(bytes)
        guard case .array(let items) = json else { throw PayloadError.invalid("/ is \(json.kindDescription), not the array of measurements") }
        return try items.indices.map { index throws(PayloadError) in
            let energy = try JSONValueReader.number("/\(index)/energy", in: json)
            if energy.isNegative { throw PayloadError.invalid("/\(index)/energy: \(energy) is negative: a meter's energy cannot be") }
            return Measurement(energy: energy, epoch: try JSONValueReader.time("/\(index)/measurementTime", in: json))
        }
    }

    /// The reading of `measurements` (those after `after` and within `window` only, when
    /// given: a service that answers outside the window asked must not move a cursor ahead):
    /// the latest for an accumulated asset, the sum for an interval asset (readings at equal
    /// instants are separate intervals and all count); measured at the latest measurement's
    /// time. Nil for an empty window.
    /// - Throws: ``PayloadError`` when the sum or its value in Wh is out of range.
    public static func reading(asset: Asset, measurements: [Measurement], after: Int? = nil,
                               window range: ClosedRange<Int>? = nil) throws(PayloadError) -> EnergyReading? {
        let window = measurements.filter { (after == nil || $0.epoch > after!) && (range?.contains($0.epoch) ?? true) }
        guard let latest = window.max(by: { $0.epoch < $1.epoch }) else { return nil }
        let energy: ExactDecimal
        if asset.isAccumulated {
            energy = latest.energy
        } else {
            var sum = ExactDecimal.zero
            for measurement in window {
                guard let next = sum.adding(measurement.energy) else { throw PayloadError.invalid("the energy sum is out of range") }
                sum = next
            }
            energy = sum
        }
        guard let wattHours = asset.unit.wattHours(energy) else { throw PayloadError.invalid("the energy is out of range") }
        return EnergyReading(device: asset.device, energyWh: wattHours, register: asset.register,
                             isAccumulated: asset.isAccumulated, measuredEpoch: latest.epoch)
    }

    /// Fetches the asset and its energy list between `since` and `until` (epoch seconds).
    /// - Throws: ``SourceError`` for an error status or a failed exchange.
    public static func fetch(over source: HTTPSource, assetID: UInt64, since: Int, until: Int) throws(SourceError) -> (asset: [UInt8], energy: [UInt8]) {
        var assetRequest = HTTPRequest(url: "\(source.baseURL)/asset/\(assetID)")
        source.credentials.apply(&assetRequest)
        let asset = try SourceError.check(try source.send(assetRequest), credentials: source.credentials.name)
        let query = "timeStart=\(RFC3339.format(epoch: since))&timeEnd=\(RFC3339.format(epoch: until))&limit=-1"
        var energyRequest = HTTPRequest(url: "\(source.baseURL)/asset/\(assetID)/energy?\(query)")
        source.credentials.apply(&energyRequest)
        let energy = try SourceError.check(try source.send(energyRequest), credentials: source.credentials.name)
        return (asset.body, energy.body)
    }
}
