/// What a command prints, independent of how it is printed.
///
/// Every listing command builds one of these and hands it to an `OutputFormat`, so
/// `--format table|csv|json|markdown` means the same for every command and the JSON
/// conventions in docs/json.md are kept in one place.
public struct Listing: Sendable {
    public var columns: [Column]
    public var rows: [[Cell]]
    /// A single record prints as one JSON object and as a two-column table.
    public var isSingleRecord: Bool

    public init(columns: [Column], rows: [[Cell]]) {
        self.columns = columns
        self.rows = rows
        self.isSingleRecord = false
    }

    /// One record: field names with their values.
    public init(record fields: [(Column, Cell)]) {
        self.columns = fields.map(\.0)
        self.rows = [fields.map(\.1)]
        self.isSingleRecord = true
    }
}

/// A column: its JSON/CSV key (snake_case) and the header a person reads.
public struct Column: Sendable {
    public let key: String
    public let header: String

    public init(_ key: String, _ header: String? = nil) {
        self.key = key
        self.header = header ?? key.replacingOccurrences(of: "_", with: " ")
    }
}

/// One value, typed so each format can write it properly (numbers right-aligned in tables,
/// unquoted in JSON; null as JSON null and as an empty CSV field).
public enum Cell: Sendable, Equatable {
    case text(String)
    case int(Int)
    /// A number shown with the given decimals in tables; full precision in JSON and CSV.
    case number(Double, decimals: Int)
    case bool(Bool)
    case null
    /// A nested object (e.g. a report's `group`): a JSON object, its own columns in CSV.
    case group([GroupField])
    /// A nested list (e.g. a draw's cases): a JSON array; joined with "; " elsewhere.
    case list([Cell])

    public static func optional(_ s: String?) -> Cell { s.map(Cell.text) ?? .null }

    var isNumeric: Bool {
        switch self {
        case .int, .number: true
        default: false
        }
    }

    /// The text a table or Markdown shows.
    var display: String {
        switch self {
        case .text(let s): s
        case .int(let i): String(i)
        case .number(let d, let decimals): d.formatted(.number.precision(.fractionLength(decimals)).grouping(.never))
        case .bool(let b): b ? "yes" : "no"
        case .null: ""
        case .group(let fields): fields.map(\.value.display).joined(separator: " / ")
        case .list(let items): items.map(\.display).joined(separator: "; ")
        }
    }
}

public struct GroupField: Sendable, Equatable {
    public let key: String
    public let value: Cell
    public init(_ key: String, _ value: Cell) {
        self.key = key
        self.value = value
    }
}

import Foundation
