import Foundation
import GRDB

// The rows that protect children's identities (docs/privacy.md): the database's report secret,
// each reveal of real case ids, and each redaction of evidence. Each record is its table's row,
// column for column (AuditedRecord.swift), but for `report_secret`, whose one row is id 1.

/// The database's report secret (`report_secret`): its one row, id 1, never changed or deleted.
public struct ReportSecretRecord: AuditedRecord {
    public static let table = AuditedTable.reportSecret

    public enum Column: String, AuditedColumn {
        /// Always 1 (the table's CHECK): a second secret cannot be inserted.
        case id
        case secret
        case createdAt = "created_at"
        case createdBy = "created_by"
    }

    public var secret: Data
    public var createdAt: String
    public var createdBy: String

    public init(secret: Data, createdAt: String, createdBy: String) {
        self.secret = secret
        self.createdAt = createdAt
        self.createdBy = createdBy
    }

    public func value(of column: Column) -> DatabaseValue {
        switch column {
        case .id: Int64(1).databaseValue
        case .secret: secret.databaseValue
        case .createdAt: createdAt.databaseValue
        case .createdBy: createdBy.databaseValue
        }
    }
}

/// One reveal of real case ids in a report (`reveal_log`, append-only): `arguments` is the
/// command's words as canonical JSON.
public struct RevealLogRecord: AuditedRecord {
    public static let table = AuditedTable.revealLog

    public enum Column: String, AuditedColumn {
        case revealedAt = "revealed_at"
        case revealedBy = "revealed_by"
        case osLogin = "os_login"
        case report
        case arguments
    }

    public var revealedAt: String
    public var revealedBy: String
    public var osLogin: String
    public var report: String
    public var arguments: String

    public init(revealedAt: String, revealedBy: String, osLogin: String, report: String, arguments: String) {
        self.revealedAt = revealedAt
        self.revealedBy = revealedBy
        self.osLogin = osLogin
        self.report = report
        self.arguments = arguments
    }

    public func value(of column: Column) -> DatabaseValue {
        switch column {
        case .revealedAt: revealedAt.databaseValue
        case .revealedBy: revealedBy.databaseValue
        case .osLogin: osLogin.databaseValue
        case .report: report.databaseValue
        case .arguments: arguments.databaseValue
        }
    }
}

/// A redaction of one question's evidence in an audit, and why (`redaction`).
public struct RedactionRecord: AuditedRecord {
    public static let table = AuditedTable.redaction

    public enum Column: String, AuditedColumn {
        case auditID = "audit_id"
        case questionID = "question_id"
        case reason
        case redactedAt = "redacted_at"
        case redactedBy = "redacted_by"
    }

    public var auditID: Int64
    public var questionID: String
    public var reason: String
    public var redactedAt: String
    public var redactedBy: String

    public init(auditID: Int64, questionID: String, reason: String, redactedAt: String, redactedBy: String) {
        self.auditID = auditID
        self.questionID = questionID
        self.reason = reason
        self.redactedAt = redactedAt
        self.redactedBy = redactedBy
    }

    public func value(of column: Column) -> DatabaseValue {
        switch column {
        case .auditID: auditID.databaseValue
        case .questionID: questionID.databaseValue
        case .reason: reason.databaseValue
        case .redactedAt: redactedAt.databaseValue
        case .redactedBy: redactedBy.databaseValue
        }
    }
}
