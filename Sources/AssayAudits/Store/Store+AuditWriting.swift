import AssayCore
import AssayStore
import AssayTemplates
import Foundation
import GRDB

/// Every change to an audit, each in its own transaction the moment it is made, so that a
/// closed terminal or a killed process loses nothing already answered.
extension Store {
    static let everyone: Set<Role> = [.auditor, .moderator, .lead]

    /// Opens the audit of a case in its month, or returns the one already in progress (a
    /// resume). A submitted audit is read-only until a lead amends it.
    public func openAudit(of theCase: AuditedCase, template: AuditTemplate, unsampled: Bool) throws -> (audit: Audit, created: Bool) {
        try require(Self.everyone, to: "audit cases")
        if let existing = try audit(caseID: theCase.caseID, month: theCase.month) {
            return (try editable(existing), false)
        }
        // Looked for again inside the transaction: another auditor may have opened the case
        // since, and then this is a resume of theirs, not a second audit.
        let (id, created) = try write { tx -> (Int64, Bool) in
            if let existing = try tx.query({ db in try Self.audit(caseID: theCase.caseID, month: theCase.month, in: db) }) {
                return (existing.id, false)
            }
            try Self.refuseImportedTwin(tx, theCase)
            try Self.refuseSetAside(tx, theCase)
            return (try Self.insertAudit(tx, theCase, Self.auditRecord(theCase, template: template, unsampled: unsampled,
                                                                       auditor: identity.name, at: tx.timestamp)), true)
        }
        let audit = try audit(id: id)
        return (created ? audit : try editable(audit), created)
    }

    /// Inserts the `audit` row of a case. The UNIQUE key on (month, case) is the last word
    /// when two writers race for one case; every caller has looked inside its transaction
    /// first, but should that key still fire, the person is told which audit the case has,
    /// not SQLite's "UNIQUE constraint failed".
    static func insertAudit(_ tx: AuditedWriter, _ theCase: AuditedCase, _ record: AuditRecord) throws -> Int64 {
        do {
            return try tx.insert(record)
        } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE {
            guard let existing = try? tx.query({ db in try Self.audit(caseID: theCase.caseID, month: theCase.month, in: db) }) else { throw error }
            throw alreadyAudited(theCase, existing)
        }
    }

    /// The `audit` row of a case as it is opened (in progress): the case's stratum as the
    /// draw saw it, the template, the auditor.
    static func auditRecord(_ theCase: AuditedCase, template: AuditTemplate, unsampled: Bool, auditor: String, at now: String,
                            overall: Grade? = nil, reason: String? = nil) -> AuditRecord {
        AuditRecord(month: theCase.month, caseID: theCase.caseID, drawID: theCase.drawID,
                    unsampled: unsampled && theCase.drawID == nil, reaudit: theCase.reaudit && theCase.drawID == nil,
                    team: theCase.team, locality: theCase.locality, service: theCase.service, worker: theCase.worker,
                    templateID: template.id, templateVersion: Int64(template.version), templateSHA256: template.contentSHA256,
                    auditor: auditor, status: Audit.Status.inProgress.rawValue, startedAt: now,
                    overall: overall, overallReason: reason)
    }

    /// The refusal for a case that already has an audit in its month.
    static func alreadyAudited(_ theCase: AuditedCase, _ existing: Audit) -> AuditError {
        .alreadyAudited(caseID: theCase.caseID, month: theCase.month, audit: existing.id, auditor: existing.auditor,
                        submitted: existing.status == .submitted)
    }

    /// Refuses changes to a submitted audit, or to someone else's (a lead may step in).
    /// For screens deciding what to offer; every write checks again inside its transaction.
    @discardableResult
    public func editable(_ audit: Audit) throws -> Audit {
        try Self.checkEditable(audit, by: identity, isLead: try person(named: identity.name)?.role == .lead)
    }

    /// The audit, checked as `editable` inside the write transaction that is about to change
    /// it, so no other writer can submit or reopen it between the check and the write.
    func lockedEditable(_ tx: AuditedWriter, _ auditID: Int64) throws -> Audit {
        let (audit, role) = try tx.query { db in
            (try Self.audit(id: auditID, in: db),
             try String.fetchOne(db, sql: "SELECT role FROM people WHERE name = ?", arguments: [identity.name]))
        }
        return try Self.checkEditable(audit, by: identity, isLead: role == Role.lead.rawValue)
    }

