import AssayCore
import Foundation

/// An audit's judgement as it stood when submitted, kept as JSON in `audit_amendment`
/// when a lead reopens it: the audit log holds only digests of rows, and a reopened audit's
/// answers are then overwritten, so this is what lets anyone read what was first decided.
struct SubmittedAudit {
    let audit: Audit
    let answers: [String: Answer]
    let sectionGrades: [String: Grade]

    /// Keys sorted, grades as numbers (docs/json.md).
    func json() throws -> String {
        var answerObjects: [String: Any] = [:]
        for (id, answer) in answers {
            answerObjects[id] = [
                "value": answer.value as Any? ?? NSNull(), "grade": answer.grade?.rawValue as Any? ?? NSNull(),
                "skipped": answer.skipped, "evidence": answer.evidence as Any? ?? NSNull(),
                "reason": answer.reason as Any? ?? NSNull(), "answered_at": answer.answeredAt, "answered_by": answer.answeredBy,
            ]
        }
        let object: [String: Any] = [
            "audit_id": audit.id, "auditor": audit.auditor, "submitted_at": audit.submittedAt as Any? ?? NSNull(),
            "template": audit.templateID, "template_version": audit.templateVersion,
            "overall": audit.overall?.rawValue as Any? ?? NSNull(), "overall_reason": audit.overallReason as Any? ?? NSNull(),
            "suggested_overall": audit.suggestedOverall?.rawValue as Any? ?? NSNull(),
            "section_grades": sectionGrades.mapValues(\.rawValue), "answers": answerObjects,
        ]
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }
}
