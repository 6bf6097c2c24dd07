import AssayCore
import AssayStore
import AssayTemplates
import Foundation
import GRDB

/// Moderation samples and moderations (docs/moderation.md).
extension Store {
    /// Takes (and stores) the month's moderation sample of its submitted audits (lead only).
    /// A month that has one is refused unless `replaceReason` is given, and even then once
    /// any of its audits has been moderated; the old sample is kept, marked replaced.
    @discardableResult
    public func takeModerationSample(month: Month, share: Double, seed: String?, replaceReason: String?) throws -> ModerationSample {
        try require([.lead], to: "take a moderation sample")
        guard share > 0 && share <= 1 else { throw AuditError.shareOutOfRange(share) }
        let seedText = seed ?? ModerationSelection.freshSeed()
        let id = try write { tx -> Int64 in
            let (candidates, existing, moderated) = try tx.query { db in
                (try Row.fetchAll(db, sql: "SELECT id, case_id, auditor FROM audit WHERE month = ? AND status = 'submitted' ORDER BY id",
                                  arguments: [month])
                    .map { ModerationCandidate(auditID: $0["id"], caseID: $0["case_id"], auditor: $0["auditor"]) },
                 try Int64.fetchOne(db, sql: "SELECT id FROM moderation_sample WHERE month = ? AND status = 'current'", arguments: [month]),
                 try Int.fetchOne(db, sql: """
                    SELECT count(*) FROM moderation m JOIN moderation_sample_audit sa ON sa.audit_id = m.audit_id
                    JOIN moderation_sample s ON s.id = sa.sample_id WHERE s.month = ? AND s.status = 'current'
                    """, arguments: [month]) ?? 0)
            }
            if let existing {
                guard let reason = replaceReason?.trimmingCharacters(in: .whitespaces), !reason.isEmpty else {
                    throw AuditError.alreadySampledForModeration(month: month, sample: existing)
                }
                if moderated > 0 {
                    throw AuditError.sampleHasModerations(month: month, sample: existing, moderated: moderated)
                }
                try tx.update(ModerationSampleRecord.self, id: existing, set: [(.status, "replaced")])
            } else if replaceReason != nil {
                throw AuditError.noModerationSampleToReplace(month: month)
            }
            guard !candidates.isEmpty else {
                throw AuditError.nothingToModerate(month)
            }
            let picks = ModerationSelection.select(candidates, share: share, seed: seedText)
            let auditors = Set(candidates.map { $0.auditor.lowercased() }).count
            let sampleID = try tx.insert(ModerationSampleRecord(
                month: month, seed: seedText, seedGiven: seed != nil, algorithm: ModerationSelection.algorithm, share: share,
                population: candidates.count, auditors: auditors, total: picks.count, sampledAt: tx.timestamp, sampledBy: identity.name,
                status: "current", replacesSampleID: existing, replaceReason: existing == nil ? nil : replaceReason))
            for pick in picks {
                try tx.insert(ModerationSampleAuditRecord(sampleID: sampleID, auditID: pick.candidate.auditID, auditor: pick.candidate.auditor,
                                                          ticket: pick.ticket, chosenAs: pick.chosenAs.rawValue))
            }
            return sampleID
        }
        return try moderationSample(id: id)
    }

    /// The month's current moderation sample, if one has been taken.
    public func moderationSample(month: Month) throws -> ModerationSample? {
        let id = try read { db in
            try Int64.fetchOne(db, sql: "SELECT id FROM moderation_sample WHERE month = ? AND status = 'current'", arguments: [month])
        }
        return try id.map { try moderationSample(id: $0) }
    }

