import Encoding

/// `energy-api`: an asset of a utility's EWF Energy API (``EnergyAPI``), the energy of a window
/// exactly in Wh: the latest reading of an accumulated asset, the sum of an interval asset's.
/// A cursor file makes each interval count once, run after run.
public struct EnergyAPIDriver: MeterDriver {
    public static let name = "energy-api"

    /// The asset asked for; nil when saved answers are read (the asset document names it).
    public let assetID: UInt64?
    /// The window asked for (epoch seconds); nil for saved answers, which are taken whole.
    public let window: ClosedRange<Int>?
    /// The cursor: only measurements after it count, and it moves on once a line is printed.
    public let cursor: ReadingCursor?
    /// The saved `/asset/ID` answer that goes with a saved energy list.
    public let savedAsset: SourceAnswer?

    /// Asks the service for `assetID` in `window`.
    public init(assetID: UInt64, window: ClosedRange<Int>, cursor: ReadingCursor?) {
        self.assetID = assetID
        self.window = window
        self.cursor = cursor
        savedAsset = nil
    }

    /// Reads saved answers: the asset's with each energy list.
    public init(savedAsset: SourceAnswer) {
        assetID = nil
        window = nil
        cursor = nil
        self.savedAsset = savedAsset
    }

    /// The asset's description and its energy list, the answer the reading is taken from.
    public struct Payload: MeterPayload {
        public let asset: SourceAnswer
        public let energy: SourceAnswer
        public var answer: SourceAnswer { energy }
    }

    public func identity(saved: Bool) -> [LineField] {
        assetID.map { [LineField("asset_id", String($0))] } ?? []
    }

    /// Asks for the asset and its energy list in the window.
    /// - Throws: ``SourceError`` for an error status or a failed exchange.
    public func fetch(over transport: HTTPSource) throws(SourceError) -> Payload {
        let window = window ?? 0...0
        let (asset, energy) = try EnergyAPI.fetch(over: transport, assetID: assetID ?? 0, since: window.lowerBound, until: window.upperBound)
        return Payload(asset: SourceAnswer(asset), energy: SourceAnswer(energy))
    }

    public func payload(saved answer: SourceAnswer) -> Payload {
        Payload(asset: savedAsset ?? SourceAnswer([]), energy: answer)
    }

    /// The energy of the measurements after the cursor and within the window, in Wh.
    /// - Throws: ``PayloadError`` naming the JSON pointer (and the saved file) that is wrong.
    public func read(_ payload: Payload) throws(PayloadError) -> ReadOutcome<EnergyReading> {
        let asset = try payload.asset.read(as: "an Energy API asset") { bytes throws(PayloadError) in try EnergyAPI.asset(bytes) }
        let measurements = try payload.energy.read(as: "an Energy API energy list") { bytes throws(PayloadError) in try EnergyAPI.measurements(bytes) }
        guard let reading = try EnergyAPI.reading(asset: asset, measurements: measurements, after: cursor?.measuredEpoch, window: window) else {
            if let saved = payload.energy.savedAs { return .nothing(because: "\(saved) holds no measurements") }
            let start = window?.lowerBound ?? 0
            let until = window?.upperBound ?? 0
            let after = cursor?.measuredEpoch.map { " after the cursor's \(RFC3339.format(epoch: $0))" } ?? ""
            return .nothing(because: "asset \(assetID ?? 0) has no measurements between \(RFC3339.format(epoch: start)) and \(RFC3339.format(epoch: until))\(after)")
        }
        return .reading(reading, fields: [LineField("asset_id", assetID.map { String($0) } ?? asset.id)])
    }

    /// Moves the cursor to the reading's measurement.
    /// - Throws: ``SourceError/file(_:)`` when the cursor file cannot be replaced.
    public func reported(_ value: EnergyReading) throws(SourceError) {
        do {
            try cursor?.advance(to: value.measuredEpoch)
        } catch {
            throw .file(error)
        }
    }
}
