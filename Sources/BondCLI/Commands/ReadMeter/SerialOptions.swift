import EnergyData

/// The options of drivers that read a device on a serial line (an RS-485 adapter, an IR read
/// head): the device, and how its line is set, read into ``SerialSettings``.
enum SerialOptions {
    static let serial = OptionSpec("serial", .path, help: "the serial device, such as /dev/ttyUSB0")
        .conflicting(with: SourceOptions.file.name, message: "--file reads a saved dump and --serial asks the device: give one of them")
    static let baud = OptionSpec("baud", .integer(placeholder: "N"), help: "the line's speed in baud (default 9600)").requiring("serial")
    static let parity = OptionSpec("parity", .choice(SerialSettings.Parity.allCases.map(\.rawValue)), help: "the line's parity (default none)")
        .requiring("serial")
    static let stopBits = OptionSpec("stop-bits", .choice(["1", "2"]), help: "the line's stop bits (default 1)").requiring("serial")

    static let options = [serial, baud, parity, stopBits]

    /// The speeds a serial line can be set to (termios(3)'s, as libmodbus sets them; any other
    /// would quietly become 9600).
    static let speeds: [UInt64] = [300, 600, 1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200, 230400, 460800, 500000, 576000,
                                   921600, 1000000, 1152000, 1500000, 2000000, 2500000, 3000000, 3500000, 4000000]

    /// The line the options set, nil without `--serial`.
    /// - Throws: ``CommandFailure`` (64) for a speed the line cannot be set to.
    static func settings(_ arguments: ParsedArguments) throws -> SerialSettings? {
        guard let path = arguments.text(serial) else { return nil }
        var settings = SerialSettings(path: path)
        if let baud = arguments.integer(baud) {
            guard speeds.contains(baud) else {
                throw CommandFailure.usage("--baud \(baud): not a speed a serial line can be set to (1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200, ...)")
            }
            settings.baud = Int(baud)
        }
        if let parity = arguments.text(parity).flatMap(SerialSettings.Parity.init(rawValue:)) { settings.parity = parity }
        if arguments.text(stopBits) == "2" { settings.stopBits = 2 }
        return settings
    }
}
