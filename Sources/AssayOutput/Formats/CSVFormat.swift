/// RFC 4180 CSV with a header row, CRLF-free (LF) lines, fields quoted only when needed.
/// A nested group becomes its own columns, named by the group's keys.
public struct CSVFormat: OutputFormat {
    public init() {}

    public func render(_ listing: Listing, style: TerminalStyle) -> String {
        let groupKeys: [[String]] = listing.columns.indices.map { i in
            for row in listing.rows { if case .group(let fields) = row[i] { return fields.map(\.key) } }
            return []
        }
        var header: [String] = []
        for (i, column) in listing.columns.enumerated() {
            header += groupKeys[i].isEmpty ? [column.key] : groupKeys[i]
        }
        var out = header.map(Self.quote).joined(separator: ",") + "\n"
        for row in listing.rows {
            var fields: [String] = []
            for (i, cell) in row.enumerated() {
                if groupKeys[i].isEmpty {
                    fields.append(Self.text(cell))
                } else if case .group(let groupFields) = cell {
                    fields += groupKeys[i].map { key in Self.text(groupFields.first { $0.key == key }?.value ?? .null) }
                } else {
                    fields += groupKeys[i].map { _ in "" }
                }
            }
            out += fields.map(Self.quote).joined(separator: ",") + "\n"
        }
        return out
    }

    static func text(_ cell: Cell) -> String {
        switch cell {
        case .number(let d, _): JSONFormat.number(d)
        case .bool(let b): b ? "true" : "false"
        default: cell.display
        }
    }

    static func quote(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
