import AssayCore
import GRDB

// The rows a register import writes (docs/register.md): the frame, and each of its cases (the
// table written most: a register of 100,000 cases is 100,000 inserts in one transaction).
// Each record is its table's row, column for column (AuditedRecord.swift).

/// One imported register (`frame`): `row_count` and `rows_sha256` are set once its cases are in.
/// `kept_attributes` and `personal_data_kept` are JSON arrays of column names, as the importer spells them.
public struct FrameRecord: AuditedRecord {
    public static let table = AuditedTable.frame

    public enum Column: String, AuditedColumn {
        case asOf = "as_of"
        case sourceName = "source_name"
        case sourceSHA256 = "source_sha256"
        case rowsSHA256 = "rows_sha256"
        case rowCount = "row_count"
        case keptAttributes = "kept_attributes"
        case importedAt = "imported_at"
        case importedBy = "imported_by"
        case personalDataKept = "personal_data_kept"
    }

    public var asOf: CalendarDate
    public var sourceName: String
    public var sourceSHA256: String
    public var rowsSHA256: String?
    public var rowCount: Int
    public var keptAttributes: String
    public var importedAt: String
    public var importedBy: String
    public var personalDataKept: String?

    public init(asOf: CalendarDate, sourceName: String, sourceSHA256: String, rowsSHA256: String?, rowCount: Int,
                keptAttributes: String, importedAt: String, importedBy: String, personalDataKept: String?) {
        self.asOf = asOf
        self.sourceName = sourceName
        self.sourceSHA256 = sourceSHA256
        self.rowsSHA256 = rowsSHA256
        self.rowCount = rowCount
        self.keptAttributes = keptAttributes
        self.importedAt = importedAt
        self.importedBy = importedBy
        self.personalDataKept = personalDataKept
    }

    public func value(of column: Column) -> DatabaseValue {
        switch column {
        case .asOf: asOf.databaseValue
        case .sourceName: sourceName.databaseValue
        case .sourceSHA256: sourceSHA256.databaseValue
        case .rowsSHA256: rowsSHA256.databaseValue
        case .rowCount: rowCount.databaseValue
        case .keptAttributes: keptAttributes.databaseValue
        case .importedAt: importedAt.databaseValue
        case .importedBy: importedBy.databaseValue
        case .personalDataKept: personalDataKept.databaseValue
        }
    }
}

/// One case of a register frame (`frame_case`).
public struct FrameCaseRecord: AuditedRecord {
    public static let table = AuditedTable.frameCase

    public enum Column: String, AuditedColumn {
        case frameID = "frame_id"
        case caseID = "case_id"
        case team
        case locality
        case service
        case worker
        case opened
        case attributes
        case sourceLine = "source_line"
    }

    public var frameID: Int64
    public var caseID: String
    public var team: String
    public var locality: String
    public var service: Service?
    public var worker: String?
    public var opened: CalendarDate?
    public var attributes: String?
    public var sourceLine: Int64

    public init(frameID: Int64, caseID: String, team: String, locality: String, service: Service?, worker: String?,
                opened: CalendarDate?, attributes: String?, sourceLine: Int64) {
        self.frameID = frameID
        self.caseID = caseID
        self.team = team
        self.locality = locality
        self.service = service
        self.worker = worker
        self.opened = opened
        self.attributes = attributes
        self.sourceLine = sourceLine
    }

    public func value(of column: Column) -> DatabaseValue {
        switch column {
        case .frameID: frameID.databaseValue
        case .caseID: caseID.databaseValue
        case .team: team.databaseValue
        case .locality: locality.databaseValue
        case .service: service.databaseValue
        case .worker: worker.databaseValue
        case .opened: opened.databaseValue
        case .attributes: attributes.databaseValue
        case .sourceLine: sourceLine.databaseValue
        }
    }
}
