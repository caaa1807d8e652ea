/// Reading a SunSpec device over Modbus (SunSpec Modbus specification): find the marker, walk
/// the model chain by its headers, then read the registers from the marker through the end
/// marker in reads of at most 125 registers, none of which separates an integer energy point
/// from its scale factor: a device may change both between two reads (SolarEdge inverters do),
/// and a value read apart from its factor is 10 or 100 times off.
extension SunSpec {
    /// The register map of the device `source` reaches, its marker at `base` or else at the
    /// first of ``standardBases`` that holds it.
    /// - Throws: ``SourceError/modbus(_:)`` for a failed exchange or a chain that changed
    ///   while it was read; ``SourceError/answer(_:)`` when no base holds the marker (what each
    ///   held is named) or for a broken chain.
    public static func readMap(over source: ModbusSource, base: Int? = nil) throws(SourceError) -> RegisterMap {
        let (found, firstHeader) = try findMarker(over: source, bases: base.map { [$0] } ?? standardBases)
        // The end marker's registers: its ID and L, or the ID alone where the device has no
        // register after it (or the ID is register 65535).
        var endLength = 2
        let chain: (models: [ModelHeader], endAddress: Int)
        do {
            chain = try walkChain(base: found) { address throws(SourceError) in
                var words: [UInt16]?
                if address == found + 2, let firstHeader { words = firstHeader }
                if words == nil { words = try registers(over: source, at: address, count: min(2, 65536 - address)) }
                if words == nil { words = try registers(over: source, at: address, count: 1) }
                if let words, words.first == endMarker { endLength = words.count }
                return words
            }
        } catch {
            guard case .answer(let problem) = error else { throw error }
            throw .answer(.invalid("\(source.peer): \(problem.description)"))
        }
        let end = chain.endAddress + endLength
        var words: [UInt16] = []
        words.reserveCapacity(end - found)
        for read in plan(from: found, to: end, keeping: together(chain.models)) {
            words += try reading(over: source, at: read.lowerBound, count: read.count)
        }
        guard let map = try? RegisterMap(base: found, unitID: source.unitID, registers: words), map.models == chain.models else {
            throw .modbus(.changedWhileRead(peer: source.peer))
        }
        return map
    }

    /// The first of `bases` whose two registers hold the marker, and the first model's header
    /// when the same read could hold it (one exchange fewer; nil when the device has fewer
    /// than four registers there).
    private static func findMarker(over source: ModbusSource, bases: [Int]) throws(SourceError) -> (base: Int, firstHeader: [UInt16]?) {
        var seen: [String] = []
        for base in bases {
            guard base + 2 <= 65536 else {
                seen.append("\(base): past register 65535")
                continue
            }
            var withHeader: [UInt16]?
            if base + 4 <= 65536 { withHeader = try registers(over: source, at: base, count: 4) }
            var read = withHeader
            if read == nil { read = try registers(over: source, at: base, count: 2) }
            guard let words = read else {
                seen.append("\(base): no such register")
                continue
            }
            if Array(words.prefix(2)) == marker { return (base, withHeader.map { Array($0.suffix(2)) }) }
            seen.append("\(base): " + hex(words.prefix(2)))
            source.note("\(source.peer): no SunSpec marker at register \(base)")
        }
        throw .answer(.invalid("\(source.peer) has no SunSpec marker SunS (0x53756e53) at register \(bases.map(String.init).joined(separator: ", ")) (\(seen.joined(separator: "; ")))"))
    }

    /// `count` registers at `address`, or nil where the device answers that it has none
    /// (exception 0x02, ILLEGAL DATA ADDRESS).
    private static func registers(over source: ModbusSource, at address: Int, count: Int) throws(SourceError) -> [UInt16]? {
        do {
            return try source.readHoldingRegisters(at: address, count: count)
        } catch {
            if case .exception(_, 0x02, _, _) = error { return nil }
            throw .modbus(error)
        }
    }

    private static func reading(over source: ModbusSource, at address: Int, count: Int) throws(SourceError) -> [UInt16] {
        do {
            return try source.readHoldingRegisters(at: address, count: count)
        } catch {
            throw .modbus(error)
        }
    }

    /// The register ranges that one read must hold whole: the energy points of each energy
    /// model of the chain, with their scale factor (a float32 point's two registers, too, must
    /// not come from two reads).
    static func together(_ models: [ModelHeader]) -> [ClosedRange<Int>] {
        models.compactMap { model in
            guard let energy = energyModel(model.id), let layout = layouts[model.id] else { return nil }
            let names = Set([energy.importPoint, energy.exportPoint, energy.scaleFactor].compactMap { $0 })
            let points = layout.points.filter { names.contains($0.id) && $0.offset + $0.size <= model.length + 2 }
            guard let first = points.map(\.offset).min(), let last = points.map({ $0.offset + $0.size - 1 }).max() else { return nil }
            return (model.address + first)...(model.address + last)
        }
    }

    /// Reads of at most ``ModbusSource/maximumReadCount`` registers covering `start..<end`,
    /// none cutting through a range of `keeping`.
    static func plan(from start: Int, to end: Int, keeping: [ClosedRange<Int>]) -> [Range<Int>] {
        var reads: [Range<Int>] = []
        var position = start
        while position < end {
            var stop = min(position + ModbusSource.maximumReadCount, end)
            for range in keeping where range.lowerBound > position && range.lowerBound < stop && range.upperBound >= stop {
                stop = range.lowerBound
            }
            reads.append(position..<stop)
            position = stop
        }
        return reads
    }
}
