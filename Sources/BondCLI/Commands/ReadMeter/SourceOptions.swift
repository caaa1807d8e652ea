import EnergyData
import HTTP

/// The options of every driver, whatever its transport: a saved payload instead of the
/// source (`--file`), the payload in the line, and an outage as a meter_down line.
enum SourceOptions {
    static let file = OptionSpec("file", .path, help: "parse a saved response in PATH (- for stdin) instead of asking the service")
    static let payload = OptionSpec("payload", help: "add the raw response as \"payload\"")
    static let emitFailure = OptionSpec("emit-failure", help: "when the source cannot be read, print a meter_down line and exit 0")

    /// The group, with `file` as the driver declares it (what it needs besides).
    static func options(file: OptionSpec = file) -> [OptionSpec] { [file, payload, emitFailure] }

    /// An option that only asking the source takes: refused with `--file`.
    static func askingOnly(_ option: OptionSpec) -> OptionSpec {
        option.conflicting(with: file.name, message: "{option} applies to asking the service; with --file there is no request")
    }

    /// The largest saved response `--file` reads, as over HTTP.
    static let maximumSavedSize = HTTPClient.maximumBodySize

    /// The saved answer at `path` (`-`: standard input), at most ``maximumSavedSize`` bytes.
    /// - Throws: ``FileFailure``; ``PayloadError`` for a larger file (a device or `/dev/zero`).
    static func saved(_ path: String) throws -> SourceAnswer {
        let bytes = try InputFile.readAll(path, limit: maximumSavedSize + 1)
        if bytes.count > maximumSavedSize {
            throw PayloadError.invalid("\(InputFile.displayName(path)) is larger than \(maximumSavedSize >> 20) MiB: not a saved response")
        }
        return SourceAnswer(bytes, savedAs: InputFile.displayName(path))
    }
}
