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

    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }
}
