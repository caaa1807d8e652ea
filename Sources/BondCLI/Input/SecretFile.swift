import Files
import Glibc

/// Files holding secrets: private keys and passwords (bond(1), ENVIRONMENT; command-line
/// conventions). A secret file readable by group or others is refused (exit 77), as ssh refuses
/// a private key; a password file loses one trailing LF or CRLF, nothing else.
enum SecretFile {
    /// Reads `path` after checking that only its owner can read it.
    /// - Throws: ``FileFailure`` (missing: 66; unreadable: 77) or ``CommandFailure`` (77) when
    ///   group or others may read it.
    static func read(_ path: String, what: String) throws -> [UInt8] {
        let descriptor = try InputFile.open(path)
        defer { if descriptor != STDIN_FILENO { close(descriptor) } }
        var info = stat()
        if descriptor != STDIN_FILENO, fstat(descriptor, &info) == 0, info.st_mode & 0o044 != 0 {
            let mode = String(info.st_mode & 0o777, radix: 8)
            throw CommandFailure(.permission, "\(what) \(FileFailure.quoted(path)) is readable by group or others (mode \(mode)): chmod 600 it")
        }
        return try FileReading.readAll(descriptor: descriptor, name: InputFile.displayName(path))
    }

    /// A password (or another secret of one line) from `path`: its bytes without one trailing
    /// LF or CRLF; `what` names the file in messages.
    static func password(_ path: String, what: String = "password file") throws -> [UInt8] {
        var bytes = try read(path, what: what)
        if bytes.last == 0x0A {
            bytes.removeLast()
            if bytes.last == 0x0D { bytes.removeLast() }
        }
        return bytes
    }
}
