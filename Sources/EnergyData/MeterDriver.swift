import Encoding

/// A driver of `bond read-meter`: one kind of energy data source (a logger, a utility's API, a
/// grid-emission service), as a value holding what a read needs. It asks the source over its
/// transport for a payload, and reads a payload (asked for, or saved in files) as one
/// reading. What every driver shares (saved payloads, the line, an outage reported as a
/// meter_down line) is written once, around this protocol, in the command line.
///
/// A new driver is one conforming type here and one `DriverSpec` in BondCLI; the
/// registry there lists it. ARCHITECTURE.md shows the smallest complete one.
public protocol MeterDriver {
    /// How the driver reaches its source (``HTTPSource`` for HTTP drivers).
    associatedtype Transport
    /// What the source answered, in the driver's parts.
    associatedtype Payload: MeterPayload
    /// The kind of reading it gives (``EnergyReading``, ``CarbonReading``).
    associatedtype Value: ReadingValue

    /// The driver's name: its verb (`bond read-meter eumel`) and the line's `driver`.
    static var name: String { get }

    /// Fields that say which meter or region a line is about (its register, asset, region),
    /// in every line, a meter_down line too: outages of several meters logged together can be
    /// told apart. `saved`: the payload is read from files, not asked for.
    func identity(saved: Bool) -> [LineField]

    /// Asks the source for a payload.
    /// - Throws: ``SourceError``: refused, failed for now, or an answer the driver cannot use.
    func fetch(over transport: Transport) throws(SourceError) -> Payload

    /// The payload of answers saved in files (`--file`): `answer` is the main one, the driver
    /// holds the others.
    func payload(saved answer: SourceAnswer) -> Payload

    /// Reads `payload`: the reading with the fields the line carries after it, or why there is
    /// none to report (an empty window of an interval meter).
    /// - Throws: ``PayloadError`` naming what in the payload is not what the driver reads.
    func read(_ payload: Payload) throws(PayloadError) -> ReadOutcome<Value>

    /// Records that `value`'s line was printed (a cursor moves on).
    /// - Throws: ``SourceError/file(_:)`` when what records it cannot be written.
    func reported(_ value: Value) throws(SourceError)
}

extension MeterDriver {
    /// Records nothing: most drivers keep no state between runs.
    /// - Throws: nothing; a driver that records throws ``SourceError/file(_:)``.
    public func reported(_ value: Value) throws(SourceError) {}
}

/// What a driver read from a payload.
public enum ReadOutcome<Value> {
    /// A reading, and the fields the line carries after it (the endpoint that answered).
    case reading(Value, fields: [LineField])
    /// No reading to report, and why (`asset 8 has no measurements between ...`).
    case nothing(because: String)
}

/// A field of a read-meter line that a driver adds: its JSON key (snake_case) and its value.
public struct LineField: Equatable, Sendable {
    public let key: String
    public let value: JSONValue

    /// A text field, null when nil.
    public init(_ key: String, _ value: String?) {
        self.key = key
        self.value = value.map { .string($0) } ?? .null
    }

    /// A field of any JSON value (SunSpec's `sunspec` object).
    public init(_ key: String, json value: JSONValue) {
        self.key = key
        self.value = value
    }
}

/// A driver's payload: the answer its reading is taken from, which the line hashes
/// (`payload_sha256`) and can carry whole (`--payload`).
public protocol MeterPayload {
    var answer: SourceAnswer { get }
    /// The bytes `payload_sha256` is over: the answer's, unless the driver's source speaks in
    /// other units than bytes (SunSpec: the registers read).
    var hashedBytes: [UInt8] { get }
    /// What `--payload` prints: the answer's bytes, unless the driver has a JSON form of them
    /// (SunSpec's register dump).
    var printed: PrintedPayload { get }
}

extension MeterPayload {
    public var hashedBytes: [UInt8] { answer.bytes }
    public var printed: PrintedPayload { .bytes(answer.bytes) }
}

/// A payload as `--payload` prints it: bytes (as `payload` when UTF-8 text, else
/// `payload_hex`), or a JSON value (as `payload`).
public enum PrintedPayload {
    case bytes([UInt8])
    case json(JSONValue)
}

/// The kinds of reading: energy (Wh of a meter register) and carbon (a grid's marginal
/// emissions rate).
public enum ReadingKind: String, Sendable {
    case energy, carbon
}

/// A reading of either kind.
public enum Reading: Equatable, Sendable {
    case energy(EnergyReading)
    case carbon(CarbonReading)
}

/// A reading's value type, which knows its kind.
public protocol ReadingValue: Sendable {
    static var kind: ReadingKind { get }
    /// The value as a ``Reading``.
    var reading: Reading { get }
}

extension EnergyReading: ReadingValue {
    public static var kind: ReadingKind { .energy }
    public var reading: Reading { .energy(self) }
}

extension CarbonReading: ReadingValue {
    public static var kind: ReadingKind { .carbon }
    public var reading: Reading { .carbon(self) }
}
