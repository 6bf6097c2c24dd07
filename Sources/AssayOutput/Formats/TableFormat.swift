import AssayCore

/// Aligned columns for people: numbers right-aligned, a rule under the header (so the
/// header stands out without colour), and the widest text columns shortened with "…" when
/// the table would not fit the terminal.
public struct TableFormat: OutputFormat {
    public init() {}

    public func render(_ listing: Listing, style: TerminalStyle) -> String {
        if listing.isSingleRecord { return renderRecord(listing, style: style) }
        if listing.rows.isEmpty { return "(none)\n" }
        let headers = listing.columns.map { Self.printable($0.header) }
        var cells = listing.rows.map { $0.map { Self.printable($0.display) } }
        var widths = headers.indices.map { i in max(headers[i].count, cells.map { $0[i].count }.max() ?? 0) }
        let numeric = listing.columns.indices.map { i in listing.rows.allSatisfy { $0[i].isNumeric || $0[i] == .null } }
        if let limit = style.width {
            fit(&widths, numeric: numeric, into: limit)
            cells = cells.map { row in row.enumerated().map { shorten($0.element, to: widths[$0.offset]) } }
        }
        func line(_ values: [String], header: Bool) -> String {
            values.enumerated().map { i, v in
                let padded = pad(header ? shorten(v, to: widths[i]) : v, to: widths[i], right: numeric[i] && !header)
                return header && style.color ? "\u{1B}[1m\(padded)\u{1B}[0m" : padded
            }.joined(separator: "  ").trimmingTrailingSpaces()
        }
        var out = line(headers, header: true) + "\n"
        out += widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
        for row in cells { out += line(row, header: false) + "\n" }
        return out
    }

    private func renderRecord(_ listing: Listing, style: TerminalStyle) -> String {
        let width = listing.columns.map { Self.printable($0.header).count }.max() ?? 0
        return zip(listing.columns, listing.rows.first ?? []).map { column, cell in
            let label = pad(Self.printable(column.header), to: width, right: false)
            return ((style.color ? "\u{1B}[1m\(label)\u{1B}[0m" : label) + "  " + Self.printable(cell.display)).trimmingTrailingSpaces()
        }.joined(separator: "\n") + "\n"
    }

    /// A value as one line a terminal only displays: control characters (ESC, BEL, CR, NUL,
    /// C1 controls, bidirectional overrides) and line breaks shown as visible escapes
    /// (`\u{1B}`), so stored text never acts on the reader's terminal or breaks the columns.
    /// The colour codes this format adds itself are added afterwards.
    static func printable(_ s: String) -> String { TextPolicy.printable(s, kind: .line) }

    /// Narrows the widest non-numeric columns, one character at a time, until the table fits
    /// or every text column is down to 8 characters.
    private func fit(_ widths: inout [Int], numeric: [Bool], into limit: Int) {
        func total() -> Int { widths.reduce(0, +) + 2 * max(0, widths.count - 1) }
        while total() > limit {
            guard let widest = widths.indices.filter({ !numeric[$0] && widths[$0] > 8 }).max(by: { widths[$0] < widths[$1] })
            else { return }
            widths[widest] -= 1
        }
    }

    private func shorten(_ s: String, to width: Int) -> String {
        s.count <= width ? s : String(s.prefix(max(0, width - 1))) + "…"
    }

    private func pad(_ s: String, to width: Int, right: Bool) -> String {
        let fill = String(repeating: " ", count: max(0, width - s.count))
        return right ? fill + s : s + fill
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
