import AssayAudits
import AssayCore
import AssayStore
import AssayTemplates
import GRDB

extension Store {
    /// The answers behind poor grades in the months `from` through `through`: grade
    /// questions graded 3 or 4 that have evidence, from the audits reports count
    /// (`AuditRules.counted`), optionally of one team (any case).
    /// Each is placed in its section by the template version its audit was graded against.
    /// Audits awaiting a blind moderation are left out for everyone but their own auditor
    /// (docs/moderation.md, "Blind").
    public func gradeEvidence(from: Month, through: Month, team: String? = nil) throws -> [GradeEvidence] {
        var sql = """
            SELECT a.id, a.month, a.case_id, a.team, a.locality, a.template_id, a.template_version,
                   q.question_id, q.grade, q.evidence
            FROM audit a JOIN audit_answer q ON q.audit_id = a.id
            WHERE \(AuditRules.countedInMonths("a"))
              AND q.grade IN (3, 4) AND q.evidence IS NOT NULL AND trim(q.evidence) != ''
              AND NOT \(AuditRules.hiddenFromViewer(audit: "a"))
            """
        var arguments: StatementArguments = [from, through, identity.name]
        if let team {
            sql += " AND a.team = ? COLLATE NOCASE"
            arguments += [team]
        }
        let rows = try read { db in try Row.fetchAll(db, sql: sql + " ORDER BY a.id, q.question_id", arguments: arguments) }
        var templates: [String: [String: (section: TemplateSection, sectionPosition: Int, question: TemplateQuestion, questionPosition: Int)]] = [:]
        var out: [GradeEvidence] = []
        for row in rows {
            let templateID: String = row["template_id"], version: Int = row["template_version"]
            let key = "\(templateID)\u{0}\(version)"
            if templates[key] == nil {
                let template = try self.template(id: templateID, version: version)
                var questions: [String: (TemplateSection, Int, TemplateQuestion, Int)] = [:]
                for (s, section) in template.sections.enumerated() {
                    for (q, question) in section.questions.enumerated() { questions[question.id] = (section, s, question, q) }
                }
                templates[key] = questions
            }
            guard let month = Month(row["month"] as String), let grade = Grade(rawValue: row["grade"]) else { continue }
            let questionID: String = row["question_id"]
            let place = templates[key]?[questionID]
            out.append(GradeEvidence(
                auditID: row["id"], caseID: row["case_id"], month: month, team: row["team"], locality: row["locality"],
                domain: place?.section.id ?? "?", domainTitle: place?.section.title ?? "Not in template \(templateID) v\(version)",
                questionID: questionID, prompt: place?.question.prompt ?? questionID, grade: grade,
                evidence: (row["evidence"] as String).trimmingCharacters(in: .whitespacesAndNewlines),
                sectionPosition: place?.sectionPosition ?? Int.max, questionPosition: place?.questionPosition ?? Int.max))
        }
        return out
    }

    /// The domains (template sections) of the registered templates, id → the title reports
    /// print for it (`DomainTitles`: the title most templates give the id).
    public func registeredDomains() throws -> [String: String] { try domainTitles().titles }
}
