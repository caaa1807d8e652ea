import Encoding
import ErrorCategories
import Files
import HTTP

/// Why a source could not be read: it refused the credentials, failed for now (429 or 5xx
/// after the retries, unreachable, timed out), refused otherwise, or answered with what the
/// driver cannot use; or the driver's own file (a token cache) could not be written.
public enum SourceError: CategorizedError, Equatable, Sendable {
    /// HTTP 401 or 403: the credentials (named, never shown) were refused; `message` is the
    /// service's reason, when it gave one.
    case unauthorized(url: String, status: Int, credentials: String, message: String?)
    /// Another 4xx: the service's own message, when it sent one.
    case refused(url: String, status: Int, message: String?)
    /// 429 or 5xx, after the retries.
    case unavailable(url: String, status: Int, message: String?)
    /// The exchange itself failed: no connection, a timeout, TLS, a redirect bond does not
    /// follow, an answer too large.
    case transport(HTTPError)
    /// The source answered a step of the protocol (a login, a region lookup) with what the
    /// driver cannot use.
    case answer(PayloadError)
    /// A file the driver keeps (the token cache) could not be written.
    case file(FileFailure)
    /// A Modbus exchange failed: an exception the device answered, no answer, no connection.
    case modbus(ModbusError)

    /// The HTTP status the source answered with, when it answered with an error status.
    public var httpStatus: Int? {
        switch self {
        case .unauthorized(_, let status, _, _), .refused(_, let status, _), .unavailable(_, let status, _): return status
        case .transport(.status(_, let code, _)): return code
        default: return nil
        }
    }

    public var category: ErrorCategory {
        switch self {
        case .unauthorized: return .unauthorized
        case .refused: return .refused
        case .unavailable: return .temporary
        case .transport(let error): return error.category
        case .answer(let error): return error.category
        case .file(let failure): return failure.category
        case .modbus(let error): return error.category
        }
    }

    public var description: String { description(naming: { _ in nil }) }

    public func description(naming name: (String) -> String?) -> String {
        switch self {
        case .unauthorized(let url, let status, let credentials, let message):
            return "\(URLText.redacted(url)) answered HTTP \(status): \(credentials) refused" + (message.map { " (\($0))" } ?? "")
        case .refused(let url, let status, let message), .unavailable(let url, let status, let message):
            return "\(URLText.redacted(url)) answered HTTP \(status)" + (message.map { ": \($0)" } ?? "")
        case .transport(let error): return error.description(naming: name)
        case .answer(let error): return error.description
        case .file(let failure): return failure.description
        case .modbus(let error): return error.description
        }
    }
}

/// Why a Modbus exchange (Modbus Application Protocol V1.1b3; over TCP, Modbus Messaging
/// Implementation Guide V1.0b; over a serial line, Modbus over Serial Line V1.02) failed.
/// `peer` names the device in every message (`192.168.1.30:502 unit 1`, `/dev/ttyUSB0 unit 2`).
public enum ModbusError: CategorizedError, Equatable, Sendable {
    /// The device answered a read of `count` registers at `address` with an exception
    /// (Modbus Application Protocol, section 7): 0x0A and 0x0B, a gateway's, are temporary;
    /// the others are the device's refusal.
    case exception(peer: String, code: Int, address: Int, count: Int)
    /// No answer within the time allowed, after the retries.
    case timeout(peer: String, address: Int, count: Int)
    /// No connection (refused, host unknown, network down), after the retries.
    case unreachable(peer: String, reason: String)
    /// An answer that is not a valid one (a bad CRC, the wrong unit, too few registers), after
    /// the retries.
    case badAnswer(peer: String, address: Int, reason: String)
    /// The serial device cannot be opened or set up: it does not exist, bond may not open it,
    /// it is not a serial device (a directory, a file, /dev/null), or the system refused.
    case serialPort(path: String, reason: String, problem: SerialPortProblem)
    /// The model chain read in several reads was not the one walked: the device changed it
    /// meanwhile (a restart).
    case changedWhileRead(peer: String)
    /// libmodbus could not be loaded: the message names it and its Debian package.
    case libraryUnavailable(String)

    /// Why a serial device could not be used.
    public enum SerialPortProblem: Equatable, Sendable {
        case missing, denied, notSerial, other
    }

