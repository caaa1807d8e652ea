/// The drivers of `bond read-meter`, in the order help lists them (as evcc's meter registry
/// lists its meters): a new driver adds its spec's command here.
enum DriverRegistry {
    static let commands: [CommandSpec] = [EumelSpec.command, SunSpecSpec.command, EnergyAPISpec.command, WattTimeSpec.command]
}
