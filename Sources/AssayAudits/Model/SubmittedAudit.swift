import AssayCore
import Foundation

/// An audit's judgement as it stood when submitted, kept as JSON in `audit_amendment`
/// when a lead reopens it: the audit log holds only digests of rows, and a reopened audit's
/// answers are then overwritten, so this is what lets anyone read what was first decided.
struct SubmittedAudit {
    let audit: Audit
    let answers: [String: Answer]
    let sectionGrades: [String: Grade]

    /// Grades as numbers (docs/json.md), in the canonical JSON of every JSON column
    /// (`JSONValue`, docs/integrity.md "JSON columns"): the bytes are hashed into the log.
    func json() -> String {
        let answerObjects = answers.mapValues { answer -> JSONValue in
            .object([
                "value": .orNull(answer.value), "grade": .orNull(answer.grade.map { Int64($0.rawValue) }),
                "skipped": .bool(answer.skipped), "evidence": .orNull(answer.evidence),
                "reason": .orNull(answer.reason), "answered_at": .string(answer.answeredAt), "answered_by": .string(answer.answeredBy),
            ])
        }
        let object: JSONValue = .object([
            "audit_id": .integer(audit.id), "auditor": .string(audit.auditor), "submitted_at": .orNull(audit.submittedAt),
            "template": .string(audit.templateID), "template_version": .integer(Int64(audit.templateVersion)),
            "overall": .orNull(audit.overall.map { Int64($0.rawValue) }), "overall_reason": .orNull(audit.overallReason),
            "suggested_overall": .orNull(audit.suggestedOverall.map { Int64($0.rawValue) }),
            "section_grades": .object(sectionGrades.mapValues { .integer(Int64($0.rawValue)) }), "answers": .object(answerObjects),
        ])
        return object.canonicalText
    }
}
