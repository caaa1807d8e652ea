import EnergyData

/// How the command line makes a driver (``MeterDriver``) from its options: the small part of
/// a driver that is its own. What every driver shares (saved payloads, the line, the
/// meter_down line, `--payload`) is ``ReadMeterCommand``'s; the option groups are
/// ``SourceOptions`` and a transport's (``HTTPSourceOptions``). ``DriverRegistry`` lists the
/// specs; ARCHITECTURE.md shows the smallest complete one.
protocol DriverSpec {
    associatedtype Driver: MeterDriver

    /// One line for `bond read-meter --help`.
    static var summary: String { get }
    /// The paragraph of `bond read-meter DRIVER --help`.
    static var details: String { get }
    /// Every option, in the order of help: a transport's group (which holds the source
    /// options), then the driver's own.
    static var options: [OptionSpec] { get }

    /// The driver that reads a saved answer (`--file`, read after this), with what else the
    /// options give.
    /// - Throws: ``CommandFailure`` and the errors of reading what else the options name.
    static func savedDriver(_ invocation: Invocation) throws -> Driver

    /// The driver that asks the source, its transport, and how the line names the source
    /// (the URL).
    /// - Throws: ``CommandFailure`` (64) for options that do not fit, and the errors of
    ///   opening what the options name (a cursor, a token cache, a password file).
    static func networkDriver(_ invocation: Invocation) throws -> (driver: Driver, transport: Driver.Transport, source: String)

    /// A mode of the driver's own that prints other lines than a reading (`sunspec --scan`),
    /// run instead of the read when its options ask for it; nil when they do not (the default).
    /// - Throws: what the mode's reads throw.
    static func otherMode(_ invocation: Invocation) throws -> ExitStatus?

    /// What to do when a payload holds nothing to report: by default a note at `-v`.
    /// - Throws: whatever the driver's options make of it (``PayloadError`` with
    ///   `--require-reading`).
    static func nothing(_ reason: String, _ invocation: Invocation) throws
}

extension DriverSpec {
    static func otherMode(_ invocation: Invocation) throws -> ExitStatus? { nil }

    static func nothing(_ reason: String, _ invocation: Invocation) throws {
        invocation.diagnostics.note("\(reason): nothing to report")
    }

    /// The spec's verb under `bond read-meter`.
    static var command: CommandSpec {
        CommandSpec(Driver.name, summary: summary, details: details, options: options, run: { try ReadMeterCommand.run(Self.self, $0) })
    }
}
