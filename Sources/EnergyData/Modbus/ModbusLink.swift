/// Where a Modbus device is: a Modbus TCP server (a device or a gateway) or a serial line
/// (RTU, usually RS-485 through a USB adapter).
public enum ModbusLink: Equatable, Sendable, CustomStringConvertible {
    /// `host` (a name or an address, IPv6 without brackets) and its TCP port (502 by default).
    case tcp(host: String, port: Int)
    /// A serial device and how its line is set.
    case rtu(SerialSettings)

    /// The standard Modbus TCP port (Modbus Messaging Implementation Guide, section 4.1).
    public static let defaultPort = 502

    /// `HOST:PORT` (`[::1]:502`) or the serial device's path.
    public var description: String {
        switch self {
        case .tcp(let host, let port): return (host.contains(":") ? "[\(host)]" : host) + ":\(port)"
        case .rtu(let settings): return settings.path
        }
    }
}

/// A serial line's settings: its device, speed in baud, parity, data and stop bits (8N1 at
/// 9600 baud by default, as the Modbus over Serial Line specification's RTU default is even
/// parity but most inverters and meters ship with none).
public struct SerialSettings: Equatable, Sendable {
    public enum Parity: String, CaseIterable, Sendable {
        case none, even, odd

        /// libmodbus's letter for it.
        var letter: CChar {
            switch self {
            case .none: return CChar(UInt8(ascii: "N"))
            case .even: return CChar(UInt8(ascii: "E"))
            case .odd: return CChar(UInt8(ascii: "O"))
            }
        }
    }

    public var path: String
    public var baud: Int
    public var parity: Parity
    public var dataBits: Int
    public var stopBits: Int

    public init(path: String, baud: Int = 9600, parity: Parity = .none, dataBits: Int = 8, stopBits: Int = 1) {
        self.path = path
        self.baud = baud
        self.parity = parity
        self.dataBits = dataBits
        self.stopBits = stopBits
    }
}
