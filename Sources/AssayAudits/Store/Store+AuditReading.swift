import AssayCore
import AssayStore
import AssayTemplates
import GRDB

/// Which audits `audits` lists.
public struct AuditFilter: Sendable {
    public var month: Month?
    public var team: String?
    public var auditor: String?
    public var status: Audit.Status?
    /// Only these audits (nil: any). `report team` looks up the few audits its escalations
    /// and actions came from, not the team's every audit (a thousand rows at 100,000 audits,
    /// found by reading every audit).
    public var ids: Set<Int64>?
    public init(month: Month? = nil, team: String? = nil, auditor: String? = nil, status: Audit.Status? = nil, ids: Set<Int64>? = nil) {
        self.month = month
        self.team = team
        self.auditor = auditor
        self.status = status
        self.ids = ids
    }
}

extension Store {
    public func audit(id: Int64) throws -> Audit {
        try read { db in try Self.audit(id: id, in: db) }
    }

    /// The same, on a connection already open (inside a write transaction, to check and
    /// write with no other writer in between).
    static func audit(id: Int64, in db: Database) throws -> Audit {
        guard let audit = try Row.fetchOne(db, sql: "SELECT * FROM audit WHERE id = ?", arguments: [id]).map(Audit.init(row:)) else {
            throw AuditError.noAudit(id)
        }
        return audit
    }

    /// The audit of a case in a month, if one was opened.
    public func audit(caseID: String, month: Month) throws -> Audit? {
        try read { db in try Self.audit(caseID: caseID, month: month, in: db) }
    }

    /// The same, on a connection already open: inside a write transaction, so that whether
    /// a case already has an audit is decided with no other writer in between.
    static func audit(caseID: String, month: Month, in db: Database) throws -> Audit? {
        try Row.fetchOne(db, sql: "SELECT * FROM audit WHERE case_id = ? AND month = ?", arguments: [caseID, month]).map(Audit.init(row:))
    }

    public func audits(_ filter: AuditFilter) throws -> [Audit] {
        var clauses: [String] = []
        var arguments: StatementArguments = []
        if let month = filter.month { clauses.append("month = ?"); arguments += [month] }
        if let team = filter.team { clauses.append("team = ? COLLATE NOCASE"); arguments += [team] }
        if let auditor = filter.auditor { clauses.append("auditor = ? COLLATE NOCASE"); arguments += [auditor] }
        if let status = filter.status { clauses.append("status = ?"); arguments += [status.rawValue] }
        if let ids = filter.ids {
            // One bound JSON array, however many ids: each is looked up by its key.
            clauses.append("id IN (SELECT value FROM json_each(?))")
            arguments += ["[" + ids.sorted().map(String.init).joined(separator: ",") + "]"]
        }
        let whereClause = clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ")
        return try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM audit \(whereClause) ORDER BY month DESC, team, case_id", arguments: arguments)
                .map(Audit.init(row:))
        }
    }

    /// Question id → answer. Refused when blind moderation hides the audit from the current
    /// user (`AuditRules.hiddenFromViewer`): the rule is kept here, not left to each caller.
    /// A moderator reads them after their blind pass with `answersUnderModeration`.
    public func answers(auditID: Int64) throws -> [String: Answer] {
        try read { db in
            try refuseIfHidden(auditID, db)
            return try Self.answers(auditID: auditID, in: db)
        }
    }

    /// The first auditor's judgement is what blind moderation hides, answers and worked-out
    /// domain grades alike: every public reader of either refuses a hidden audit here.
    private func refuseIfHidden(_ auditID: Int64, _ db: Database) throws {
        if try Self.isHidden(auditID: auditID, from: identity.name, in: db) {
            throw AuditError.answersHidden(audit: auditID)
        }
    }

    static func answers(auditID: Int64, in db: Database) throws -> [String: Answer] {
        let rows = try Row.fetchAll(db, sql: "SELECT * FROM audit_answer WHERE audit_id = ?", arguments: [auditID])
        return Dictionary(uniqueKeysWithValues: rows.map { (($0["question_id"] as String), Answer(row: $0)) })
    }

    public func actions(auditID: Int64) throws -> [AuditAction] {
        try read { db in
            try Row.fetchAll(db, sql: AuditAction.selection + " WHERE x.audit_id = ? ORDER BY x.id", arguments: [auditID]).map(AuditAction.init(row:))
        }
    }

    public func amendments(auditID: Int64) throws -> [AuditAmendment] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM audit_amendment WHERE audit_id = ? ORDER BY id", arguments: [auditID]).map(AuditAmendment.init(row:))
        }
    }

    /// Section id → the grade stored at submission.
    /// The domain grades worked out at submission; hidden, as the answers are, from all but
    /// the auditor while the audit awaits a blind moderation (`AuditRules.hiddenFromViewer`).
    public func sectionGrades(auditID: Int64) throws -> [String: Grade] {
        try read { db in
            try refuseIfHidden(auditID, db)
            return try Self.sectionGrades(auditID: auditID, in: db)
        }
    }

    static func sectionGrades(auditID: Int64, in db: Database) throws -> [String: Grade] {
        let rows = try Row.fetchAll(db, sql: "SELECT section_id, grade FROM audit_section_grade WHERE audit_id = ?", arguments: [auditID])
        return Dictionary(uniqueKeysWithValues: rows.compactMap { row in
            Grade(rawValue: row["grade"]).map { (row["section_id"] as String, $0) }
        })
    }

    public func escalations(openOnly: Bool = false, auditID: Int64? = nil) throws -> [Escalation] {
        try read { db in try Self.escalations(openOnly: openOnly, auditID: auditID, in: db) }
    }

    static func escalations(openOnly: Bool = false, auditID: Int64? = nil, in db: Database) throws -> [Escalation] {
        var clauses: [String] = []
        var arguments: StatementArguments = []
        if openOnly { clauses.append("response IS NULL") }
        if let auditID { clauses.append("audit_id = ?"); arguments += [auditID] }
        let whereClause = clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ")
        return try Row.fetchAll(db, sql: "SELECT * FROM escalation \(whereClause) ORDER BY id", arguments: arguments).map(Escalation.init(row:))
    }

    /// The template an audit was graded against, exactly as registered then.
    public func template(of audit: Audit) throws -> AuditTemplate {
        try template(id: audit.templateID, version: audit.templateVersion)
    }

    /// The latest registered template whose `applies_to` holds `service`.
    public func template(for service: Service?, caseID: String) throws -> AuditTemplate {
        guard let service else {
            throw AuditError.noTemplateImplied(caseID: caseID)
        }
        let ids = Set(try registeredTemplates().map(\.templateID)).sorted()
        for id in ids {
            let candidate = try template(id: id)
            if candidate.appliesTo.contains(service) { return candidate }
        }
        throw AuditError.noTemplateForService(service.code, caseID: caseID)
    }
}
