import AssayCore

/// A GitHub-flavoured Markdown table, for pasting into papers and reports.
public struct MarkdownFormat: OutputFormat {
    public init() {}

    public func render(_ listing: Listing, style: TerminalStyle) -> String {
        if listing.isSingleRecord {
            var out = "| field | value |\n| --- | --- |\n"
            for (column, cell) in zip(listing.columns, listing.rows.first ?? []) {
                out += "| \(Self.escape(column.header)) | \(Self.escape(cell.display)) |\n"
            }
            return out
        }
        let numeric = listing.columns.indices.map { i in !listing.rows.isEmpty && listing.rows.allSatisfy { $0[i].isNumeric || $0[i] == .null } }
        var out = "| " + listing.columns.map { Self.escape($0.header) }.joined(separator: " | ") + " |\n"
        out += "|" + numeric.map { $0 ? " ---: |" : " --- |" }.joined() + "\n"
        for row in listing.rows {
            out += "| " + row.map { Self.escape($0.display) }.joined(separator: " | ") + " |\n"
        }
        return out
    }

    /// One cell's text, safe in a table and as HTML: `|` escaped, line breaks and tabs as spaces,
    /// `&`, `<` and `>` as entities (so `<script>` is text, not markup, wherever the Markdown
    /// is rendered), and control characters shown as visible escapes (`\u{1B}`) so none acts
    /// on a terminal the table is printed to.
    static func escape(_ s: String) -> String {
        var out = ""
        var scalars = s.unicodeScalars.makeIterator()
        var pending = scalars.next()
        while let scalar = pending {
            pending = scalars.next()
            switch scalar {
            case "|": out += "\\|"
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\n", "\t": out += " "
            case "\r" where pending == "\n":
                out += " "
                pending = scalars.next()
            default:
                if TextPolicy.isRefused(scalar, kind: .line) {
                    out += TextPolicy.printable(String(scalar), kind: .line)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}
