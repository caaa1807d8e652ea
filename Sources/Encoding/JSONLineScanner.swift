/// A quick scan of one line of a JSON value spread over several lines (sign-tx reads a
/// pretty-printed object that way): whether the value goes on after the line.
public enum JSONLineScanner {
    /// How many arrays and objects `text` opens and leaves open, strings and escapes
    /// respected: more than zero means the value continues on later lines. A quick scan that
    /// does not check the JSON is valid; the parser does that.
    public static func openDepth(_ text: UnsafeBufferPointer<UInt8>) -> Int {
        var depth = 0
        var inString = false
        var escaped = false
        for byte in text {
            if inString {
                if escaped { escaped = false } else if byte == 0x5C { escaped = true } else if byte == 0x22 { inString = false }
                continue
            }
            switch byte {
            case 0x22: inString = true
            case 0x7B, 0x5B: depth += 1
            case 0x7D, 0x5D: depth -= 1
            default: break
            }
        }
        return inString ? max(depth, 1) : depth
    }
}
