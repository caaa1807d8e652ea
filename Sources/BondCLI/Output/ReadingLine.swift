import Encoding
import EnergyData
import Hashing

/// The line `bond read-meter` prints (../shared/DESIGN.md, the read-meter row; bond-read-meter(1)):
/// a reading with the device, its times and the payload's SHA-256, or a `meter_down` line.
/// Measured values are JSON numbers with exactly the value's digits.
enum ReadingLine {
    /// What a driver read, ready to print.
    struct Read {
        enum Value {
            case energy(EnergyReading)
            case carbon(CarbonReading)
        }

        var value: Value
        /// The response the reading was taken from, byte for byte.
        var payload: [UInt8]
        /// The endpoint that answered (Eumel), the asset (Energy API), the API version
        /// (WattTime): driver-specific fields, written after the reading.
        var extra: [(key: StaticString, value: String?)] = []
    }

    /// The JSON line of `read`, accessed at `accessedEpoch`; with `includePayload`, the payload
    /// itself as `payload` (UTF-8 text) or `payload_hex` (other bytes).
    static func line(_ read: Read, driver: String, source: String, accessedEpoch: Int, includePayload: Bool) -> JSONObject {
        var line = JSONObject(capacity: 512 + (includePayload ? read.payload.count * 2 : 0))
        switch read.value {
        case .energy(let reading):
            line.string("kind", "energy")
            line.string("driver", driver)
            line.string("source", source)
            line.value("device", device(reading.device))
            line.json("energy_wh", reading.energyWh.description.utf8)
            line.string("register", reading.register.rawValue)
            line.bool("is_accumulated", reading.isAccumulated)
            times(&line, measured: reading.measuredEpoch, accessed: accessedEpoch)
        case .carbon(let reading):
            line.string("kind", "carbon")
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
        for (key, value) in read.extra {
            if let value { line.string(key, value) } else { line.null(key) }
        }
        line.hex("payload_sha256", SHA256.hash(read.payload))
        if includePayload {
            if let text = String(validating: read.payload, as: UTF8.self) {
                line.string("payload", text)
            } else {
                line.hex("payload_hex", read.payload)
            }
        }
        return line
    }

    /// The `--emit-failure` line: the meter (or service) could not be read. `identity` names
    /// which one (its register, asset or region), so that outages of several meters logged
    /// together can be told apart.
    static func failure(kind: String, driver: String, source: String, identity: [(key: StaticString, value: String?)],
                        exitCode: Int32, httpStatus: Int?, message: String, accessedEpoch: Int) -> JSONObject {
        var line = JSONObject()
        line.string("kind", kind)
        line.string("driver", driver)
        line.string("source", source)
        for (key, value) in identity {
            if let value { line.string(key, value) } else { line.null(key) }
        }
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
