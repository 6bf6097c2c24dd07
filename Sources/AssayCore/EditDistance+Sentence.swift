extension EditDistance {
    /// " Did you mean team?" (a leading space, to end a message with), " Did you mean open or
    /// done?", or "" when no candidate is near `word`: for fixed choices checked where they are
    /// read (`--by tem`, `--status opne`), worded as the shell's "did you mean" is.
    public static func didYouMean(_ word: String, among candidates: [String]) -> String {
        let near = suggestions(for: word, among: candidates.filter { $0 != word })
        guard let last = near.last else { return "" }
        return " Did you mean " + (near.count == 1 ? last : near.dropLast().joined(separator: ", ") + " or " + last) + "?"
    }
}
