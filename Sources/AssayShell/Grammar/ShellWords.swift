/// Splits a command line into words the way a POSIX shell does, so that a line typed in the
/// REPL, a line of a script and an argument list from the operating system's shell mean the
/// same thing.
///
/// - Words are separated by unquoted blanks.
/// - `'…'` keeps everything literally; `"…"` keeps everything but `\"`, `\\`, `\$`, `` \` ``
///   and backslash-newline, which are escapes; outside quotes a backslash escapes the next
///   character and a backslash-newline joins lines.
/// - `#` at the start of a word begins a comment that runs to the end of the line.
/// An open quote or a trailing backslash makes the line `incomplete`: the caller reads the
/// next line and tries again with both.
public enum ShellWords {
    public enum Result: Equatable, Sendable {
        case complete([String])
        case incomplete
    }

    public static func split(_ text: String) -> Result {
        var words: [String] = []
        var word = ""
        var inWord = false
        var iterator = Array(text).makeIterator()
        enum Quote { case none, single, double }
        var quote = Quote.none

        while let c = iterator.next() {
            switch quote {
            case .single:
                if c == "'" { quote = .none } else { word.append(c) }
            case .double:
                if c == "\"" {
                    quote = .none
                } else if c == "\\" {
                    guard let next = iterator.next() else { return .incomplete }
                    switch next {
                    case "\"", "\\", "$", "`": word.append(next)
                    case "\n": break
                    default: word.append(c); word.append(next)
                    }
                } else {
                    word.append(c)
                }
            case .none:
                switch c {
                case " ", "\t", "\n", "\r":
                    if inWord { words.append(word); word = ""; inWord = false }
                case "'":
                    quote = .single; inWord = true
                case "\"":
                    quote = .double; inWord = true
                case "\\":
                    guard let next = iterator.next() else { return .incomplete }
                    if next != "\n" { word.append(next); inWord = true }
                case "#" where !inWord:
                    while let skipped = iterator.next(), skipped != "\n" {}
                default:
                    word.append(c); inWord = true
                }
            }
        }
        if quote != .none { return .incomplete }
        if inWord { words.append(word) }
        return .complete(words)
    }

    /// Quotes a word so that `split` reads it back unchanged (for echoing commands).
    public static func quote(_ word: String) -> String {
        let safe = word.allSatisfy { $0.isLetter || $0.isNumber || "-_./=:@,+%".contains($0) }
        if safe && !word.isEmpty { return word }
        return "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
