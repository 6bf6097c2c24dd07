import AssayCore
import GRDB

// The rows of an audit (docs/audits.md): the audit, its answers and section grades, and the
// judgement as submitted, kept when a lead reopens it. These are the hot write path with the
// register's cases: a bulk load writes millions. Each record is its table's row, column for
// column (AuditedRecord.swift); `status` stays text, its enum (`Audit.Status`) being
// AssayAudits'.

/// An audit (`audit`). Opened in progress: `suggested_overall` and `submitted_at` are set when it
/// is submitted, `overall` and `overall_reason` when given.
public struct AuditRecord: AuditedRecord {
    public static let table = AuditedTable.audit

    public enum Column: String, AuditedColumn {
        case month
        case caseID = "case_id"
        case drawID = "draw_id"
        case unsampled
        case team
        case locality
        case service
        case worker
        case templateID = "template_id"
        case templateVersion = "template_version"
        case templateSHA256 = "template_sha256"
        case auditor
        case status
        case suggestedOverall = "suggested_overall"
        case overall
        case overallReason = "overall_reason"
        case startedAt = "started_at"
        case submittedAt = "submitted_at"
        case reaudit
    }

    public var month: Month
    public var caseID: String
    public var drawID: Int64?
    public var unsampled: Bool
    public var team: String
    public var locality: String
    public var service: Service?
    public var worker: String?
    public var templateID: String
    public var templateVersion: Int64
    public var templateSHA256: String
    public var auditor: String
    public var status: String
    public var suggestedOverall: Grade?
    public var overall: Grade?
    public var overallReason: String?
    public var startedAt: String
    public var submittedAt: String?
    public var reaudit: Bool

    public init(month: Month, caseID: String, drawID: Int64?, unsampled: Bool, reaudit: Bool, team: String, locality: String,
                service: Service?, worker: String?, templateID: String, templateVersion: Int64, templateSHA256: String,
                auditor: String, status: String, startedAt: String, overall: Grade? = nil, overallReason: String? = nil,
                suggestedOverall: Grade? = nil, submittedAt: String? = nil) {
        self.month = month
        self.caseID = caseID
        self.drawID = drawID
        self.unsampled = unsampled
        self.reaudit = reaudit
        self.team = team
        self.locality = locality
        self.service = service
        self.worker = worker
        self.templateID = templateID
        self.templateVersion = templateVersion
        self.templateSHA256 = templateSHA256
        self.auditor = auditor
        self.status = status
        self.startedAt = startedAt
        self.overall = overall
        self.overallReason = overallReason
        self.suggestedOverall = suggestedOverall
        self.submittedAt = submittedAt
    }

    public func value(of column: Column) -> DatabaseValue {
        switch column {
        case .month: month.databaseValue
        case .caseID: caseID.databaseValue
        case .drawID: drawID.databaseValue
        case .unsampled: unsampled.databaseValue
        case .team: team.databaseValue
        case .locality: locality.databaseValue
        case .service: service.databaseValue
        case .worker: worker.databaseValue
        case .templateID: templateID.databaseValue
        case .templateVersion: templateVersion.databaseValue
        case .templateSHA256: templateSHA256.databaseValue
        case .auditor: auditor.databaseValue
        case .status: status.databaseValue
        case .suggestedOverall: suggestedOverall.databaseValue
        case .overall: overall.databaseValue
        case .overallReason: overallReason.databaseValue
        case .startedAt: startedAt.databaseValue
        case .submittedAt: submittedAt.databaseValue
        case .reaudit: reaudit.databaseValue
        }
    }
}

/// One answer of an audit (`audit_answer`).
public struct AuditAnswerRecord: AuditedRecord {
    public static let table = AuditedTable.auditAnswer

    public enum Column: String, AuditedColumn {
        case auditID = "audit_id"
        case questionID = "question_id"
        case value
        case grade
        case skipped
        case evidence
        case reason
        case answeredAt = "answered_at"
        case answeredBy = "answered_by"
    }

    public var auditID: Int64
    public var questionID: String
    public var value: String?
    public var grade: Grade?
    public var skipped: Bool
    public var evidence: String?
    public var reason: String?
    public var answeredAt: String
    public var answeredBy: String

    public init(auditID: Int64, questionID: String, value: String?, grade: Grade?, skipped: Bool, evidence: String?,
                reason: String?, answeredAt: String, answeredBy: String) {
        self.auditID = auditID
        self.questionID = questionID
        self.value = value
        self.grade = grade
        self.skipped = skipped
        self.evidence = evidence
        self.reason = reason
        self.answeredAt = answeredAt
        self.answeredBy = answeredBy
    }

    public func value(of column: Column) -> DatabaseValue {
        switch column {
        case .auditID: auditID.databaseValue
        case .questionID: questionID.databaseValue
        case .value: value.databaseValue
        case .grade: grade.databaseValue
        case .skipped: skipped.databaseValue
        case .evidence: evidence.databaseValue
        case .reason: reason.databaseValue
        case .answeredAt: answeredAt.databaseValue
        case .answeredBy: answeredBy.databaseValue
        }
    }
}

/// One section grade of a submitted audit (`audit_section_grade`).
public struct AuditSectionGradeRecord: AuditedRecord {
    public static let table = AuditedTable.auditSectionGrade

    public enum Column: String, AuditedColumn {
        case auditID = "audit_id"
        case sectionID = "section_id"
        case grade
    }

    public var auditID: Int64
    public var sectionID: String
    public var grade: Grade

    public init(auditID: Int64, sectionID: String, grade: Grade) {
        self.auditID = auditID
        self.sectionID = sectionID
        self.grade = grade
    }

    public func value(of column: Column) -> DatabaseValue {
        switch column {
        case .auditID: auditID.databaseValue
        case .sectionID: sectionID.databaseValue
        case .grade: grade.databaseValue
        }
    }
}

/// A lead's reopening of a submitted audit (`audit_amendment`): why, and the audit as it was
/// submitted (`SubmittedAudit`'s JSON).
public struct AuditAmendmentRecord: AuditedRecord {
    public static let table = AuditedTable.auditAmendment

    public enum Column: String, AuditedColumn {
        case auditID = "audit_id"
        case reason
        case amendedAt = "amended_at"
        case amendedBy = "amended_by"
        case submittedJSON = "submitted_json"
    }

    public var auditID: Int64
    public var reason: String
    public var amendedAt: String
    public var amendedBy: String
    public var submittedJSON: String

    public init(auditID: Int64, reason: String, amendedAt: String, amendedBy: String, submittedJSON: String) {
        self.auditID = auditID
        self.reason = reason
        self.amendedAt = amendedAt
        self.amendedBy = amendedBy
        self.submittedJSON = submittedJSON
    }

    public func value(of column: Column) -> DatabaseValue {
        switch column {
        case .auditID: auditID.databaseValue
        case .reason: reason.databaseValue
        case .amendedAt: amendedAt.databaseValue
        case .amendedBy: amendedBy.databaseValue
        case .submittedJSON: submittedJSON.databaseValue
        }
    }
}
