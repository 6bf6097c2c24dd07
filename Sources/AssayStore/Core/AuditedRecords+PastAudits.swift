import AssayCore
import GRDB

// The rows of an import of audits made before Assay (docs/history.md): the import, each past
// audit, and its domain grades. Each record is its table's row, column for column
// (AuditedRecord.swift).

/// One import of past audits (`audit_import`); `row_count` is set once its audits are in.
public struct AuditImportRecord: AuditedRecord {
    public static let table = AuditedTable.auditImport

    public enum Column: String, AuditedColumn {
        case sourceName = "source_name"
        case sourceSHA256 = "source_sha256"
        case rowCount = "row_count"
        case importedAt = "imported_at"
        case importedBy = "imported_by"
    }

    public var sourceName: String
    public var sourceSHA256: String
    public var rowCount: Int
    public var importedAt: String
    public var importedBy: String

    public init(sourceName: String, sourceSHA256: String, rowCount: Int, importedAt: String, importedBy: String) {
        self.sourceName = sourceName
        self.sourceSHA256 = sourceSHA256
        self.rowCount = rowCount
        self.importedAt = importedAt
        self.importedBy = importedBy
    }

    public func value(of column: Column) -> DatabaseValue {
        switch column {
        case .sourceName: sourceName.databaseValue
        case .sourceSHA256: sourceSHA256.databaseValue
        case .rowCount: rowCount.databaseValue
        case .importedAt: importedAt.databaseValue
        case .importedBy: importedBy.databaseValue
        }
    }
}

/// One past audit (`imported_audit`).
public struct ImportedAuditRecord: AuditedRecord {
    public static let table = AuditedTable.importedAudit

    public enum Column: String, AuditedColumn {
        case importID = "import_id"
        case month
        case caseID = "case_id"
        case team
        case locality
        case service
        case overall
        case auditor
        case sourceLine = "source_line"
    }

    public var importID: Int64
    public var month: Month
    public var caseID: String
    public var team: String
    public var locality: String
    public var service: Service?
    public var overall: Grade
    public var auditor: String?
    public var sourceLine: Int64

    public init(importID: Int64, month: Month, caseID: String, team: String, locality: String, service: Service?,
                overall: Grade, auditor: String?, sourceLine: Int64) {
        self.importID = importID
        self.month = month
        self.caseID = caseID
        self.team = team
        self.locality = locality
        self.service = service
        self.overall = overall
        self.auditor = auditor
        self.sourceLine = sourceLine
    }

    public func value(of column: Column) -> DatabaseValue {
        switch column {
        case .importID: importID.databaseValue
        case .month: month.databaseValue
        case .caseID: caseID.databaseValue
        case .team: team.databaseValue
        case .locality: locality.databaseValue
        case .service: service.databaseValue
        case .overall: overall.databaseValue
        case .auditor: auditor.databaseValue
        case .sourceLine: sourceLine.databaseValue
        }
    }
}

/// One domain grade of a past audit (`imported_domain_grade`).
public struct ImportedDomainGradeRecord: AuditedRecord {
    public static let table = AuditedTable.importedDomainGrade

    public enum Column: String, AuditedColumn {
        case importedAuditID = "imported_audit_id"
        case sectionID = "section_id"
        case grade
    }

    public var importedAuditID: Int64
    public var sectionID: String
    public var grade: Grade

    public init(importedAuditID: Int64, sectionID: String, grade: Grade) {
        self.importedAuditID = importedAuditID
        self.sectionID = sectionID
        self.grade = grade
    }

    public func value(of column: Column) -> DatabaseValue {
        switch column {
        case .importedAuditID: importedAuditID.databaseValue
        case .sectionID: sectionID.databaseValue
        case .grade: grade.databaseValue
        }
    }
}
