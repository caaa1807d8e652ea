/// "Did you mean" hints for mistyped names, by Damerau-Levenshtein distance
/// (insertions, deletions, substitutions and swaps of adjacent characters each count 1).
public enum Suggestion {
    /// The closest of `candidates` to `word`, if one is close enough to be a likely typo: at
    /// most 1 edit for names up to 4 characters, 2 up to 8, and 3 beyond; or `word` a prefix
    /// of exactly one candidate.
    public static func closest(to word: String, among candidates: [String]) -> String? {
        let limit = word.count <= 4 ? 1 : (word.count <= 8 ? 2 : 3)
        var best: (name: String, distance: Int)?
        for candidate in candidates {
            let distance = editDistance(Array(word), Array(candidate))
            if distance <= limit && distance < (best?.distance ?? .max) {
                best = (candidate, distance)
            }
        }
        if let best { return best.name }
        let extending = candidates.filter { $0.hasPrefix(word) && word.count >= 3 }
        return extending.count == 1 ? extending[0] : nil
    }

    /// ` (did you mean 'X'?)` for the closest candidate, or the empty string.
    public static func hint(for word: String, among candidates: [String], quoted: Bool) -> String {
        guard let match = closest(to: word, among: candidates) else { return "" }
        return quoted ? " (did you mean '\(match)'?)" : " (did you mean \(match)?)"
    }

    /// The optimal-string-alignment distance between `a` and `b`.
    public static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous2 = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], previous2[j - 2] + 1)
                }
            }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return previous[b.count]
    }
}