    public func moderationSample(id: Int64) throws -> ModerationSample {
        try read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM moderation_sample WHERE id = ?", arguments: [id]) else {
                throw AuditError.noModerationSample(id)
            }
            let rows = try Row.fetchAll(db, sql: """
                SELECT sa.audit_id, a.case_id, a.team, sa.auditor, sa.ticket, sa.chosen_as, m.moderator, m.moderated_at
                FROM moderation_sample_audit sa JOIN audit a ON a.id = sa.audit_id LEFT JOIN moderation m ON m.audit_id = sa.audit_id
                WHERE sa.sample_id = ? ORDER BY sa.ticket
                """, arguments: [id]).map {
                    ModerationSample.Row(auditID: $0["audit_id"], caseID: $0["case_id"], team: $0["team"], auditor: $0["auditor"],
                                         ticket: $0["ticket"], chosenAs: $0["chosen_as"], moderator: $0["moderator"], moderatedAt: $0["moderated_at"])
                }
            return ModerationSample(
                id: id, month: Month(row["month"] as String) ?? Month(year: 1970, month: 1)!, seed: row["seed"],
                seedGiven: row["seed_given"] as Int64 == 1, algorithm: row["algorithm"], share: row["share"],
                population: row["population"], auditors: row["auditors"], total: row["total"], sampledAt: row["sampled_at"],
                sampledBy: row["sampled_by"], replacesSampleID: row["replaces_sample_id"], replaceReason: row["replace_reason"], rows: rows)
        }
    }

    /// Audit id → where it stands in moderation; audits in no current sample and never
    /// moderated are absent.
    public func moderationStates() throws -> [Int64: ModerationState] {
        try read { db in
            var states: [Int64: ModerationState] = [:]
            for id in try Int64.fetchAll(db, sql: """
                SELECT sa.audit_id FROM moderation_sample_audit sa JOIN moderation_sample s ON s.id = sa.sample_id WHERE s.status = 'current'
                """) { states[id] = .pending }
            for id in try Int64.fetchAll(db, sql: "SELECT audit_id FROM moderation") { states[id] = .moderated }
            return states
        }
    }

    /// Whether the current user must not see the audit's grades and evidence: the rule
    /// `AuditRules.hiddenFromViewer` (in a current moderation sample, not yet moderated, not
    /// their own; docs/moderation.md, "Blind"), asked of the database, so that a listing and
    /// a report hide the same audits. `states` is no longer needed and is ignored.
    public func isHiddenFromMe(_ audit: Audit, states: [Int64: ModerationState]? = nil) throws -> Bool {
        try read { db in try Self.isHidden(auditID: audit.id, from: identity.name, in: db) }
    }

    static func isHidden(auditID: Int64, from viewer: String, in db: Database) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT \(AuditRules.hiddenFromViewer(audit: "a")) FROM audit a WHERE a.id = ?",
                          arguments: [viewer, auditID]) ?? false
    }

    /// The first auditor's answers to an audit the current user is moderating, for the
    /// side-by-side pass once their blind grades are final: the one reading of a hidden
    /// audit's answers, allowed only to whom `moderationTarget` allows the moderation.
    public func answersUnderModeration(auditID: Int64) throws -> [String: Answer] {
        try require([.moderator, .lead], to: "moderate audits")
        return try read { db in
            _ = try Self.checkModeratable(db, auditID: auditID, moderator: identity.name)
            return try Self.answers(auditID: auditID, in: db)
        }
    }

    /// The moderation of an audit, if it has been moderated.
    public func moderation(auditID: Int64) throws -> Moderation? {
        try read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM moderation WHERE audit_id = ?", arguments: [auditID]) else { return nil }
            let id: Int64 = row["id"]
            return Moderation(row: row,
                              answers: try Row.fetchAll(db, sql: "SELECT * FROM moderation_answer WHERE moderation_id = ?", arguments: [id]),
                              sections: try Row.fetchAll(db, sql: "SELECT * FROM moderation_section_grade WHERE moderation_id = ?", arguments: [id]))
        }
    }

    /// The audit the current user may moderate now, with the template it was graded
    /// against; refuses (saying why) anything else.
    public func moderationTarget(auditID: Int64) throws -> (audit: Audit, template: AuditTemplate) {
        try require([.moderator, .lead], to: "moderate audits")
        let audit = try read { db in try Self.checkModeratable(db, auditID: auditID, moderator: identity.name) }.audit
        return (audit, try template(of: audit))
    }

    static func checkModeratable(_ db: Database, auditID: Int64, moderator: String) throws -> (audit: Audit, sampleID: Int64) {
        let audit = try Self.audit(id: auditID, in: db)
        if audit.auditor.lowercased() == moderator.lowercased() {
            throw AuditError.ownAuditToModerate(audit: auditID, caseID: audit.caseID)
        }
        if let done = try Row.fetchOne(db, sql: "SELECT moderator, moderated_at FROM moderation WHERE audit_id = ?", arguments: [auditID]) {
            throw AuditError.alreadyModerated(audit: auditID, caseID: audit.caseID, by: done["moderator"], at: done["moderated_at"])
        }
        guard audit.status == .submitted else {
            throw AuditError.notModeratable(audit: auditID, caseID: audit.caseID, status: audit.status.rawValue)
        }
        guard let sampleID = try Int64.fetchOne(db, sql: """
            SELECT s.id FROM moderation_sample_audit sa JOIN moderation_sample s ON s.id = sa.sample_id
            WHERE sa.audit_id = ? AND s.status = 'current'
            """, arguments: [auditID]) else {
            throw AuditError.notInModerationSample(audit: auditID, caseID: audit.caseID, month: audit.month)
        }
        return (audit, sampleID)
    }

    /// Stores a moderation (moderators and leads; never of one's own audit; only of an audit
    /// in its month's current moderation sample, once): the moderator's blind answers and
    /// grades, the agreed grades, and each domain's first, blind and agreed grades.
    @discardableResult
    public func moderate(auditID: Int64, template: AuditTemplate, sheet: ModerationSheet) throws -> Int64 {
        try require([.moderator, .lead], to: "moderate audits")
        let blindAnswers = Dictionary(uniqueKeysWithValues: sheet.blind.answers.map { ($0.questionID, $0) })
        let blind = SuggestedGrades(template: template, answers: SubmissionRules.gradeAnswers(blindAnswers))
        let agreed = SuggestedGrades(template: template, answers: sheet.agreedGrades)
        return try write { tx in
            let now = tx.timestamp
            let (audit, sampleID, first) = try tx.query { db in
                let (audit, sampleID) = try Self.checkModeratable(db, auditID: auditID, moderator: identity.name)
                return (audit, sampleID, try Self.sectionGrades(auditID: auditID, in: db))
            }
            guard audit.templateID == template.id && audit.templateVersion == template.version else {
                throw AuditError.moderationTemplateMismatch(audit: auditID, template: "\(audit.templateID) v\(audit.templateVersion)")
            }
            let id = try tx.insert(ModerationRecord(
                auditID: auditID, sampleID: sampleID, moderator: identity.name, moderatedAt: now, firstOverall: audit.overall,
                blindSuggestedOverall: blind.overall, blindOverall: sheet.blind.overall, blindReason: sheet.blind.reason,
                agreedOverall: sheet.agreedOverall, agreedReason: sheet.agreedReason))
            for answer in sheet.blind.answers {
                try tx.insert(ModerationAnswerRecord(moderationID: id, questionID: answer.questionID, value: answer.value, grade: answer.grade,
                                                     evidence: answer.evidence, reason: answer.reason,
                                                     agreedGrade: sheet.agreedGrades[answer.questionID]))
            }
            for (questionID, grade) in sheet.agreedGrades.sorted(by: { $0.key < $1.key }) where blindAnswers[questionID] == nil {
                try tx.insert(ModerationAnswerRecord(moderationID: id, questionID: questionID, value: nil, grade: nil,
                                                     evidence: nil, reason: nil, agreedGrade: grade))
            }
            for section in template.sections {
                let grades = (first[section.id], blind.sections[section.id], agreed.sections[section.id])
                if grades.0 == nil && grades.1 == nil && grades.2 == nil { continue }
                try tx.insert(ModerationSectionGradeRecord(moderationID: id, sectionID: section.id, firstGrade: grades.0,
                                                           blindGrade: grades.1, agreedGrade: grades.2))
            }
            // Actions a moderation raises are the case's, like an audit's (docs/actions.md).
            for action in sheet.blind.actions {
                try Self.insertAction(tx, auditID: auditID, what: action.what, owner: action.owner, due: action.due)
            }
            return id
        }
    }
}
