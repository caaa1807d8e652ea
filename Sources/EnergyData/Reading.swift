import Encoding

/// The device a reading comes from, as the source describes it.
public struct Device: Equatable, Sendable {
    public var manufacturer: String?
    public var model: String?
    public var serialNumber: String?
    /// Firmware version, where the source gives one (SunSpec model 1's `Vr`).
    public var firmware: String?
    /// Degrees, where known, exactly as the source wrote them.
    public var latitude: ExactDecimal?
    public var longitude: ExactDecimal?

    public init(manufacturer: String? = nil, model: String? = nil, serialNumber: String? = nil, firmware: String? = nil,
                latitude: ExactDecimal? = nil, longitude: ExactDecimal? = nil) {
        self.manufacturer = manufacturer
        self.model = model
        self.serialNumber = serialNumber
        self.firmware = firmware
        self.latitude = latitude
        self.longitude = longitude
    }
}

/// Which register of a meter: energy taken from the grid or fed into it.
public enum Register: String, Sendable {
    case imported = "import"
    case exported = "export"
}

/// One energy reading, in watt-hours.
public struct EnergyReading: Equatable, Sendable {
    public var device: Device
    /// Energy in Wh, exact.
    public var energyWh: ExactDecimal
    public var register: Register
    /// True when the value is a meter total since installation; false for the energy of an
    /// interval.
    public var isAccumulated: Bool
    /// When the source measured it: seconds since the epoch, UTC.
    public var measuredEpoch: Int
    /// The endpoint that answered, where a driver tries several (Eumel firmware versions).
    public var endpoint: String?

    public init(device: Device, energyWh: ExactDecimal, register: Register, isAccumulated: Bool, measuredEpoch: Int, endpoint: String? = nil) {
        self.device = device
        self.energyWh = energyWh
        self.register = register
        self.isAccumulated = isAccumulated
        self.measuredEpoch = measuredEpoch
        self.endpoint = endpoint
    }
}

/// One grid-emission reading: the marginal operating emissions rate (MOER) of a region.
public struct CarbonReading: Equatable, Sendable {
    public var device: Device
    /// The grid region (WattTime's balancing authority abbreviation).
    public var region: String
    /// `co2_moer`.
    public var signalType: String
    /// Pounds of CO2 per MWh, where the API gives it.
    public var moerLbPerMWh: ExactDecimal?
    /// Percentile 0-100 of the current MOER in the recent past, where the API gives it.
    public var percentile: ExactDecimal?
    public var measuredEpoch: Int

    public init(device: Device, region: String, signalType: String, moerLbPerMWh: ExactDecimal?, percentile: ExactDecimal?, measuredEpoch: Int) {
        self.device = device
        self.region = region
        self.signalType = signalType
        self.moerLbPerMWh = moerLbPerMWh
        self.percentile = percentile
        self.measuredEpoch = measuredEpoch
    }

    /// The international avoirdupois pound in kilograms, exactly (1959 agreement).
    public static let kilogramsPerPound = ExactDecimal("0.45359237") ?? .zero

    /// kg of CO2 per Wh = MOER (lb/MWh) x 0.45359237 / 1,000,000, exact; nil without a MOER.
    public var co2KgPerWh: ExactDecimal? {
        moerLbPerMWh?.multiplied(by: CarbonReading.kilogramsPerPound)?.scaledByPowerOfTen(-6)
    }
}