    static func checkEditable(_ audit: Audit, by identity: Identity, isLead: Bool) throws -> Audit {
        if audit.status == .submitted {
            throw AuditError.auditSubmitted(audit: audit.id, caseID: audit.caseID, month: audit.month, submittedAt: audit.submittedAt)
        }
        if audit.auditor.lowercased() != identity.name.lowercased() && !isLead {
            throw AuditError.notYourAudit(audit: audit.id, caseID: audit.caseID, auditor: audit.auditor)
        }
        return audit
    }

    /// Records (or replaces) the answer to one question. `typed` nil with `skipped` false
    /// keeps only the evidence or reason given so far.
    public func saveAnswer(auditID: Int64, questionID: String, typed: TypedAnswer?, skipped: Bool = false,
                           evidence: String?? = .none, reason: String?? = .none) throws {
        try write { tx in
            let now = tx.timestamp
            _ = try lockedEditable(tx, auditID)
            let existing = try tx.query { db in
                try Row.fetchOne(db, sql: "SELECT id, value, grade, skipped FROM audit_answer WHERE audit_id = ? AND question_id = ?",
                                 arguments: [auditID, questionID])
            }
            if let existing {
                // Only what was given changes: an evidence-only save keeps the answer.
                var values: [(AuditAnswerRecord.Column, (any DatabaseValueConvertible)?)] = [(.answeredAt, now), (.answeredBy, identity.name)]
                if let typed {
                    values += [(.value, typed.value), (.grade, typed.grade), (.skipped, false)]
                } else if skipped {
                    values += [(.value, nil), (.grade, nil), (.skipped, true)]
                }
                if case .some(let text) = evidence { values.append((.evidence, text)) }
                if case .some(let text) = reason { values.append((.reason, text)) }
                try tx.update(AuditAnswerRecord.self, id: existing["id"], set: values)
            } else {
                try tx.insert(AuditAnswerRecord(auditID: auditID, questionID: questionID, value: typed?.value, grade: typed?.grade,
                                                skipped: typed == nil && skipped, evidence: evidence ?? nil, reason: reason ?? nil,
                                                answeredAt: now, answeredBy: identity.name))
            }
        }
    }

    /// Sets the auditor's overall grade and the reason (needed when it differs from the suggestion).
    public func setOverall(auditID: Int64, grade: Grade?, reason: String?) throws {
        try write { tx in
            _ = try lockedEditable(tx, auditID)
            try tx.update(AuditRecord.self, id: auditID, set: [(.overall, grade), (.overallReason, reason)])
        }
    }

    public func addAction(auditID: Int64, what: String, owner: String, due: CalendarDate) throws {
        try write { tx in
            _ = try lockedEditable(tx, auditID)
            try Self.insertAction(tx, auditID: auditID, what: what, owner: owner, due: due)
        }
    }

    /// Marks the child as unsafe now. Recorded at once, whatever state the audit is in.
    @discardableResult
    public func raiseEscalation(auditID: Int64, concern: String, escalatedTo: String) throws -> Int64 {
        try require(Self.everyone, to: "raise escalations")
        return try write { tx in
            let audit = try tx.query { db in try Self.audit(id: auditID, in: db) }
            return try tx.insert(EscalationRecord(auditID: auditID, caseID: audit.caseID, concern: concern, escalatedTo: escalatedTo,
                                                  raisedAt: tx.timestamp, raisedBy: identity.name,
                                                  response: nil, respondedAt: nil, respondedBy: nil))
        }
    }

