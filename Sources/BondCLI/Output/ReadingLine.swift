import Encoding
import EnergyData
import Hashing

/// The line `bond read-meter` prints (bond-read-meter(1), DESCRIPTION):
/// a reading with the device, its times and the payload's SHA-256, or a `meter_down` line.
/// Measured values are JSON numbers with exactly the value's digits.
enum ReadingLine {
    /// The JSON line of `reading`, with the driver's `fields` after it, taken from `payload`
    /// and accessed at `accessedEpoch`; with `includePayload`, the payload itself as `payload`
    /// (UTF-8 text or the driver's JSON form) or `payload_hex` (other bytes).
    static func line(_ reading: Reading, fields: [LineField], payload: some MeterPayload, driver: String, source: String, accessedEpoch: Int,
                     includePayload: Bool) -> JSONObject {
        let hashed = payload.hashedBytes
        var line = JSONObject(capacity: 512 + (includePayload ? hashed.count * 2 + payload.answer.bytes.count : 0))
        switch reading {
        case .energy(let reading):
            line.string("kind", ReadingKind.energy.rawValue)
            line.string("driver", driver)
            line.string("source", source)
            line.value("device", device(reading.device))
            line.json("energy_wh", reading.energyWh.description.utf8)
            line.string("register", reading.register.rawValue)
            line.bool("is_accumulated", reading.isAccumulated)
            times(&line, measured: reading.measuredEpoch, accessed: accessedEpoch)
        case .carbon(let reading):
            line.string("kind", ReadingKind.carbon.rawValue)
            line.string("driver", driver)
            line.string("source", source)
            line.value("device", device(reading.device))
            line.string("region", reading.region)
            line.string("signal_type", reading.signalType)
            if let moer = reading.moerLbPerMWh { line.json("moer_lb_per_mwh", moer.description.utf8) } else { line.null("moer_lb_per_mwh") }
            if let rate = reading.co2KgPerWh { line.json("co2_kg_per_wh", rate.description.utf8) } else { line.null("co2_kg_per_wh") }
            if let percentile = reading.percentile { line.json("percentile", percentile.description.utf8) } else { line.null("percentile") }
            times(&line, measured: reading.measuredEpoch, accessed: accessedEpoch)
        }
        for field in fields { line.field(field.key, field.value) }
        line.hex("payload_sha256", SHA256.hash(hashed))
        if includePayload {
            switch payload.printed {
            case .json(let value):
                line.value("payload", value)
            case .bytes(let bytes):
                if let text = String(validating: bytes, as: UTF8.self) {
                    line.string("payload", text)
                } else {
                    line.hex("payload_hex", bytes)
                }
            }
        }
        return line
    }

    /// The `--emit-failure` line: the meter (or service) could not be read. `identity` names
    /// which one (its register, asset or region), so that outages of several meters logged
    /// together can be told apart.
    static func failure(kind: ReadingKind, driver: String, source: String, identity: [LineField],
                        exitCode: Int32, httpStatus: Int?, message: String, accessedEpoch: Int) -> JSONObject {
        var line = JSONObject()
        line.string("kind", kind.rawValue)
        line.string("driver", driver)
        line.string("source", source)
        for field in identity { line.field(field.key, field.value) }
        line.bool("meter_down", true)
        var error: [(String, JSONValue)] = [("exit_code", .number(String(exitCode)))]
        error.append(("http_status", httpStatus.map { .number(String($0)) } ?? .null))
        error.append(("message", .string(message)))
        line.value("error", .object(JSONObjectValue(error)))
        line.null("payload_sha256")
        line.string("accessed_at", Timestamp.rfc3339(epoch: accessedEpoch))
        line.integer("accessed_epoch", accessedEpoch)
        return line
    }

    private static func times(_ line: inout JSONObject, measured: Int, accessed: Int) {
        line.string("measured_at", Timestamp.rfc3339(epoch: measured))
        line.integer("measured_epoch", measured)
        line.string("accessed_at", Timestamp.rfc3339(epoch: accessed))
        line.integer("accessed_epoch", accessed)
    }

    /// `{"manufacturer", "model", "serial_number", "firmware"}`, plus `latitude` and
    /// `longitude` where known.
    private static func device(_ device: Device) -> JSONValue {
        func text(_ value: String?) -> JSONValue { value.map { .string($0) } ?? .null }
        var members: [(String, JSONValue)] = [
            ("manufacturer", text(device.manufacturer)), ("model", text(device.model)),
            ("serial_number", text(device.serialNumber)), ("firmware", text(device.firmware)),
        ]
        if let latitude = device.latitude { members.append(("latitude", .number(latitude.description))) }
        if let longitude = device.longitude { members.append(("longitude", .number(longitude.description))) }
        return .object(JSONObjectValue(members))
    }
}
