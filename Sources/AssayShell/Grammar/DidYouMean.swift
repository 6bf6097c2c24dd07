import AssayCore

/// "Did you mean …?": the near matches of a mistyped word among what could have been meant
/// (`EditDistance`: one slip per three letters, a swapped pair counting once, or the start
/// of a longer word), said the way each kind of word is typed.
enum DidYouMean {
    /// The candidates close to `word`, nearest first; never `word` itself.
    static func suggestions(for word: String, among candidates: [String], limit: Int = 3) -> [String] {
        EditDistance.suggestions(for: word, among: Vocabulary.unique(candidates).filter { $0 != word }, limit: limit)
    }

    /// "Did you mean report?", "Did you mean rates or trend?", or nil when nothing is near.
    /// `typed` turns each suggestion into what to type (quoting a name with spaces).
    static func sentence(_ suggestions: [String], typed: (String) -> String = quoted) -> String? {
        guard !suggestions.isEmpty else { return nil }
        return "Did you mean \(list(suggestions.map(typed), joinedBy: "or"))?"
    }

    /// The question for `word` among `candidates`, or nil.
    static func sentence(for word: String, among candidates: [String], typed: (String) -> String = quoted) -> String? {
        sentence(suggestions(for: word, among: candidates), typed: typed)
    }

    /// A word as it is typed on a command line: in double quotes when it holds a blank or a
    /// character the shell would read (`"Assessment North"`), else as it is.
    static func quoted(_ word: String) -> String {
        let plain = !word.isEmpty && word.allSatisfy { $0.isLetter || $0.isNumber || "-_./=:@,+%".contains($0) }
        if plain { return word }
        return "\"" + word.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "$", with: "\\$").replacingOccurrences(of: "`", with: "\\`") + "\""
    }

    /// `a`, `a or b`, `a, b or c`.
    static func list(_ words: [String], joinedBy conjunction: String) -> String {
        guard words.count > 1 else { return words.first ?? "" }
        return words.dropLast().joined(separator: ", ") + " \(conjunction) " + words.last!
    }
}