    public func respondToEscalation(id: Int64, response: String) throws {
        try require(Self.everyone, to: "record escalation responses")
        let text = response.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw AuditError.responseMissing }
        try write { tx in
            guard let current = try tx.query({ db in try Self.escalations(in: db) }).first(where: { $0.id == id }) else {
                throw AuditError.noEscalation(id)
            }
            if let response = current.response {
                throw AuditError.escalationAnswered(id, by: current.respondedBy, at: current.respondedAt, response: response)
            }
            try tx.update(EscalationRecord.self, id: id, set: [
                (.response, text), (.respondedAt, tx.timestamp), (.respondedBy, identity.name),
            ])
        }
    }

    /// Submits an audit that meets every rule (SubmissionRules): stores its section grades
    /// and suggested overall, and makes it read-only. Otherwise lists what is missing.
    public func submit(auditID: Int64) throws {
        let template = try template(of: try audit(id: auditID))  // registered templates never change
        try write { tx in
            let audit = try lockedEditable(tx, auditID)
            let (answers, open) = try tx.query { db in
                (try Self.answers(auditID: auditID, in: db), try Self.escalations(openOnly: true, auditID: auditID, in: db).map(\.id))
            }
            let problems = SubmissionRules.problems(template: template, answers: answers, overall: audit.overall, reason: audit.overallReason,
                                                    openEscalations: open)
            guard problems.isEmpty else {
                throw AuditError.notSubmittable(audit: auditID, problems: problems)
            }
            let suggested = SuggestedGrades(template: template, answers: SubmissionRules.gradeAnswers(answers))
            try Self.finish(tx, auditID: auditID, template: template, suggested: suggested)
        }
    }

    /// Creates, fills and submits an audit in one transaction (`audit CASE --answers FILE`):
    /// the caller has checked everything, and if any write fails nothing is stored. An audit
    /// of the case already in progress (begun in the shell, or reopened by a lead) is
    /// completed from the file instead: the file is the whole audit, so its answers replace
    /// the stored ones and a question it leaves out is cleared.
    @discardableResult
    public func submitInOneStep(_ theCase: AuditedCase, template: AuditTemplate, unsampled: Bool, answers: [Answer],
                                overall: Grade, reason: String?, actions: [(what: String, owner: String, due: CalendarDate)]) throws -> Int64 {
        try require(Self.everyone, to: "audit cases")
        // A first look, so that a case already audited is refused before the file's problems
        // are listed; the decision itself is taken again inside the write transaction below.
        if let existing = try audit(caseID: theCase.caseID, month: theCase.month) {
            try Self.refuseOneStep(theCase, template: template, over: existing)
        }
        let byID = Dictionary(uniqueKeysWithValues: answers.map { ($0.questionID, $0) })
        let problems = SubmissionRules.problems(template: template, answers: byID, overall: overall, reason: reason, openEscalations: [])
        guard problems.isEmpty else {
            throw AuditError.notStored(caseID: theCase.caseID, problems: problems.map(\.message))
        }
        let suggested = SuggestedGrades(template: template, answers: SubmissionRules.gradeAnswers(byID))
        return try write { tx in
            let now = tx.timestamp
            // Whether the case already has an audit is decided here, inside the IMMEDIATE
            // transaction: a writer racing for the same case (another process submitting the
            // same file) has either committed its audit, which is then found, or waits.
            guard let existing = try tx.query({ db in try Self.audit(caseID: theCase.caseID, month: theCase.month, in: db) }) else {
                try Self.refuseImportedTwin(tx, theCase)
                try Self.refuseSetAside(tx, theCase)
                return try insertSubmitted(tx, theCase, template: template, unsampled: unsampled, answers: answers, overall: overall,
                                           reason: reason, actions: actions, suggested: suggested, at: now)
            }
            try Self.refuseOneStep(theCase, template: template, over: existing)
            _ = try lockedEditable(tx, existing.id)
            try tx.update(AuditRecord.self, id: existing.id, set: [(.overall, overall), (.overallReason, reason)])
            let stored = try tx.query { db in
                try Row.fetchAll(db, sql: "SELECT id, question_id FROM audit_answer WHERE audit_id = ?", arguments: [existing.id])
            }
            let storedIDs = Dictionary(uniqueKeysWithValues: stored.map { ($0["question_id"] as String, $0["id"] as Int64) })
            for answer in answers {
                let record = AuditAnswerRecord(auditID: existing.id, questionID: answer.questionID, value: answer.value, grade: answer.grade,
                                               skipped: answer.skipped, evidence: answer.evidence, reason: answer.reason,
                                               answeredAt: now, answeredBy: identity.name)
                if let id = storedIDs[answer.questionID] {
                    // The whole answer but its audit and question, which the row already has.
                    try tx.update(AuditAnswerRecord.self, id: id, set: [.value, .grade, .skipped, .evidence, .reason, .answeredAt, .answeredBy].map {
                        ($0, record.value(of: $0))
                    })
                } else {
                    try tx.insert(record)
                }
            }
            for (question, id) in storedIDs where byID[question] == nil { try tx.delete(from: .auditAnswer, id: id) }
            for action in actions { try Self.insertAction(tx, auditID: existing.id, what: action.what, owner: action.owner, due: action.due) }
            try Self.finish(tx, auditID: existing.id, template: template, suggested: suggested)
            return existing.id
        }
    }

    /// Refuses `submitInOneStep` over the case's existing audit: a submitted one (only a
    /// lead's amend reopens it), or one begun with another template.
    private static func refuseOneStep(_ theCase: AuditedCase, template: AuditTemplate, over existing: Audit) throws {
        if existing.status == .submitted { throw alreadyAudited(theCase, existing) }
        if existing.templateID != template.id || existing.templateVersion != template.version {
            throw AuditError.templateMismatch(audit: existing.id, caseID: theCase.caseID, begunWith: "\(existing.templateID) v\(existing.templateVersion)",
                                              answersFor: "\(template.id) v\(template.version)")
        }
    }

    /// One complete audit, for `submitInBulk`.
    public struct BulkAudit: Sendable {
        public let theCase: AuditedCase
        public let answers: [Answer]
        public let overall: Grade
        public let reason: String?

        public init(theCase: AuditedCase, answers: [Answer], overall: Grade, reason: String?) {
            self.theCase = theCase
            self.answers = answers
            self.overall = overall
            self.reason = reason
        }
    }

    /// Submits many complete audits in one transaction: the documented bulk path
    /// (docs/performance.md) for loading audits made elsewhere and for the benchmark. The
    /// rows and audit log entries are exactly those `submitInOneStep` writes, and every audit
    /// meets the same submission rules; one transaction for many audits is what makes a
    /// million of them loadable. All are stored, or (any problem) none. Lead only.
    @discardableResult
    public func submitInBulk(_ audits: [BulkAudit], template: AuditTemplate) throws -> [Int64] {
        try require([.lead], to: "load audits in bulk")
        let prepared = try audits.map { audit in
            let byID = Dictionary(uniqueKeysWithValues: audit.answers.map { ($0.questionID, $0) })
            let problems = SubmissionRules.problems(template: template, answers: byID, overall: audit.overall, reason: audit.reason, openEscalations: [])
            guard problems.isEmpty else {
                throw AuditError.notStored(caseID: audit.theCase.caseID, problems: problems.map(\.message))
            }
            return (audit, SuggestedGrades(template: template, answers: SubmissionRules.gradeAnswers(byID)))
        }
        return try write { tx in
            try tx.useBulkCache()
            let now = tx.timestamp
            return try prepared.map { audit, suggested in
                try insertSubmitted(tx, audit.theCase, template: template, unsampled: false, answers: audit.answers, overall: audit.overall,
                                    reason: audit.reason, actions: [], suggested: suggested, at: now)
            }
        }
    }

    /// A new audit written as submitted in one go: its row inserted as it ends (status,
    /// suggested overall grade and time of submission in place), then its answers, actions and
    /// section grades. The same rows as inserting it in progress and then submitting it, with
    /// no update between: so the log holds the row once, and the answers of a bulk load run
    /// on from audit to audit into full blocks (log format 2, docs/integrity.md "Blocks").
    private func insertSubmitted(_ tx: AuditedWriter, _ theCase: AuditedCase, template: AuditTemplate, unsampled: Bool, answers: [Answer],
                                 overall: Grade, reason: String?, actions: [(what: String, owner: String, due: CalendarDate)],
                                 suggested: SuggestedGrades, at now: String) throws -> Int64 {
        var record = Self.auditRecord(theCase, template: template, unsampled: unsampled, auditor: identity.name, at: now,
                                      overall: overall, reason: reason)
        record.status = Audit.Status.submitted.rawValue
        record.suggestedOverall = suggested.overall
        record.submittedAt = now
        let id = try Self.insertAudit(tx, theCase, record)
        for answer in answers {
            try tx.insert(AuditAnswerRecord(
                auditID: id, questionID: answer.questionID, value: answer.value, grade: answer.grade,
                skipped: answer.skipped, evidence: answer.evidence, reason: answer.reason, answeredAt: now, answeredBy: identity.name))
        }
        for action in actions { try Self.insertAction(tx, auditID: id, what: action.what, owner: action.owner, due: action.due) }
        try Self.insertSectionGrades(tx, auditID: id, template: template, suggested: suggested)
        return id
    }

    /// Reopens a submitted audit (lead only), with the reason and the judgement as it was
    /// submitted kept in `audit_amendment`, so a changed judgement never loses the old one.
    public func amend(auditID: Int64, reason: String) throws {
        try require([.lead], to: "reopen submitted audits")
        let text = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw AuditError.reasonMissing(.reopen) }
        try write { tx in
            let (audit, answers, sections) = try tx.query { db in
                (try Self.audit(id: auditID, in: db), try Self.answers(auditID: auditID, in: db), try Self.sectionGrades(auditID: auditID, in: db))
            }
            guard audit.status == .submitted else {
                throw AuditError.notSubmitted(audit: auditID, status: audit.status.rawValue)
            }
            let submitted = SubmittedAudit(audit: audit, answers: answers, sectionGrades: sections).json()
            try tx.insert(AuditAmendmentRecord(auditID: auditID, reason: text, amendedAt: tx.timestamp, amendedBy: identity.name,
                                               submittedJSON: submitted))
            // The grades worked out at submission no longer describe a reopened audit; they
            // are kept in the amendment and worked out afresh when it is submitted again.
            try Self.clearSectionGrades(tx, auditID: auditID)
            try tx.update(AuditRecord.self, id: auditID, set: [(.status, Audit.Status.inProgress.rawValue), (.submittedAt, nil), (.suggestedOverall, nil)])
        }
    }

    /// A case audited before Assay and imported (`import audits`) is not audited again in
    /// the same month: reports would count it twice.
    private static func refuseImportedTwin(_ tx: AuditedWriter, _ theCase: AuditedCase) throws {
        let line = try tx.query { db in
            try Int.fetchOne(db, sql: "SELECT source_line FROM imported_audit WHERE month = ? AND case_id = ?",
                             arguments: [theCase.month.description, theCase.caseID])
        }
        if let line {
            throw AuditError.pastAuditExists(caseID: theCase.caseID, month: theCase.month, line: line)
        }
    }

    @discardableResult
    static func insertAction(_ tx: AuditedWriter, auditID: Int64, what: String, owner: String, due: CalendarDate) throws -> Int64 {
        // Every way of raising an action checks its due date first; this is the last line (ActionDueDate).
        try ActionDueDate.check(due, raisedAt: tx.instant)
        let team = try tx.query { db in try String.fetchOne(db, sql: "SELECT team FROM audit WHERE id = ?", arguments: [auditID]) }
        return try tx.insert(AuditActionRecord(auditID: auditID, what: what, owner: owner, due: due, raisedAt: tx.timestamp,
                                               raisedBy: tx.user.name, team: team, status: AuditAction.Status.open.rawValue,
                                               closedAt: nil, closedBy: nil, closingNote: nil))
    }

    private static func clearSectionGrades(_ tx: AuditedWriter, auditID: Int64) throws {
        let stale = try tx.query { db in
            try Int64.fetchAll(db, sql: "SELECT id FROM audit_section_grade WHERE audit_id = ?", arguments: [auditID])
        }
        for id in stale { try tx.delete(from: .auditSectionGrade, id: id) }
    }

    private static func finish(_ tx: AuditedWriter, auditID: Int64, template: AuditTemplate, suggested: SuggestedGrades) throws {
        try clearSectionGrades(tx, auditID: auditID)
        try insertSectionGrades(tx, auditID: auditID, template: template, suggested: suggested)
        try tx.update(AuditRecord.self, id: auditID, set: [
            (.status, Audit.Status.submitted.rawValue), (.suggestedOverall, suggested.overall), (.submittedAt, tx.timestamp),
        ])
    }

    /// The section grades worked out at submission, in the template's order.
    private static func insertSectionGrades(_ tx: AuditedWriter, auditID: Int64, template: AuditTemplate, suggested: SuggestedGrades) throws {
        for section in template.sections {
            if let grade = suggested.sections[section.id] {
                try tx.insert(AuditSectionGradeRecord(auditID: auditID, sectionID: section.id, grade: grade))
            }
        }
    }
}
