/// Wraps text at word boundaries to a width, for people at a terminal: the guided audit's
/// screens and the cells of a table too wide for the terminal.
///
/// A line is broken only where it has a space; a word longer than the whole width is left
/// whole on a line of its own (the terminal shows the rest on the next row) unless
/// `breakingLongWords`, which tables use so a column keeps its width (broken after a hyphen
/// when one falls within the line). Widths count
/// characters (`Character`), which is what a terminal shows for the text Assay prints.
public enum WordWrap {
    /// Every line of `text` wrapped to `width` (nil: as it is). A continuation line is
    /// indented like the line it continues, plus two spaces; a line laid out in two columns
    /// (a key, two or more spaces, then its meaning, as in a help text) continues under its
    /// second column when that column starts in the left half of the width.
    public static func wrap(_ text: String, width: Int?) -> String {
        guard let width, width > 0 else { return text }
        return text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { wrapLine(String($0), width: width).joined(separator: "\n") }
            .joined(separator: "\n")
    }

    /// One line (no line breaks) as the lines it wraps to.
    public static func wrapLine(_ line: String, width: Int, continuation: Int? = nil, breakingLongWords: Bool = false) -> [String] {
        guard line.count > width, width > 0 else { return [line] }
        let chars = Array(line)
        let indent = chars.prefix { $0 == " " }.count
        let hang = min(continuation ?? hangingIndent(chars, indent: indent, width: width), max(0, width / 2))
        var lines: [String] = []
        var current = String(repeating: " ", count: indent)
        var currentHasWord = false
        var pendingSpaces = ""
        var index = indent
        while index < chars.count {
            if chars[index] == " " {
                pendingSpaces.append(" ")
                index += 1
                continue
            }
            var end = index
            while end < chars.count, chars[end] != " " { end += 1 }
            var word = String(chars[index..<end])
            index = end
            if currentHasWord, current.count + pendingSpaces.count + word.count <= width {
                current += pendingSpaces + word
                pendingSpaces = ""
                continue
            }
            if currentHasWord {
                lines.append(current)
                current = String(repeating: " ", count: hang)
            } else {
                current += pendingSpaces  // spaces inside the indent of a first word are kept
            }
            pendingSpaces = ""
            if breakingLongWords {
                while current.count + word.count > width, width - current.count > 0 {
                    var room = width - current.count
                    // After a hyphen when one falls within the line (front-|door), else where the line ends.
                    if let hyphen = word.prefix(room).lastIndex(of: "-"), word.distance(from: word.startIndex, to: hyphen) > 0 {
                        room = word.distance(from: word.startIndex, to: hyphen) + 1
                    }
                    lines.append(current + String(word.prefix(room)))
                    word = String(word.dropFirst(room))
                    current = String(repeating: " ", count: hang)
                }
            }
            current += word
            currentHasWord = true
        }
        if currentHasWord || lines.isEmpty { lines.append(current) }
        return lines
    }

    /// The continuation indent: the second column of a two-column line, else indent + 2.
    private static func hangingIndent(_ chars: [Character], indent: Int, width: Int) -> Int {
        var index = indent
        while index < chars.count, chars[index] != " " { index += 1 }
        // The first run of two or more spaces after some text marks a second column.
        var column: Int? = nil
        var scan = indent
        while scan + 1 < chars.count {
            if chars[scan] != " ", chars[scan + 1] == " ", scan + 2 < chars.count, chars[scan + 2] == " " {
                var start = scan + 1
                while start < chars.count, chars[start] == " " { start += 1 }
                column = start
                break
            }
            scan += 1
        }
        if let column, column < width / 2 { return column }
        return indent + 2
    }
}
