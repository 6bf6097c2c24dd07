import AssayCore
import AssayStore
import Foundation
import GRDB

/// What `redact` blanked.
public struct RedactionResult: Sendable, Equatable {
    public let auditID: Int64
    public let questionID: String
    /// Rows whose text was blanked: the answer, moderators' answers, amendment snapshots.
    public let rowsBlanked: Int
}

extension Store {
    /// Blanks the evidence text of one answer — to erase personal data that should not have
    /// been written, or to correct it — wherever Assay holds it: the audit's answer, any
    /// moderator's answer to the same question, and the answer as kept in any amendment
    /// snapshot. Grades and every other value stay. Lead only.
    ///
    /// Each blanked row is logged as a `redact` entry (so the chain still verifies and
    /// `verify` lists it as a redaction, not tampering) and a `redaction` row records who,
    /// when and why. The earlier text survives nowhere in the database; the log held only its
    /// digest. (Old WAL frames and backups may still hold it: docs/integrity.md.)
    public func redact(auditID: Int64, questionID: String, reason: String) throws -> RedactionResult {
        try require([.lead], to: "redact evidence")
        let why = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !why.isEmpty else { throw AuditError.reasonMissing(.redact) }
        return try write { tx in
            let answer = try tx.query { db in
                try Row.fetchOne(db, sql: "SELECT id, evidence FROM audit_answer WHERE audit_id = ? AND question_id = ?",
                                 arguments: [auditID, questionID])
            }
            guard let answer else {
                let exists = try tx.query { try Bool.fetchOne($0, sql: "SELECT 1 FROM audit WHERE id = ?", arguments: [auditID]) } ?? false
                throw exists ? AuditError.noAnswer(audit: auditID, question: questionID) : AuditError.noAudit(auditID)
            }
            var blanked = 0
            if (answer["evidence"] as String?) != nil {
                try tx.redact(AuditAnswerRecord.self, id: answer["id"], set: [(.evidence, nil)])
                blanked += 1
            }
            let moderated = try tx.query { db in
                try Int64.fetchAll(db, sql: """
                    SELECT a.id FROM moderation_answer a JOIN moderation m ON m.id = a.moderation_id
                    WHERE m.audit_id = ? AND a.question_id = ? AND a.evidence IS NOT NULL
                    """, arguments: [auditID, questionID])
            }
            for id in moderated {
                try tx.redact(ModerationAnswerRecord.self, id: id, set: [(.evidence, nil)])
                blanked += 1
            }
            let snapshots = try tx.query { db in
                try Row.fetchAll(db, sql: "SELECT id, submitted_json FROM audit_amendment WHERE audit_id = ?", arguments: [auditID])
            }
            for snapshot in snapshots {
                if let json = try Self.blankingEvidence(of: questionID, in: snapshot["submitted_json"]) {
                    try tx.redact(AuditAmendmentRecord.self, id: snapshot["id"], set: [(.submittedJSON, json)])
                    blanked += 1
                }
            }
            guard blanked > 0 else {
                throw AuditError.noEvidence(audit: auditID, question: questionID)
            }
            try tx.insert(RedactionRecord(auditID: auditID, questionID: questionID, reason: why,
                                          redactedAt: tx.timestamp, redactedBy: identity.name))
            return RedactionResult(auditID: auditID, questionID: questionID, rowsBlanked: blanked)
        }
    }

    /// The amendment snapshot with the question's evidence set to null, or nil when it has none.
    private static func blankingEvidence(of questionID: String, in json: String) throws -> String? {
        guard var object = try StrictJSONReader.parse(Array(json.utf8), source: "submitted_json").object,
              var answers = object["answers"]?.object,
              var answer = answers[questionID]?.object,
              let evidence = answer["evidence"], evidence != .null else { return nil }
        answer["evidence"] = .null
        answers[questionID] = .object(answer)
        object["answers"] = .object(answers)
        return JSONValue.object(object).canonicalText
    }
}
