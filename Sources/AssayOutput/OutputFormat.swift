/// How a listing is written: one conformance and one file per format.
public protocol OutputFormat: Sendable {
    func render(_ listing: Listing, style: TerminalStyle) -> String
}

/// The formats `--format` accepts.
public enum OutputFormatName: String, CaseIterable, Sendable {
    case table, csv, json, markdown

    public var format: any OutputFormat { format(neutralisingFormulas: true) }

    /// The format; `neutralisingFormulas: false` (`--raw-csv`) writes CSV cells exactly as
    /// stored, without the apostrophe that stops spreadsheets running formulas.
    public func format(neutralisingFormulas: Bool) -> any OutputFormat {
        switch self {
        case .table: TableFormat()
        case .csv: CSVFormat(neutralisesFormulas: neutralisingFormulas)
        case .json: JSONFormat()
        case .markdown: MarkdownFormat()
        }
    }
}

/// What the terminal allows: a width to fit tables to (nil when stdout is not a terminal)
/// and whether colour may be used (never when stdout is not a terminal or NO_COLOR is set),
/// and how tables show their rows (`--expanded`, the shell's `expanded`).
public struct TerminalStyle: Sendable {
    public var width: Int?
    public var color: Bool
    public var expanded: ExpandedMode

    public init(width: Int?, color: Bool, expanded: ExpandedMode = .off) {
        self.width = width
        self.color = color
        self.expanded = expanded
    }

    public static let plain = TerminalStyle(width: nil, color: false)
}

/// How a table shows its rows (psql's `\x`): `off` one row a line, wrapping text cells
/// when the table is wider than the terminal (expanded only when even that cannot fit);
/// `on` always one field a line; `auto` one field a line whenever the rows would not each
/// fit on one line.
public enum ExpandedMode: String, CaseIterable, Sendable {
    case off, on, auto
}
