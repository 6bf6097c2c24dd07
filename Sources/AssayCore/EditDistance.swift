/// How far apart two words are, for "did you mean": the Damerau–Levenshtein distance
/// (optimal string alignment), counting a swapped pair of neighbouring letters as one slip,
/// the commonest typing mistake (`reprot` for `report`). Compared case-insensitively.
public enum EditDistance {
    public static func between(_ a: String, _ b: String) -> Int {
        let a = Array(a.lowercased()), b = Array(b.lowercased())
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var before = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], before[j - 2] + 1)
                }
            }
            (before, previous, current) = (previous, current, before)
        }
        return previous[b.count]
    }

    /// The candidates close enough to `word` to be what was meant, nearest first: within a
    /// third of the word's length (at least 1, at most 3), or starting with it.
    public static func suggestions(for word: String, among candidates: some Sequence<String>, limit: Int = 3) -> [String] {
        let allowed = min(3, max(1, word.count / 3))
        let scored = candidates.compactMap { candidate -> (String, Int)? in
            let distance = between(word, candidate)
            if distance <= allowed { return (candidate, distance) }
            if word.count >= 3, candidate.lowercased().hasPrefix(word.lowercased()) { return (candidate, allowed + 1) }
            return nil
        }
        return scored.sorted { ($0.1, $0.0) < ($1.1, $1.0) }.prefix(limit).map(\.0)
    }
}
