import Encoding

/// SunSpec data as XML, the Verbund Eumel logger's REST export (SunSpec Alliance, "SunSpec
/// Data Exchange"): `<SunSpecData><d man mod sn t><m id="MODEL"><p id="POINT">value</p>…</m>…
/// </d></SunSpecData>`. Blocks are read by their model id, never by their position; a point id
/// that repeats (a real logger quirk) counts once, the first winning. Without model 1 the
/// device comes from the `d` element's attributes, and the firmware is unknown.
extension SunSpec {
    /// The device data of `document`, parsed with libxml2 (``XMLDocument``).
    /// - Throws: ``PayloadError`` naming the element and its line: malformed XML, another root,
    ///   no `d`, no or a bad measurement time `t`; ``PayloadError/parserUnavailable(_:)`` when
    ///   libxml2 cannot be loaded.
    public static func deviceData(fromXML document: [UInt8]) throws(PayloadError) -> some DeviceData {
        let xml = try XMLDocument(document)
        let root = xml.root
        guard root.name == "SunSpecData" else {
            throw .invalid("the root element is <\(root.name)> at line \(root.line), not <SunSpecData>")
        }
        guard let device = root.children(named: "d").first else {
            throw .invalid("SunSpecData at line \(root.line) has no device element <d>")
        }
        guard let time = device.attribute("t") else {
            throw .invalid("SunSpecData/d at line \(device.line) has no measurement time t")
        }
        guard let measured = RFC3339.epoch(time) else {
            throw .invalid("SunSpecData/d/@t at line \(device.line): '\(time)' is not an RFC 3339 time")
        }
        return XMLDeviceData(device: device, measuredEpoch: measured)
    }

    /// The energy reading of `register` in a SunSpec XML document.
    /// - Throws: ``PayloadError``, as ``deviceData(fromXML:)`` and ``reading(of:register:)``.
    public static func reading(from document: [UInt8], register: Register) throws(PayloadError) -> EnergyReading {
        try reading(of: try deviceData(fromXML: document), register: register)
    }
}

/// The device element of a SunSpec XML document, its blocks read from the tree on demand.
struct XMLDeviceData: SunSpec.DeviceData {
    let device: XMLElement
    let measuredEpoch: Int
    let models: [XMLElement]
    let blockIDs: [Int]

    init(device: XMLElement, measuredEpoch: Int) {
        self.device = device
        self.measuredEpoch = measuredEpoch
        models = device.children(named: "m")
        blockIDs = models.map { Int($0.attribute("id") ?? "") ?? -1 }
    }

    var location: String { "SunSpecData/d at line \(device.line)" }

    var fallback: Device {
        Device(manufacturer: device.attribute("man"), model: device.attribute("mod"), serialNumber: device.attribute("sn"))
    }

    func block(at index: Int) -> SunSpec.Block {
        let model = models[index]
        let path = "SunSpecData/d/m[@id=\(blockIDs[index])]"
        var points: [String: SunSpec.Point] = [:]
        for point in model.children(named: "p") {
            guard let id = point.attribute("id"), points[id] == nil else { continue }
            points[id] = SunSpec.Point(text: point.text, location: .xmlPoint(block: path, id: id, line: point.line))
        }
        return SunSpec.Block(id: blockIDs[index], points: points, location: "\(path) at line \(model.line)")
    }
}
