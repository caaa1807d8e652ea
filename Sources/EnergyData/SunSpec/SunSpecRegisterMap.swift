import Encoding

/// A SunSpec device's registers as Modbus holds them (SunSpec Modbus specification): the
/// marker `SunS` (0x53756e53) at a base address, then the model chain, each model an ID
/// register, a length register L and L registers of points, up to the end marker (ID 0xFFFF,
/// L 0). The registers from the marker through the end marker are the reading's payload: a
/// dump of them (``dump``) is what `--payload` prints and `--file` reads back.
extension SunSpec {
    /// The marker at a SunSpec device's base address: "SunS" in two registers.
    public static let marker: [UInt16] = [0x5375, 0x6E53]
    /// The ID of the end marker that closes the model chain.
    public static let endMarker: UInt16 = 0xFFFF
    /// Where devices put the marker, in the order bond looks (SunSpec Modbus specification:
    /// 40000, 50000 and 0 are the standard bases).
    public static let standardBases = [40000, 50000, 0]
    /// The most models a chain may hold before bond takes it for a broken one.
    public static let maximumModels = 256

    /// One model of the chain: its id, the address of its ID register and its length L.
    public struct ModelHeader: Equatable, Sendable {
        public let id: Int
        public let address: Int
        public let length: Int

        /// The address of the register after its last.
        public var end: Int { address + 2 + length }
    }

    /// Walks the model chain whose marker is at `base`: `header(address)` gives the registers
    /// at `address` (the ID and L, or the ID alone where the device has no register after the
    /// end marker), or nil where there are none. Returns the models and the address of the end
    /// marker.
    /// - Throws: ``SourceError/answer(_:)`` for a broken chain (a model id 0, the marker again,
    ///   a model or the chain running past register 65535, too many models, no end marker
    ///   before the registers end), and what `header` throws.
    static func walkChain(base: Int, header: (Int) throws(SourceError) -> [UInt16]?) throws(SourceError) -> (models: [ModelHeader], endAddress: Int) {
        var models: [ModelHeader] = []
        var address = base + 2
        while true {
            guard address <= 65535 else {
                throw .answer(.invalid("the model chain runs past register 65535 without the end marker 0xFFFF"))
            }
            guard let words = try header(address), let id = words.first else {
                throw .answer(.invalid("the model chain ends at register \(address) without the end marker 0xFFFF: the device has no registers there"))
            }
            if id == endMarker { return (models, address) }
            guard words.count == 2 else {
                throw .answer(.invalid("the model chain ends at register \(address) inside model \(id)'s header"))
            }
            let length = Int(words[1])
            if words == marker {
                throw .answer(.invalid("the model chain repeats: the SunS marker again at register \(address)"))
            }
            guard id != 0 else {
                throw .answer(.invalid("register \(address) holds model id 0, which is no model: the chain is broken before its end marker 0xFFFF"))
            }
            let model = ModelHeader(id: Int(id), address: address, length: length)
            guard model.end <= 65536 else {
                throw .answer(.invalid("model \(id) at register \(address) has length \(length), which runs past register 65535"))
            }
            guard models.count < maximumModels else {
                throw .answer(.invalid("the model chain has more than \(maximumModels) models without the end marker 0xFFFF"))
            }
            models.append(model)
            address = model.end
        }
    }

    /// A device's registers from the marker through the end marker, as one read gave them,
    /// and which device: the base address and the unit id.
    public struct RegisterMap: Equatable, Sendable {
        public let base: Int
        public let unitID: Int
        public let registers: [UInt16]
        /// The model chain in `registers`.
        public let models: [ModelHeader]

        /// The map of `registers` (big-endian words from the marker at `base`).
        /// - Throws: ``PayloadError`` when they are not a SunSpec map: no marker, a broken
        ///   chain, registers after the end marker.
        public init(base: Int, unitID: Int, registers: [UInt16]) throws(PayloadError) {
            guard Array(registers.prefix(2)) == SunSpec.marker else {
                throw .invalid("the registers at \(base) do not begin with the SunSpec marker SunS (0x53756e53)")
            }
            guard registers.count >= 3 else {
                throw .invalid("the registers at \(base) hold the SunSpec marker and no model chain: no end marker 0xFFFF")
            }
            let chain: (models: [ModelHeader], endAddress: Int)
            do {
                chain = try SunSpec.walkChain(base: base) { address throws(SourceError) in
                    let index = address - base
                    guard index < registers.count else { return nil }
                    return Array(registers[index..<min(index + 2, registers.count)])
                }
            } catch {
                if case .answer(let problem) = error { throw problem }
                throw .invalid(error.description)
            }
            let ends = chain.endAddress - base
            guard registers.count <= ends + 2 else {
                let extra = registers.count - ends - 2
                throw .invalid("\(extra) \(extra == 1 ? "register follows" : "registers follow") the end marker at register \(chain.endAddress)")
            }
            self.base = base
            self.unitID = unitID
            self.registers = registers
            self.models = chain.models
        }

