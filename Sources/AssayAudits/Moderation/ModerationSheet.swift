import AssayCore
import AssayTemplates
import Yams

/// A moderator's grading of an audit from a file (`moderate AUDIT_ID --answers FILE`): the
/// audit answers format (AnswerSheet: the moderator's blind answers, evidence and overall
/// grade, checked by the same rules), plus the grades agreed after the moderator and the
/// first auditor compared notes:
///
/// ```yaml
/// agreed:                 # question id → grade, for grade questions whose agreed grade differs
///   risk: r
/// agreed_overall: r       # absent: the moderator's overall grade is the agreed one
/// agreed_reason: Agreed with the auditor that the plan has no timescales.
/// ```
///
/// An agreed grade (question or overall) that differs from the moderator's own needs
/// `agreed_reason`. `actions:` raises actions for the case, as an audit's do (docs/actions.md).
public struct ModerationSheet {
    public let blind: AnswerSheet
    /// Question id → agreed grade, every graded question (the moderator's where none was given).
    public let agreedGrades: [String: Grade]
    public let agreedOverall: Grade
    public let agreedReason: String?

    static let extraKeys: Set<String> = ["agreed", "agreed_overall", "agreed_reason"]

    /// A moderation typed at a terminal (the guided `moderate AUDIT_ID`): the same sheet a
    /// file gives, checked by the same rules (the submission rules for the blind answers and
    /// overall grade; a reason for any agreed grade that differs from the moderator's own).
    /// `agreed` holds the agreed grade of every graded question that differs from the blind
    /// one; the others take the moderator's, as in a file.
    public init(template: AuditTemplate, answers: [Answer], overall: Grade, reason: String?,
                agreed: [String: Grade], agreedOverall: Grade, agreedReason: String?) throws {
        let byID = Dictionary(uniqueKeysWithValues: answers.map { ($0.questionID, $0) })
        var problems = SubmissionRules.problems(template: template, answers: byID, overall: overall, reason: reason, openEscalations: [])
            .map(\.message)
        let blindGrades = SubmissionRules.gradeAnswers(byID)
        let questions = Dictionary(uniqueKeysWithValues: template.questions.map { ($0.id, $0) })
        var differs = agreedOverall != overall
        for (id, grade) in agreed {
            if questions[id]?.kind != .grade { problems.append("only grade questions have agreed grades (\(id))") }
            if blindGrades[id] != grade { differs = true }
        }
        if differs && SubmissionRules.blank(agreedReason) {
            problems.append("an agreed grade that differs from the moderator's own needs a reason")
        }
        guard problems.isEmpty else { throw AuditError.moderationProblems(problems) }
        var grades = blindGrades
        for (id, grade) in agreed { grades[id] = grade }
        self.init(blind: AnswerSheet(answers: answers, overall: overall, reason: reason, actions: []),
                  agreedGrades: grades, agreedOverall: agreedOverall, agreedReason: agreedReason)
    }

    init(blind: AnswerSheet, agreedGrades: [String: Grade], agreedOverall: Grade, agreedReason: String?) {
        self.blind = blind
        self.agreedGrades = agreedGrades
        self.agreedOverall = agreedOverall
        self.agreedReason = agreedReason
    }

    public static func read(path: String, template: AuditTemplate, today: CalendarDate = Today.date()) throws -> ModerationSheet {
        var agreed: [String: Grade] = [:]
        var agreedOverall: Grade?
        var agreedReason: String?
        let sheet = try AnswerSheet.read(path: path, template: template, today: today, extraKeys: extraKeys) { top, answers, report in
            let questions = Dictionary(uniqueKeysWithValues: template.questions.map { ($0.id, $0) })
            let blindGrades = Dictionary(uniqueKeysWithValues: answers.compactMap { a in a.grade.map { (a.questionID, $0) } })
            var differs = false
            var reasonLine = top.line
            if let node = top.node("agreed") {
                reasonLine = top.keyLine("agreed") ?? reasonLine
                if let mapping = node.mapping {
                    for (key, value) in mapping {
                        let id = key.string ?? "?"
                        let line = key.mark?.line
                        guard let question = questions[id] else {
                            report(line, "agreed", "no question \"\(id)\" in template \(template.id) version \(template.version)")
                            continue
                        }
                        guard question.kind == .grade else {
                            report(line, id, "only grade questions have agreed grades (\(id) is \(question.kind.rawValue))")
                            continue
                        }
                        if agreed[id] != nil { report(line, id, "agreed twice"); continue }
                        guard let text = value.scalar?.string, let grade = Grade(typed: text) else {
                            report(line, id, "\"\(value.scalar?.string ?? "?")\" is not a grade (o/g/r/i, 1–4, or the grade's name)")
                            continue
                        }
                        agreed[id] = grade
                        if blindGrades[id] != grade { differs = true }
                    }
                } else {
                    report(node.mark?.line, "agreed", "expected a mapping of question id to grade")
                }
            }
            if let text = top.string("agreed_overall", required: false) {
                reasonLine = top.keyLine("agreed_overall") ?? reasonLine
                if let grade = Grade(typed: text) {
                    agreedOverall = grade
                    if let overall = top.string("overall", required: false).flatMap(Grade.init(typed:)), overall != grade { differs = true }
                } else {
                    report(top.keyLine("agreed_overall"), "agreed_overall", "\"\(text)\" is not a grade (o/g/r/i, 1–4, or the grade's name)")
                }
            }
            agreedReason = top.string("agreed_reason", required: false, kind: .paragraph)
            if differs && agreedReason == nil {
                report(reasonLine, "agreed_reason", "an agreed grade that differs from the moderator's own needs a reason")
            }
        }
        var grades = SubmissionRules.gradeAnswers(Dictionary(uniqueKeysWithValues: sheet.answers.map { ($0.questionID, $0) }))
        for (id, grade) in agreed { grades[id] = grade }
        return ModerationSheet(blind: sheet, agreedGrades: grades, agreedOverall: agreedOverall ?? sheet.overall, agreedReason: agreedReason)
    }
}
