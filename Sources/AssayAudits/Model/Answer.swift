import AssayCore
import GRDB

/// A stored answer to one question of an audit.
public struct Answer: Sendable, Equatable {
    public let questionID: String
    /// The answer in canonical form (docs/audits.md): a grade's number, `yes`/`no`/`na`, the
    /// choice as the template spells it, text, a number, or a yyyy-mm-dd date. Nil when skipped.
    public let value: String?
    /// For grade questions, the grade (what suggested grades and reports read).
    public let grade: Grade?
    /// An optional question the auditor passed over (`s`); it is not asked again on resume.
    public let skipped: Bool
    public let evidence: String?
    /// Why a compliance question is not applicable (required for `na`).
    public let reason: String?
    public let answeredAt: String
    public let answeredBy: String

    /// A value given, or an optional question skipped. Evidence alone (typed with `n`
    /// before grading) does not answer a question.
    public var isAnswered: Bool { skipped || value != nil }

    public init(questionID: String, value: String?, grade: Grade?, skipped: Bool, evidence: String?, reason: String?,
                answeredAt: String = "", answeredBy: String = "") {
        self.questionID = questionID
        self.value = value
        self.grade = grade
        self.skipped = skipped
        self.evidence = evidence
        self.reason = reason
        self.answeredAt = answeredAt
        self.answeredBy = answeredBy
    }

    init(row: Row) {
        questionID = row["question_id"]
        value = row["value"]
        grade = (row["grade"] as Int?).flatMap(Grade.init(rawValue:))
        skipped = row["skipped"] as Int64 == 1
        evidence = row["evidence"]
        reason = row["reason"]
        answeredAt = row["answered_at"]
        answeredBy = row["answered_by"]
    }
}

/// An action an audit raises for the case: what must happen, who owns it, by when — and
/// whether it was done (docs/actions.md).
public struct AuditAction: Sendable, Equatable {
    public enum Status: String, Sendable, CaseIterable {
        case open, done, cancelled
    }

    public let id: Int64
    public let auditID: Int64
    /// The audited case (read with the action, from its audit).
    public let caseID: String
    /// The case's team, as the audit recorded it.
    public let team: String
    public let what: String
    public let owner: String
    public let due: CalendarDate
    public let raisedAt: String
    public let raisedBy: String
    public let status: Status
    public let closedAt: String?
    public let closedBy: String?
    /// What was done (done) or why not (cancelled).
    public let closingNote: String?

    /// Open and due before `date`.
    public func isOverdue(asOf date: CalendarDate) -> Bool { status == .open && due < date }

    init(row: Row) {
        id = row["id"]
        auditID = row["audit_id"]
        caseID = row["case_id"]
        team = row["team"] ?? ""
        what = row["what"]
        owner = row["owner"]
        due = CalendarDate(parsing: row["due"]) ?? CalendarDate(year: 1970, month: 1, day: 1)!
        raisedAt = row["raised_at"]
        raisedBy = row["raised_by"]
        status = (row["status"] as String?).flatMap(Status.init(rawValue:)) ?? .open
        closedAt = row["closed_at"]
        closedBy = row["closed_by"]
        closingNote = row["closing_note"]
    }

    /// The columns `init(row:)` reads: the action's own and its audit's case id.
    static let selection = "SELECT x.*, a.case_id FROM audit_action x JOIN audit a ON a.id = x.audit_id"
}

/// A child found unsafe now during an audit: recorded the moment it is raised, and blocking
/// the audit's submission until someone records the response.
public struct Escalation: Sendable, Equatable {
    public let id: Int64
    public let auditID: Int64
    public let caseID: String
    public let concern: String
    public let escalatedTo: String
    public let raisedAt: String
    public let raisedBy: String
    public let response: String?
    public let respondedAt: String?
    public let respondedBy: String?

    public var isOpen: Bool { response == nil }

    init(row: Row) {
        id = row["id"]
        auditID = row["audit_id"]
        caseID = row["case_id"]
        concern = row["concern"]
        escalatedTo = row["escalated_to"]
        raisedAt = row["raised_at"]
        raisedBy = row["raised_by"]
        response = row["response"]
        respondedAt = row["responded_at"]
        respondedBy = row["responded_by"]
    }
}

/// A lead's reopening of a submitted audit, and why.
public struct AuditAmendment: Sendable, Equatable {
    public let reason: String
    public let amendedAt: String
    public let amendedBy: String
    /// The audit as it was submitted before this reopening (JSON; docs/audits.md).
    public let submittedJSON: String

    init(row: Row) {
        reason = row["reason"]
        amendedAt = row["amended_at"]
        amendedBy = row["amended_by"]
        submittedJSON = row["submitted_json"]
    }
}
