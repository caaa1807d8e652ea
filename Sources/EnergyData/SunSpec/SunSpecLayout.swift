/// Where the points of a SunSpec model lie in Modbus registers, as the SunSpec Alliance's model
/// definitions give them (SunSpec Modbus specification; ``SunSpec/layouts``, generated from
/// pysunspec2's copy of the definitions), and how a point's registers become its value.
extension SunSpec {
    /// A point type of the SunSpec information model, with its size in registers and its
    /// not-implemented value (SunSpec Modbus specification, "Data types").
    public enum PointType: String, Sendable {
        case uint16, int16, acc16, sunssf, uint32, int32, acc32, uint64, int64, acc64, float32, string
    }

    /// One point of a model: its id, its offset in registers from the model's ID register,
    /// its size in registers, its type, and its scale factor point's id, where it has one.
    public struct PointLayout: Sendable {
        public let id: String
        public let offset: Int
        public let size: Int
        public let type: PointType
        public let scaleFactor: String?

        init(_ id: String, offset: Int, size: Int, type: PointType, scaleFactor: String?) {
            self.id = id
            self.offset = offset
            self.size = size
            self.type = type
            self.scaleFactor = scaleFactor
        }

        /// The point's value in `registers` (big-endian words, as Modbus carries them): its
        /// decimal text (a float32 as the shortest decimal that reads back as the same
        /// float32), a string without its NUL padding; nil when the registers hold the type's
        /// not-implemented value (0x8000 for int16 and sunssf, 0xFFFF for uint16, 0 for the
        /// accumulators, 0x80000000 for int32, all ones for uint32 and uint64, NaN for
        /// float32, all NULs for a string).
        func value(_ registers: ArraySlice<UInt16>) -> String? {
            var bits: UInt64 = 0
            if type != .string {
                for word in registers { bits = bits << 16 | UInt64(word) }
            }
            switch type {
            case .uint16: return bits == 0xFFFF ? nil : String(bits)
            case .int16, .sunssf: return bits == 0x8000 ? nil : String(Int16(bitPattern: UInt16(bits)))
            case .acc16, .acc32, .acc64: return bits == 0 ? nil : String(bits)
            case .uint32: return bits == 0xFFFF_FFFF ? nil : String(bits)
            case .int32: return bits == 0x8000_0000 ? nil : String(Int32(bitPattern: UInt32(bits)))
            case .uint64: return bits == UInt64.max ? nil : String(bits)
            case .int64: return bits == 0x8000_0000_0000_0000 ? nil : String(Int64(bitPattern: bits))
            case .float32:
                let value = Float(bitPattern: UInt32(bits))
                return value.isNaN ? nil : value.description
            case .string:
                var bytes: [UInt8] = []
                for word in registers { bytes += [UInt8(word >> 8), UInt8(word & 0xFF)] }
                while bytes.last == 0 || bytes.last == 0x20 { bytes.removeLast() }
                guard !bytes.isEmpty else { return nil }
                // Control and format characters (a right-to-left override) become '?'.
                let text = String(decoding: bytes.map { $0 < 0x20 || $0 == 0x7F ? 0x3F : $0 }, as: UTF8.self)
                return String(String.UnicodeScalarView(text.unicodeScalars.map {
                    $0.properties.generalCategory == .format || $0.properties.generalCategory == .control ? "?" : $0
                }))
            }
        }
    }

    /// Registers as hexadecimal (`0x80000000`), for a message.
    static func hex(_ registers: ArraySlice<UInt16>) -> String {
        "0x" + registers.map { word in
            let text = String(word, radix: 16, uppercase: true)
            return String(repeating: "0", count: 4 - text.count) + text
        }.joined()
    }

    /// A model's length (L) as defined, and the points of it that bond reads.
    public struct ModelLayout: Sendable {
        public let length: Int
        public let points: [PointLayout]
    }

    /// The name of model `id` in the SunSpec Alliance's definitions (`ac_meter_abcn`), nil
    /// for a model they do not define (a vendor's).
    public static func modelName(_ id: Int) -> String? { modelNames[id] }
}
