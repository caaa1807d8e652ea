import Encoding

/// Reading a Verbund Eumel logger's SunSpec XML (SunSpec Alliance, "SunSpec Information Model
/// Specification"; the Eumel's REST export): `<SunSpecData><d man mod sn t><m id="MODEL"><p
/// id="POINT">value</p>…</m>…</d></SunSpecData>`.
///
/// The meter block is chosen by its model id, never by its position: 211-214 are the float
/// meter models (single phase, split phase, wye, delta), 201-204 their integer twins, whose
/// energy points are scaled by the `TotWh_SF` point (value × 10^SF). A point id that repeats
/// (a real logger quirk) counts once: the first wins. Model 1, the common block, gives the
/// manufacturer (`Mn`), model (`Md`), firmware (`Vr`) and serial number (`SN`); without it they
/// come from the `d` element's attributes, and the firmware is unknown.
public enum SunSpec {
    public static let floatMeterModels = 211...214
    public static let integerMeterModels = 201...204

    /// The energy reading of `register` in `document`.
    /// - Throws: ``PayloadError`` naming the missing or bad element, with its line: malformed
    ///   XML, no `d`, no meter block, no or a bad `t`, a missing or non-numeric energy point.
    public static func reading(from document: [UInt8], register: Register) throws -> EnergyReading {
        let xml = try XMLDocument(document)
        let root = xml.root
        guard root.name == "SunSpecData" else {
            throw PayloadError.invalid("the root element is <\(root.name)> at line \(root.line), not <SunSpecData>")
        }
        guard let device = root.children(named: "d").first else {
            throw PayloadError.invalid("SunSpecData at line \(root.line) has no device element <d>")
        }
        guard let time = device.attribute("t") else {
            throw PayloadError.invalid("SunSpecData/d at line \(device.line) has no measurement time t")
        }
        guard let measured = RFC3339.epoch(time) else {
            throw PayloadError.invalid("SunSpecData/d/@t at line \(device.line): '\(time)' is not an RFC 3339 time")
        }
        let models = device.children(named: "m").map { (id: Int($0.attribute("id") ?? "") ?? -1, element: $0) }
        guard let meter = models.first(where: { floatMeterModels.contains($0.id) || integerMeterModels.contains($0.id) }) else {
            throw PayloadError.invalid("SunSpecData/d at line \(device.line) has no meter block (SunSpec model 201-204 or 211-214)")
        }
        let path = "SunSpecData/d/m[@id=\(meter.id)]"
        let points = firstPoints(meter.element)
        let name = register == .imported ? "TotWhImp" : "TotWhExp"
        guard let point = points[name] else {
            throw PayloadError.invalid("\(path) at line \(meter.element.line) has no point \(name)")
        }
        guard var energy = ExactDecimal(point.text) else {
            throw PayloadError.invalid("\(path)/p[@id=\(name)] at line \(point.line): '\(point.text)' is not a number")
        }
        if integerMeterModels.contains(meter.id) {
            guard let factor = points["TotWh_SF"] else {
                throw PayloadError.invalid("\(path) at line \(meter.element.line) has no scale factor TotWh_SF for its integer points")
            }
            guard let exponent = Int(factor.text), (-10...10).contains(exponent), let scaled = energy.scaledByPowerOfTen(exponent) else {
                throw PayloadError.invalid("\(path)/p[@id=TotWh_SF] at line \(factor.line): '\(factor.text)' is not a scale factor (-10 to 10)")
            }
            energy = scaled
        }
        if energy.isNegative {
            throw PayloadError.invalid("\(path)/p[@id=\(name)] at line \(point.line): a meter register cannot be negative (\(point.text))")
        }
        var info = Device(manufacturer: device.attribute("man"), model: device.attribute("mod"), serialNumber: device.attribute("sn"))
        if let common = models.first(where: { $0.id == 1 }) {
            let commonPoints = firstPoints(common.element)
            info.manufacturer = commonPoints["Mn"]?.text ?? info.manufacturer
            info.model = commonPoints["Md"]?.text ?? info.model
            info.serialNumber = commonPoints["SN"]?.text ?? info.serialNumber
            info.firmware = commonPoints["Vr"]?.text
        }
        return EnergyReading(device: info, energyWh: energy, register: register, isAccumulated: true, measuredEpoch: measured)
    }

    /// The points of a model block by id, the first of a repeated id winning.
    private static func firstPoints(_ model: XMLElement) -> [String: (text: String, line: Int)] {
        var points: [String: (text: String, line: Int)] = [:]
        for point in model.children(named: "p") {
            guard let id = point.attribute("id"), points[id] == nil else { continue }
            points[id] = (point.text, point.line)
        }
        return points
    }
}
