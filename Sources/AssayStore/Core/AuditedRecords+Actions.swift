import AssayCore
import GRDB

// What an audit asks of others (docs/actions.md, docs/challenges.md): the actions it raises, the
// escalations of a child unsafe now, and the challenges to its judgement. Each record is its
// table's row, column for column (AuditedRecord.swift); `status` stays text, its enums
// (`AuditAction.Status`, `Challenge.Status`) being AssayAudits'.

/// An action an audit or a moderation raises (`audit_action`); `closed_*` are set when it is done or cancelled.
public struct AuditActionRecord: AuditedRecord {
    public static let table = AuditedTable.auditAction

    public enum Column: String, AuditedColumn {
        case auditID = "audit_id"
        case what
        case owner
        case due
        case raisedAt = "raised_at"
        case raisedBy = "raised_by"
        case team
        case status
        case closedAt = "closed_at"
        case closedBy = "closed_by"
        case closingNote = "closing_note"
    }

    public var auditID: Int64
    public var what: String
    public var owner: String
    public var due: CalendarDate
    public var raisedAt: String
    public var raisedBy: String
    public var team: String?
    public var status: String
    public var closedAt: String?
    public var closedBy: String?
    public var closingNote: String?

    public init(auditID: Int64, what: String, owner: String, due: CalendarDate, raisedAt: String, raisedBy: String,
                team: String?, status: String, closedAt: String?, closedBy: String?, closingNote: String?) {
        self.auditID = auditID
        self.what = what
        self.owner = owner
        self.due = due
        self.raisedAt = raisedAt
        self.raisedBy = raisedBy
        self.team = team
        self.status = status
        self.closedAt = closedAt
        self.closedBy = closedBy
        self.closingNote = closingNote
    }

    public func value(of column: Column) -> DatabaseValue {
        switch column {
        case .auditID: auditID.databaseValue
        case .what: what.databaseValue
        case .owner: owner.databaseValue
        case .due: due.databaseValue
        case .raisedAt: raisedAt.databaseValue
        case .raisedBy: raisedBy.databaseValue
        case .team: team.databaseValue
        case .status: status.databaseValue
        case .closedAt: closedAt.databaseValue
        case .closedBy: closedBy.databaseValue
        case .closingNote: closingNote.databaseValue
        }
    }
}

/// A child found unsafe now (`escalation`); `response` and `responded_*` are set when it is answered.
public struct EscalationRecord: AuditedRecord {
    public static let table = AuditedTable.escalation

    public enum Column: String, AuditedColumn {
        case auditID = "audit_id"
        case caseID = "case_id"
        case concern
        case escalatedTo = "escalated_to"
        case raisedAt = "raised_at"
        case raisedBy = "raised_by"
        case response
        case respondedAt = "responded_at"
        case respondedBy = "responded_by"
    }

    public var auditID: Int64
    public var caseID: String
    public var concern: String
    public var escalatedTo: String
    public var raisedAt: String
    public var raisedBy: String
    public var response: String?
    public var respondedAt: String?
    public var respondedBy: String?

    public init(auditID: Int64, caseID: String, concern: String, escalatedTo: String, raisedAt: String, raisedBy: String,
                response: String?, respondedAt: String?, respondedBy: String?) {
        self.auditID = auditID
        self.caseID = caseID
        self.concern = concern
        self.escalatedTo = escalatedTo
        self.raisedAt = raisedAt
        self.raisedBy = raisedBy
        self.response = response
        self.respondedAt = respondedAt
        self.respondedBy = respondedBy
    }

    public func value(of column: Column) -> DatabaseValue {
        switch column {
        case .auditID: auditID.databaseValue
        case .caseID: caseID.databaseValue
        case .concern: concern.databaseValue
        case .escalatedTo: escalatedTo.databaseValue
        case .raisedAt: raisedAt.databaseValue
        case .raisedBy: raisedBy.databaseValue
        case .response: response.databaseValue
        case .respondedAt: respondedAt.databaseValue
        case .respondedBy: respondedBy.databaseValue
        }
    }
}

/// A challenge to an audit's judgement, of one question or the whole (`challenge`); the
/// `resolution_*` and `resolved_*` columns are set when it is resolved.
public struct ChallengeRecord: AuditedRecord {
    public static let table = AuditedTable.challenge

    public enum Column: String, AuditedColumn {
        case auditID = "audit_id"
        case questionID = "question_id"
        case comment
        case challenger
        case raisedAt = "raised_at"
        case raisedBy = "raised_by"
        case status
        case resolutionReason = "resolution_reason"
        case resolvedBy = "resolved_by"
        case resolvedAt = "resolved_at"
    }

    public var auditID: Int64
    public var questionID: String?
    public var comment: String
    public var challenger: String
    public var raisedAt: String
    public var raisedBy: String
    public var status: String
    public var resolutionReason: String?
    public var resolvedBy: String?
    public var resolvedAt: String?

    public init(auditID: Int64, questionID: String?, comment: String, challenger: String, raisedAt: String, raisedBy: String,
                status: String, resolutionReason: String?, resolvedBy: String?, resolvedAt: String?) {
        self.auditID = auditID
        self.questionID = questionID
        self.comment = comment
        self.challenger = challenger
        self.raisedAt = raisedAt
        self.raisedBy = raisedBy
        self.status = status
        self.resolutionReason = resolutionReason
        self.resolvedBy = resolvedBy
        self.resolvedAt = resolvedAt
    }

    public func value(of column: Column) -> DatabaseValue {
        switch column {
        case .auditID: auditID.databaseValue
        case .questionID: questionID.databaseValue
        case .comment: comment.databaseValue
        case .challenger: challenger.databaseValue
        case .raisedAt: raisedAt.databaseValue
        case .raisedBy: raisedBy.databaseValue
        case .status: status.databaseValue
        case .resolutionReason: resolutionReason.databaseValue
        case .resolvedBy: resolvedBy.databaseValue
        case .resolvedAt: resolvedAt.databaseValue
        }
    }
}
