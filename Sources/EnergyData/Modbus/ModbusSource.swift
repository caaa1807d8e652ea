import CModbusShim
import Glibc

/// The transport of Modbus drivers: one device (a unit id) behind a Modbus TCP server or on a
/// serial line, read through libmodbus (loaded on first use). It connects on the first read
/// and asks again, reconnected, after a temporary failure (no answer, no connection, a garbled
/// frame, a gateway's exception), `retries` times.
public final class ModbusSource {
    public let link: ModbusLink
    /// The unit id (slave address) the reads go to: 1 to 247 on a serial line, up to 255
    /// over TCP.
    public let unitID: Int
    /// Time allowed for each answer.
    public let timeout: Duration
    /// How many times a read that failed for now is asked again.
    public let retries: Int
    /// Hears what was tried on the way (`-v`).
    public let note: (String) -> Void

    /// The most registers one read may ask for (Modbus Application Protocol, 6.3: 125).
    public static let maximumReadCount = 125

    private var context: UnsafeMutableRawPointer?

    /// The time allowed for each answer, and the retries, when none are given.
    public static let defaultTimeout = Duration.seconds(2)
    public static let defaultRetries = 2

    public init(link: ModbusLink, unitID: Int, timeout: Duration = defaultTimeout, retries: Int = defaultRetries,
                note: @escaping (String) -> Void = { _ in }) {
        self.link = link
        self.unitID = unitID
        self.timeout = timeout
        self.retries = retries
        self.note = note
    }

    deinit {
        disconnect()
    }

    /// How messages name the device: `192.168.1.30:502 unit 126`.
    public var peer: String { "\(link) unit \(unitID)" }

    /// `count` holding registers (function 0x03) from `address`, as the device answered them
    /// in one read.
    /// - Throws: ``ModbusError``: an exception, no answer or no connection after the retries,
    ///   a serial port that cannot be opened, libmodbus missing.
    public func readHoldingRegisters(at address: Int, count: Int) throws(ModbusError) -> [UInt16] {
        precondition((1...ModbusSource.maximumReadCount).contains(count) && address >= 0 && address + count <= 65536)
        var attempt = 0
        while true {
            do {
                return try readOnce(at: address, count: count)
            } catch {
                guard error.isTemporary, attempt < retries else { throw error }
                attempt += 1
                note("\(error); asking again (\(attempt) of \(retries))")
                disconnect()
                if case .exception = error { usleep(200_000) }
            }
        }
    }

    /// ``timeout`` in microseconds, as libmodbus takes it.
    private var timeoutMicroseconds: UInt32 {
        UInt32(max(1, min(timeout.components.seconds * 1_000_000 + timeout.components.attoseconds / 1_000_000_000_000, Int64(UInt32.max))))
    }

    private func readOnce(at address: Int, count: Int) throws(ModbusError) -> [UInt16] {
        let context = try connected()
        var registers = [UInt16](repeating: 0, count: count)
        var tcp: Int32 = 0
        if case .tcp = link { tcp = 1 }
        var answeredUnit: Int32 = 0
        let deadline = timeoutMicroseconds
        let code = registers.withUnsafeMutableBufferPointer {
            bond_modbus_read(context, tcp, Int32(unitID), Int32(address), Int32(count), $0.baseAddress, deadline, &answeredUnit)
        }
        guard code != 0 else { return registers }
        if code == BOND_MODBUS_OTHER_UNIT {
            bond_modbus_flush(context)
            throw .badAnswer(peer: peer, address: address, reason: "the answer is unit \(answeredUnit)'s, not unit \(unitID)'s")
        }
        if code == BOND_MODBUS_NO_DEADLINE {
            throw .libraryUnavailable("cannot arm the deadline of a Modbus answer (timer_create: \(String(cString: strerror(errno))))")
        }
        if code <= BOND_MODBUS_ODD_EXCEPTION {
            throw .exception(peer: peer, code: Int(BOND_MODBUS_ODD_EXCEPTION - code), address: address, count: count)
        }
        let error = failure(code, address: address, count: count)
        if error.isTemporary { bond_modbus_flush(context) }
        throw error
    }

    private func connected() throws(ModbusError) -> UnsafeMutableRawPointer {
        if let context { return context }
        var message = [CChar](repeating: 0, count: 512)
        guard bond_modbus_load(&message, message.count) == 0 else {
            throw .libraryUnavailable(String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        switch link {
        case .tcp(let host, let port):
            message = [CChar](repeating: 0, count: 512)
            var code: Int32 = 0
            // The answer's deadline bounds it whole (bond_modbus_read).
            guard let made = bond_modbus_connect_tcp(host, Int32(port), Int32(unitID), timeoutMicroseconds, timeoutMicroseconds,
                                                     &code, &message, message.count) else {
                guard code != 0 else {
                    let reason = String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
                    throw .unreachable(peer: peer, reason: "cannot resolve '\(host)': \(reason)")
                }
                throw connectFailure(code)
            }
            context = made
            return made
        case .rtu(let line):
            guard let made = bond_modbus_new_rtu(line.path, Int32(line.baud), line.parity.letter, Int32(line.dataBits), Int32(line.stopBits)) else {
                throw connectFailure(errno)
            }
            // An RTU frame's bytes come without gaps (Modbus over Serial Line, 2.5.1.1: 1.5
            // characters at most); 20 characters, or 50 ms for USB adapters' latency.
            let byteTimeout = min(timeoutMicroseconds, UInt32(max(50_000, 20 * 11 * 1_000_000 / max(line.baud, 1))))
            var code = bond_modbus_configure(made, Int32(unitID), timeoutMicroseconds, byteTimeout)
            if code == 0 { code = bond_modbus_connect(made) }
            guard code == 0 else {
                bond_modbus_free(made)
                throw connectFailure(code)
            }
            // What the line held before (a late answer to an earlier run) is not an answer.
            bond_modbus_flush(made)
            context = made
            return made
        }
    }

    private func disconnect() {
        if let context { bond_modbus_free(context) }
        context = nil
    }

    private func connectFailure(_ code: Int32) -> ModbusError {
        var reason = String(cString: bond_modbus_strerror(code))
        if code == EINPROGRESS || code == ETIMEDOUT { reason = "the connection was not accepted in time" }
        if case .rtu(let line) = link {
            let problem: ModbusError.SerialPortProblem
            switch code {
            case ENOENT: problem = .missing
            case EACCES, EPERM: problem = .denied
            case ENOTTY, EISDIR, ENXIO, ENODEV, EINVAL: problem = .notSerial
            default: problem = .other
            }
            return .serialPort(path: line.path, reason: reason, problem: problem)
        }
        return .unreachable(peer: peer, reason: reason)
    }

    private func failure(_ code: Int32, address: Int, count: Int) -> ModbusError {
        let base = bond_modbus_error_base()
        if code > base && code <= base + 11 {
            return .exception(peer: peer, code: Int(code - base), address: address, count: count)
        }
        switch code {
        case ETIMEDOUT: return .timeout(peer: peer, address: address, count: count)
        case ECONNRESET, ECONNREFUSED, EPIPE, ENOTCONN, EHOSTUNREACH, ENETUNREACH:
            return .unreachable(peer: peer, reason: String(cString: bond_modbus_strerror(code)))
        default: return .badAnswer(peer: peer, address: address, reason: String(cString: bond_modbus_strerror(code)))
        }
    }
}
