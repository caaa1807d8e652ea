/// `eumel`: a Verbund Eumel data logger (firmware v1.0 and v2.1.1), its SunSpec XML over HTTP
/// with Basic auth (``Eumel``), read as the meter block's energy register (``SunSpec``).
public struct EumelDriver: MeterDriver {
    public static let name = "eumel"

    /// TotWhImp (energy from the grid) or TotWhExp (energy fed in).
    public let register: Register
    /// Which firmware's endpoint to ask.
    public let firmware: Eumel.Firmware

    public init(register: Register, firmware: Eumel.Firmware) {
        self.register = register
        self.firmware = firmware
    }

    /// The logger's document and the endpoint that answered (none for a saved one).
    public struct Payload: MeterPayload {
        public let answer: SourceAnswer
        public let endpoint: String?
    }

    public func identity(saved: Bool) -> [LineField] {
        [LineField("register", register.rawValue)]
    }

    /// Asks the logger's endpoint for its firmware.
    /// - Throws: ``SourceError``, as ``Eumel/fetch(over:firmware:)``.
    public func fetch(over transport: HTTPSource) throws(SourceError) -> Payload {
        let (document, endpoint) = try Eumel.fetch(over: transport, firmware: firmware)
        return Payload(answer: SourceAnswer(document), endpoint: endpoint)
    }

    public func payload(saved answer: SourceAnswer) -> Payload {
        Payload(answer: answer, endpoint: nil)
    }

    /// The register's energy in the document's meter block.
    /// - Throws: ``PayloadError`` naming the element, its line (and the saved file).
    public func read(_ payload: Payload) throws(PayloadError) -> ReadOutcome<EnergyReading> {
        let reading = try payload.answer.read(as: "a SunSpec XML document") { document throws(PayloadError) in
            try SunSpec.reading(from: document, register: register)
        }
        return .reading(reading, fields: [LineField("endpoint", payload.endpoint)])
    }
}
