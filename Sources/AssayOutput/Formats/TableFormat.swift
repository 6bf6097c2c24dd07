import AssayCore

/// Aligned columns for people: numbers right-aligned, a rule under the header (so the
/// header stands out without colour).
///
/// A table wider than the terminal is never cut into ambiguity (two teams both shown as
/// `Child Protect…`): its text columns are narrowed and their cells wrapped at word
/// boundaries (and after hyphens) onto more lines, every value shown whole and no word
/// broken. Numbers and the first column are never narrowed, so a line whose first column is
/// blank continues the row above. When even that cannot fit (too many columns for the
/// width), the rows are shown expanded, one field per line, as `--expanded` shows them
/// (docs/json.md, "Table"; `TerminalStyle.expanded`).
public struct TableFormat: OutputFormat {
    public init() {}

    /// A text column is narrowed no further than its longest word, and never below this
    /// (a word longer than `longestKeptWord` may be broken to keep the table in the width).
    static let narrowest = 6
    static let longestKeptWord = 20

    public func render(_ listing: Listing, style: TerminalStyle) -> String {
        if listing.isSingleRecord { return renderRecord(listing, style: style) }
        if listing.rows.isEmpty { return "(none)\n" }
        let headers = listing.columns.map { Self.printable($0.header) }
        let cells = listing.rows.map { $0.map { Self.printable($0.display) } }
        if style.expanded == .on { return renderExpanded(headers: headers, cells: cells, style: style) }
        let numeric = listing.columns.indices.map { i in listing.rows.allSatisfy { $0[i].isNumeric || $0[i] == .null } }
        let lengths = cells.map { $0.map(Self.length) }
        let natural = headers.indices.map { i in max(Self.length(headers[i]), lengths.map { $0[i] }.max() ?? 0) }
        var widths = natural
        if let limit = style.width, Self.total(natural) > limit {
            guard style.expanded == .off, let fitted = Self.fit(headers: headers, cells: cells, numeric: numeric, into: limit) else {
                return renderExpanded(headers: headers, cells: cells, style: style)
            }
            widths = fitted
        }
        return renderAligned(headers: headers, cells: cells, lengths: lengths, widths: widths, numeric: numeric, style: style)
    }

