/// A failure found by the command-line layer itself, with the status it exits with and the
/// message printed after `bond SUBCOMMAND: error: `.
public struct CommandFailure: Error, Equatable, Sendable, CustomStringConvertible {
    public let status: ExitStatus
    public let message: String

    public init(_ status: ExitStatus, _ message: String) {
        self.status = status
        self.message = message
    }

    /// A usage error (exit 64).
    public static func usage(_ message: String) -> CommandFailure { CommandFailure(.usage, message) }

    public var description: String { message }
}