    /// The name of an exception code in the Modbus Application Protocol specification.
    public static func exceptionName(_ code: Int) -> String {
        switch code {
        case 0x01: return "ILLEGAL FUNCTION"
        case 0x02: return "ILLEGAL DATA ADDRESS"
        case 0x03: return "ILLEGAL DATA VALUE"
        case 0x04: return "SERVER DEVICE FAILURE"
        case 0x05: return "ACKNOWLEDGE"
        case 0x06: return "SERVER DEVICE BUSY"
        case 0x07: return "NEGATIVE ACKNOWLEDGE"
        case 0x08: return "MEMORY PARITY ERROR"
        case 0x0A: return "GATEWAY PATH UNAVAILABLE"
        case 0x0B: return "GATEWAY TARGET DEVICE FAILED TO RESPOND"
        default: return "(not a standard exception code)"
        }
    }

    /// Whether asking again may succeed: no answer, no connection, a garbled answer, a
    /// gateway's exception.
    public var isTemporary: Bool {
        switch self {
        case .exception(_, let code, _, _): return code == 0x0A || code == 0x0B
        case .timeout, .unreachable, .badAnswer, .changedWhileRead: return true
        case .serialPort, .libraryUnavailable: return false
        }
    }

    public var category: ErrorCategory {
        switch self {
        case .exception: return isTemporary ? .temporary : .refused
        case .timeout, .unreachable, .badAnswer, .changedWhileRead: return .temporary
        case .serialPort(_, _, let problem):
            switch problem {
            case .missing, .notSerial: return .missingInput
            case .denied: return .permission
            case .other: return .io
            }
        case .libraryUnavailable: return .unavailable
        }
    }

    public var description: String {
        switch self {
        case .exception(let peer, let code, let address, let count):
            let hex = "0x" + String(repeating: "0", count: code < 16 ? 1 : 0) + String(code, radix: 16, uppercase: true)
            return "\(peer) answered the read of \(count) registers at \(address) with exception \(hex) \(ModbusError.exceptionName(code))"
        case .timeout(let peer, let address, let count):
            return "\(peer) did not answer the read of \(count) registers at \(address) in time"
        case .unreachable(let peer, let reason):
            return "cannot reach \(peer): \(reason)"
        case .badAnswer(let peer, let address, let reason):
            return "\(peer) answered the read at \(address) with an invalid frame: \(reason)"
        case .serialPort(let path, let reason, let problem):
            let quoted = "'\(MessageText.sanitized(path, limit: 200))'"
            if problem == .notSerial { return "\(quoted) is not a serial device (\(reason))" }
            return "cannot open serial port \(quoted): \(reason)"
        case .changedWhileRead(let peer):
            return "\(peer): the model chain changed while bond read it (the device restarted?); asking again may succeed"
        case .libraryUnavailable(let message):
            return message
        }
    }
}

/// Why a source's answer cannot be read as a reading: it is not what the driver reads, or the
/// parser it needs cannot be loaded.
public enum PayloadError: CategorizedError, Equatable, Sendable {
    /// What is wrong, naming the element (an XML path or a JSON pointer) and, for XML, the line.
    case invalid(String)
    /// The parser's library (libxml2) could not be loaded: the message names it and what is
    /// missing.
    case parserUnavailable(String)

    public var category: ErrorCategory {
        switch self {
        case .invalid: return .badInput
        case .parserUnavailable: return .unavailable
        }
    }

    public var description: String {
        switch self {
        case .invalid(let reason), .parserUnavailable(let reason): return reason
        }
    }
}

/// A cursor file that bond cannot use.
public enum CursorError: CategorizedError, Equatable, Sendable {
    case malformed(String, String)
    /// The file belongs to another asset: reading on from it would skip or repeat intervals.
    case otherAsset(String, recorded: String, asked: String)
    /// The file or its lock could not be opened or read.
    case file(FileFailure)

    public var category: ErrorCategory {
        if case .file(let failure) = self { return failure.category }
        return .badInput
    }

    public var description: String {
        switch self {
        case .malformed(let path, let reason):
            return "cursor file \(FileFailure.quoted(path)): \(reason)"
        case .otherAsset(let path, let recorded, let asked):
            return "cursor file \(FileFailure.quoted(path)) belongs to asset \(recorded), not \(asked): give each asset its own cursor file"
        case .file(let failure):
            return failure.description
        }
    }
}