    /// `lengths` are the cells' `length`s, counted once for the whole table.
    private func renderAligned(headers: [String], cells: [[String]], lengths: [[Int]], widths: [Int], numeric: [Bool],
                               style: TerminalStyle) -> String {
        func lines(_ values: [String], header: Bool) -> String {
            let wrapped = values.enumerated().map { i, value in
                value.count <= widths[i] ? [value]
                    : WordWrap.wrapLine(value, width: widths[i], continuation: 0, breakingLongWords: true)
            }
            let height = wrapped.map(\.count).max() ?? 1
            return (0..<height).map { line in
                wrapped.enumerated().map { i, parts in
                    let text = line < parts.count ? parts[line] : ""
                    let padded = Self.pad(text, to: widths[i], right: numeric[i] && !header)
                    return header && style.color && !text.isEmpty ? "\u{1B}[1m\(padded)\u{1B}[0m" : padded
                }.joined(separator: "  ").trimmingTrailingSpaces() + "\n"
            }.joined()
        }
        var out = Array(lines(headers, header: true).utf8)
        out += (widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n").utf8
        // Most rows fit their columns as they are: written straight out as bytes, the same
        // bytes `lines` gives, without wrapping each cell into an array or growing a String
        // cell by cell (an 800-row `sample` at 100,000 audits spent a third of its time here).
        let space = UInt8(ascii: " ")
        var line: [UInt8] = []
        for (row, rowLengths) in zip(cells, lengths) {
            guard rowLengths.indices.allSatisfy({ rowLengths[$0] <= widths[$0] }) else {
                out += lines(row, header: false).utf8
                continue
            }
            line.removeAll(keepingCapacity: true)
            for i in row.indices {
                if i > 0 { line.append(space); line.append(space) }
                let fill = repeatElement(space, count: widths[i] - rowLengths[i])
                if numeric[i] { line += fill; line += row[i].utf8 } else { line += row[i].utf8; line += fill }
            }
            while line.last == space { line.removeLast() }   // as `trimmingTrailingSpaces`
            line.append(UInt8(ascii: "\n"))
            out += line
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The characters of `s` as a terminal counts them (`String.count`), counted as bytes when
    /// the text is plain ASCII, where the two agree: grapheme breaking a whole table's cells
    /// was a tenth of an 800-row listing's time.
    static func length(_ s: String) -> Int {
        var bytes = 0
        for byte in s.utf8 {
            if byte >= 0x80 || byte == 0x0D { return s.count }  // CR LF is one character
            bytes += 1
        }
        return bytes
    }

    /// Each row as a block of `field  value` lines under a `-[ RECORD N ]-` rule (psql's
    /// expanded display), values wrapped to the width under their own column.
    private func renderExpanded(headers: [String], cells: [[String]], style: TerminalStyle) -> String {
        let labelWidth = headers.map(\.count).max() ?? 0
        var blocks: [String] = []
        var widest = 0
        for row in cells {
            var block: [String] = []
            for (header, value) in zip(headers, row) {
                block += field(header, value, labelWidth: labelWidth, style: style)
            }
            widest = max(widest, block.map { Self.visibleCount($0) }.max() ?? 0)
            blocks.append(block.joined(separator: "\n") + "\n")
        }
        let ruleWidth = min(style.width ?? widest, max(widest, 16))
        return blocks.enumerated().map { index, block in
            let title = "-[ RECORD \(index + 1) ]"
            return title + String(repeating: "-", count: max(3, ruleWidth - title.count)) + "\n" + block
        }.joined()
    }

    /// A single record: two columns, field and value.
    private func renderRecord(_ listing: Listing, style: TerminalStyle) -> String {
        let headers = listing.columns.map { Self.printable($0.header) }
        let width = headers.map(\.count).max() ?? 0
        return zip(headers, listing.rows.first ?? []).flatMap { header, cell in
            field(header, Self.printable(cell.display), labelWidth: width, style: style)
        }.joined(separator: "\n") + "\n"
    }

    /// `label  value`, the value wrapped at word boundaries under itself when the terminal
    /// is narrower than the line.
    private func field(_ header: String, _ value: String, labelWidth: Int, style: TerminalStyle) -> [String] {
        let label = Self.pad(header, to: labelWidth, right: false)
        let shown = style.color ? "\u{1B}[1m\(label)\u{1B}[0m" : label
        let room = (style.width ?? Int.max) - labelWidth - 2
        let parts = value.count > room && room >= Self.narrowest
            ? WordWrap.wrapLine(value, width: room, continuation: 0, breakingLongWords: true) : [value]
        let blank = String(repeating: " ", count: labelWidth)
        return parts.enumerated().map { index, part in
            ((index == 0 ? shown : blank) + "  " + part).trimmingTrailingSpaces()
        }
    }

    /// A value as one line a terminal only displays: control characters (ESC, BEL, CR, NUL,
    /// C1 controls, bidirectional overrides) and line breaks shown as visible escapes
    /// (`\u{1B}`), so stored text never acts on the reader's terminal or breaks the columns.
    /// The colour codes this format adds itself are added afterwards.
    static func printable(_ s: String) -> String { TextPolicy.printable(s, kind: .line) }

    static func total(_ widths: [Int]) -> Int { widths.reduce(0, +) + 2 * max(0, widths.count - 1) }

    /// Column widths that fit `limit`: text columns narrowed one character at a time, the
    /// one that makes fewest cells newly wrap first (the widest of those), none below its
    /// longest word (a hyphenated word counting as its pieces; up to `longestKeptWord`) or
    /// `narrowest`, so no word is broken. Numbers and the first column keep their width. Nil
    /// when that cannot fit: the caller shows the rows expanded.
    static func fit(headers: [String], cells: [[String]], numeric: [Bool], into limit: Int) -> [Int]? {
        var widths = headers.indices.map { i in max(headers[i].count, cells.map { $0[i].count }.max() ?? 0) }
        let floors = headers.indices.map { i -> Int in
            let words = ([headers[i]] + cells.map { $0[i] }).flatMap(Self.words)
            let longest = min(words.map(\.count).max() ?? 0, longestKeptWord)
            return min(widths[i], max(longest, narrowest))
        }
        // How many of a column's cells are exactly each length: narrowing a column from w to
        // w - 1 makes those of length w wrap. The column that makes fewest newly wrap goes
        // first, so a few long team names wrap rather than every row's status.
        let lengths = headers.indices.map { i in
            ([headers[i]] + cells.map { $0[i] }).reduce(into: [Int: Int]()) { $0[$1.count, default: 0] += 1 }
        }
        while total(widths) > limit {
            guard let next = widths.indices.filter({ $0 > 0 && !numeric[$0] && widths[$0] > floors[$0] })
                .min(by: { a, b in
                    let (costA, costB) = (lengths[a][widths[a]] ?? 0, lengths[b][widths[b]] ?? 0)
                    return costA != costB ? costA < costB : widths[a] > widths[b]
                }) else { return nil }
            widths[next] -= 1
        }
        return widths
    }

    /// The pieces a cell may wrap between: its words, a hyphenated word also after each hyphen
    /// (`disabled-children` wraps as `disabled-` and `children`, as `WordWrap` breaks it).
    static func words(_ text: String) -> [Substring] {
        text.split(separator: " ").flatMap { word -> [Substring] in
            var pieces: [Substring] = []
            var start = word.startIndex
            for index in word.indices where word[index] == "-" && index != word.startIndex {
                let end = word.index(after: index)
                pieces.append(word[start..<end])
                start = end
            }
            if start < word.endIndex { pieces.append(word[start...]) }
            return pieces
        }
    }

    static func pad(_ s: String, to width: Int, right: Bool) -> String {
        let fill = String(repeating: " ", count: max(0, width - s.count))
        return right ? fill + s : s + fill
    }

    /// Characters a terminal shows, leaving out this format's own colour codes.
    static func visibleCount(_ s: String) -> Int {
        s.replacingOccurrences(of: "\u{1B}[1m", with: "").replacingOccurrences(of: "\u{1B}[0m", with: "").count
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        guard last == " " else { return self }
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
