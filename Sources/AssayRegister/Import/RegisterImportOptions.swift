import AssayCore

/// What the lead said about a register file on the command line.
public struct RegisterImportOptions: Sendable {
    /// The date the register describes (default today).
    public var asOf: CalendarDate
    /// `--map COLUMN=field`: a column under a local name that gives one of Assay's fields.
    public var columnMap: [(column: String, field: String)]
    /// `--keep COLUMN`: extra columns kept as attributes (usable for stratification).
    public var keep: [String]
    /// `--map-service TEXT=code`: local service names.
    public var serviceMap: [(text: String, code: String)]
    /// `--allow-personal-data`: a `--keep` column that looks like personal data is kept
    /// (and recorded with the frame) instead of refused.
    public var allowPersonalData = false
    /// `--same-content`: import a file whose content was imported before under another
    /// as-of date (refused by default: usually last month's export given again).
    public var allowSameContent = false
    /// Name recorded as the frame's source (the file's base name by default).
    public var sourceName: String?

    public init(asOf: CalendarDate, columnMap: [(column: String, field: String)] = [], keep: [String] = [],
                serviceMap: [(text: String, code: String)] = [], sourceName: String? = nil) {
        self.asOf = asOf
        self.columnMap = columnMap
        self.keep = keep
        self.serviceMap = serviceMap
        self.sourceName = sourceName
    }
}

/// What an import did, for the person who ran it.
public struct RegisterImportSummary: Sendable {
    public let frameID: Int64
    public let rows: Int
    public let teams: Int
    public let localities: Int
    public let keptColumns: [String]
    /// Columns in the file that were not stored.
    public let droppedColumns: [String]
    /// Kept columns that look like personal data (`--allow-personal-data`).
    public var personalDataKept: [String] = []
}
