/// The drivers of `bond read-meter`, in the order help lists them (as evcc's meter registry
/// lists its meters): a new driver adds its spec here.
enum DriverRegistry {
    static let specs: [any DriverSpec.Type] = [EumelSpec.self, EnergyAPISpec.self, WattTimeSpec.self]
}
