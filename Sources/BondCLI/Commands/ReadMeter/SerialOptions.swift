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

    /// The line the options set, nil without `--serial`.
    /// - Throws: ``CommandFailure`` (64) for a speed of 0 or above 4,000,000 baud.
    static func settings(_ arguments: ParsedArguments) throws -> SerialSettings? {
        guard let path = arguments.text(serial) else { return nil }
        var settings = SerialSettings(path: path)
        if let baud = arguments.integer(baud) {
            guard (1...4_000_000).contains(baud) else { throw CommandFailure.usage("--baud \(baud): give a speed from 1 to 4000000 baud") }
            settings.baud = Int(baud)
        }
        if let parity = arguments.text(parity).flatMap(SerialSettings.Parity.init(rawValue:)) { settings.parity = parity }
        if arguments.text(stopBits) == "2" { settings.stopBits = 2 }
        return settings
    }
}
