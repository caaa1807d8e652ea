/// Text from outside (an item, a path, an argument) made safe to put in a one-line message:
/// control characters are shown as `\u{...}` and long text is cut short, so an error line stays
/// one line and never writes raw escape sequences to a terminal.
public enum MessageText {
    /// The longest piece of outside text shown in a message, in characters.
    public static let maximumShown = 48

    /// `text` with control characters escaped, cut to ``maximumShown`` characters with `…`.
    public static func sanitized(_ text: String, limit: Int = maximumShown) -> String {
        var out = ""
        var shown = 0
        for scalar in text.unicodeScalars {
            if shown == limit {
                out += "…"
                break
            }
            if scalar.isUnsafeToShow {
                out += "\\u{\(String(scalar.value, radix: 16))}"
            } else {
                out.unicodeScalars.append(scalar)
            }
            shown += 1
        }
        return out
    }

    /// `n` and `noun`, plural unless `n` is 1: `1 item`, `3 items`.
    public static func count(_ n: Int, _ noun: String) -> String { n == 1 ? "1 \(noun)" : "\(n) \(noun)s" }

    /// `text` sanitized and in single quotes, as messages name items and arguments.
    public static func quoted(_ text: String) -> String { "'\(sanitized(text))'" }
}
