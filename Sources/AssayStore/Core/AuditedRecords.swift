import AssayCore
import GRDB

// The typed rows of the tables written most (docs/integrity.md, "How a write is logged"):
// each names its table's columns once, in declaration order, and `AuditedWriter.insert(_:)`
// prepares one statement for it per transaction. Fields are Assay's own values (`Month`,
// `Service`, `Grade`, `CalendarDate`, `Bool`), stored in their one database spelling
// (CoreValues+Database.swift); an audit's status stays text, its enum being AssayAudits'.

/// One case of a register frame (`frame_case`).
public struct FrameCaseRecord: AuditedRecord {
    public static let table = AuditedTable.frameCase
    public static let columns = ["frame_id", "case_id", "team", "locality", "service", "worker", "opened", "attributes", "source_line"]

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

    public var databaseValues: [DatabaseValue] {
        [frameID.databaseValue, caseID.databaseValue, team.databaseValue, locality.databaseValue, service.databaseValue,
         worker.databaseValue, opened.databaseValue, attributes.databaseValue, sourceLine.databaseValue]
    }
}

/// One drawn case (`draw_case`).
public struct DrawCaseRecord: AuditedRecord {
    public static let table = AuditedTable.drawCase
    public static let columns = ["draw_id", "case_id", "stratum_position", "ticket"]

    public var drawID: Int64
    public var caseID: String
    public var stratumPosition: Int64
    public var ticket: String

    public init(drawID: Int64, caseID: String, stratumPosition: Int64, ticket: String) {
        self.drawID = drawID
        self.caseID = caseID
        self.stratumPosition = stratumPosition
        self.ticket = ticket
    }

    public var databaseValues: [DatabaseValue] {
        [drawID.databaseValue, caseID.databaseValue, stratumPosition.databaseValue, ticket.databaseValue]
    }
}

/// An audit as it is opened (`audit`): `suggested_overall`, `submitted_at` are set when it is
/// submitted, `overall` and `overall_reason` when given.
public struct AuditRecord: AuditedRecord {
    public static let table = AuditedTable.audit
    public static let columns = ["month", "case_id", "draw_id", "unsampled", "reaudit", "team", "locality", "service", "worker",
                                 "template_id", "template_version", "template_sha256", "auditor", "status", "started_at",
                                 "overall", "overall_reason"]

    public var month: Month
    public var caseID: String
    public var drawID: Int64?
    public var unsampled: Bool
    public var reaudit: Bool
    public var team: String
    public var locality: String
    public var service: Service?
    public var worker: String?
    public var templateID: String
    public var templateVersion: Int64
    public var templateSHA256: String
    public var auditor: String
    public var status: String
    public var startedAt: String
    public var overall: Grade?
    public var overallReason: String?

    public init(month: Month, caseID: String, drawID: Int64?, unsampled: Bool, reaudit: Bool, team: String, locality: String,
                service: Service?, worker: String?, templateID: String, templateVersion: Int64, templateSHA256: String,
                auditor: String, status: String, startedAt: String, overall: Grade? = nil, overallReason: String? = nil) {
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
    }

    public var databaseValues: [DatabaseValue] {
        [month.databaseValue, caseID.databaseValue, drawID.databaseValue, unsampled.databaseValue,
         reaudit.databaseValue, team.databaseValue, locality.databaseValue, service.databaseValue,
         worker.databaseValue, templateID.databaseValue, templateVersion.databaseValue, templateSHA256.databaseValue,
         auditor.databaseValue, status.databaseValue, startedAt.databaseValue, overall.databaseValue, overallReason.databaseValue]
    }
}

/// One answer of an audit (`audit_answer`).
public struct AuditAnswerRecord: AuditedRecord {
    public static let table = AuditedTable.auditAnswer
    public static let columns = ["audit_id", "question_id", "value", "grade", "skipped", "evidence", "reason", "answered_at", "answered_by"]

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

    public var databaseValues: [DatabaseValue] {
        [auditID.databaseValue, questionID.databaseValue, value.databaseValue, grade.databaseValue,
         skipped.databaseValue, evidence.databaseValue, reason.databaseValue,
         answeredAt.databaseValue, answeredBy.databaseValue]
    }
}

/// One section grade of an audit (`audit_section_grade`).
public struct AuditSectionGradeRecord: AuditedRecord {
    public static let table = AuditedTable.auditSectionGrade
    public static let columns = ["audit_id", "section_id", "grade"]

    public var auditID: Int64
    public var sectionID: String
    public var grade: Grade

    public init(auditID: Int64, sectionID: String, grade: Grade) {
        self.auditID = auditID
        self.sectionID = sectionID
        self.grade = grade
    }

    public var databaseValues: [DatabaseValue] { [auditID.databaseValue, sectionID.databaseValue, grade.databaseValue] }
}
