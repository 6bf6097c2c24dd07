import GRDB

/// One imported case register: the sampling frame a month's draw is taken from.
public struct Frame: Sendable, Equatable {
    public let id: Int64
    public let asOf: String
    public let sourceName: String
    public let sourceSHA256: String
    public let rowsSHA256: String?
    public let rowCount: Int
    public let keptAttributes: String
    public let importedAt: String
    public let importedBy: String

    init(row: Row) {
        id = row["id"]
        asOf = row["as_of"]
        sourceName = row["source_name"]
        sourceSHA256 = row["source_sha256"]
        rowsSHA256 = row["rows_sha256"]
        rowCount = row["row_count"]
        keptAttributes = row["kept_attributes"]
        importedAt = row["imported_at"]
        importedBy = row["imported_by"]
    }
}

/// One stratum of a frame (team × locality) and how many open cases it holds.
public struct FrameStratumCount: Sendable, Equatable {
    public let team: String
    public let locality: String
    public let cases: Int
}