        /// The registers as bytes, big-endian, as they travelled: what `payload_sha256` is over.
        public var bytes: [UInt8] {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(registers.count * 2)
            for word in registers { bytes += [UInt8(word >> 8), UInt8(word & 0xFF)] }
            return bytes
        }

        /// `{"base": N, "unit_id": N, "registers": "0x..."}`: what `--payload` prints and
        /// `--file` reads.
        public var dump: JSONValue {
            .object(JSONObjectValue([
                ("base", .number(String(base))), ("unit_id", .number(String(unitID))), ("registers", .string(Hex.encode(bytes))),
            ]))
        }

        /// The map in a dump (``dump``'s form), or in a line of `bond read-meter sunspec
        /// --payload`, whose `payload` is one.
        /// - Throws: ``PayloadError`` naming the member: not JSON, a base or unit id missing
        ///   or out of range, registers that are not hex of whole registers, or not a SunSpec map.
        public init(dump bytes: [UInt8]) throws(PayloadError) {
            var object = try JSONValueReader.object(bytes)
            if object["registers"] == nil, case .object(let payload)? = object["payload"] { object = payload }
            func integer(_ key: String, _ range: ClosedRange<Int>) throws(PayloadError) -> Int {
                guard let member = object[key] else {
                    throw .invalid("/\(key) is missing: a register dump is {\"base\": N, \"unit_id\": N, \"registers\": \"0x...\"}")
                }
                guard case .number(let text) = member, let value = Int(text), range.contains(value) else {
                    throw .invalid("/\(key) must be an integer from \(range.lowerBound) to \(range.upperBound)")
                }
                return value
            }
            let base = try integer("base", 0...65535)
            let unitID = try integer("unit_id", 0...255)
            guard case .string(let hex)? = object["registers"] else { throw .invalid("/registers must be a hex string") }
            let raw: [UInt8]
            do {
                raw = try Hex.decode(hex)
            } catch {
                throw .invalid("/registers: \(error.description)")
            }
            guard raw.count % 2 == 0 else { throw .invalid("/registers holds \(raw.count) bytes, not whole 16-bit registers") }
            guard base + raw.count / 2 <= 65536 else { throw .invalid("/registers runs past register 65535") }
            var words: [UInt16] = []
            words.reserveCapacity(raw.count / 2)
            for index in stride(from: 0, to: raw.count, by: 2) { words.append(UInt16(raw[index]) << 8 | UInt16(raw[index + 1])) }
            try self.init(base: base, unitID: unitID, registers: words)
        }

        /// The map's models with the points bond reads, measured at `measuredEpoch`.
        public func deviceData(measuredEpoch: Int) -> some DeviceData {
            RegisterDeviceData(map: self, measuredEpoch: measuredEpoch)
        }
    }
}

/// A register map's blocks, their points decoded on demand with the models' layouts.
struct RegisterDeviceData: SunSpec.DeviceData {
    let map: SunSpec.RegisterMap
    let measuredEpoch: Int

    var blockIDs: [Int] { map.models.map(\.id) }
    var location: String { "the device with its SunS marker at register \(map.base)" }
    var fallback: Device { Device() }

    func block(at index: Int) -> SunSpec.Block {
        let model = map.models[index]
        let name = SunSpec.modelName(model.id).map { " (\($0))" } ?? ""
        var points: [String: SunSpec.Point] = [:]
        for point in SunSpec.layouts[model.id]?.points ?? [] where point.offset + point.size <= model.length + 2 {
            let start = model.address - map.base + point.offset
            let words = map.registers[start..<start + point.size]
            let location = SunSpec.Location.words("model \(model.id)\(name) point \(point.id) at register \(model.address + point.offset)")
            if let value = point.value(words) {
                points[point.id] = SunSpec.Point(text: value, location: location)
            } else {
                points[point.id] = SunSpec.Point(text: SunSpec.hex(words), location: location, notImplemented: true)
            }
        }
        return SunSpec.Block(id: model.id, points: points, location: "model \(model.id)\(name) at register \(model.address)")
    }
}
