import AssayCore

/// RFC 4180 CSV with a header row, CRLF-free (LF) lines, fields quoted only when needed.
/// A nested group becomes its own columns, named by the group's keys.
///
/// Text cells that a spreadsheet would run as a formula (they begin with `=`, `+`, `-`, `@`,
/// a tab or a carriage return) are written with an apostrophe before them, as spreadsheet
/// users expect (OWASP, "CSV injection"); so is a text cell that already begins with an
/// apostrophe, so a reader gets the stored value back by removing exactly one leading `'`
/// from any text cell that has one. Numbers are written as numbers (`-0.5` stays `-0.5`).
/// `neutralisesFormulas: false` (`--raw-csv`) writes every cell exactly as stored, for
/// programs rather than spreadsheets (docs/json.md, "CSV").
public struct CSVFormat: OutputFormat {
    public let neutralisesFormulas: Bool

    public init(neutralisesFormulas: Bool = true) {
        self.neutralisesFormulas = neutralisesFormulas
    }

    public func render(_ listing: Listing, style: TerminalStyle) -> String {
        // A group column's keys are those of all its rows, in the order first seen: a report's
        // first row is often the authority's, whose group is empty (`{}`), and the groups'
        // fields must still get their own columns.
        let groupKeys: [[String]] = listing.columns.indices.map { i in
            var keys: [String] = []
            for row in listing.rows {
                if case .group(let fields) = row[i] { keys += fields.map(\.key).filter { !keys.contains($0) } }
            }
            return keys
        }
        var header: [String] = []
        for (i, column) in listing.columns.enumerated() {
            header += groupKeys[i].isEmpty ? [column.key] : groupKeys[i]
        }
        // A group's keys can be stored names (a template's section ids), so the header is text too.
        var out = header.map { SpreadsheetField.quoted(textField($0)) }.joined(separator: ",") + "\n"
        for row in listing.rows {
            var fields: [String] = []
            for (i, cell) in row.enumerated() {
                if groupKeys[i].isEmpty {
                    fields.append(field(cell))
                } else if case .group(let groupFields) = cell {
                    fields += groupKeys[i].map { key in field(groupFields.first { $0.key == key }?.value ?? .null) }
                } else {
                    fields += groupKeys[i].map { _ in "" }
                }
            }
            out += fields.map(SpreadsheetField.quoted).joined(separator: ",") + "\n"
        }
        return out
    }

    /// A cell's field before quoting: numbers, booleans and null as they are, text neutralised.
    private func field(_ cell: Cell) -> String {
        switch cell {
        case .int, .number, .bool, .null: Self.text(cell)
        case .text, .group, .list: textField(Self.text(cell))
        }
    }

    private func textField(_ s: String) -> String {
        neutralisesFormulas ? SpreadsheetField.neutralised(s) : s
    }

    static func text(_ cell: Cell) -> String {
        switch cell {
        case .number(let d, _): JSONFormat.number(d)
        case .bool(let b): b ? "true" : "false"
        default: cell.display
        }
    }
}
