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
/// and whether colour may be used (never when stdout is not a terminal or NO_COLOR is set).
public struct TerminalStyle: Sendable {
    public var width: Int?
    public var color: Bool

    public init(width: Int?, color: Bool) {
        self.width = width
        self.color = color
    }

    public static let plain = TerminalStyle(width: nil, color: false)
}
