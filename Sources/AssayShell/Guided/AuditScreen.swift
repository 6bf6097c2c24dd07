import AssayAudits
import AssayCore
import AssayTemplates

/// The text of each screen of a guided audit: the case header, one question, the summary.
/// Pure functions of the audit's state, so what the auditor sees is what is stored. Stored
/// text (ids, names, titles, answers, evidence) is shown with any control character as a
/// visible escape (`TextPolicy.printable`), so nothing stored acts on the auditor's terminal;
/// only the banner's own colour is sent as is.
struct AuditScreen {
    let audit: Audit
    let template: AuditTemplate
    let color: Bool

    /// `ESCALATED` on every screen while the audit has escalations (red where colour is on).
    func banner(escalations: [Escalation]) -> String {
        guard !escalations.isEmpty else { return "" }
        let open = escalations.filter(\.isOpen).count
        let text = "ESCALATED" + (open > 0 ? " (\(open) awaiting a response: submission is blocked)" : " (responded)")
        return (color ? "\u{1B}[1;31m\(text)\u{1B}[0m" : text) + "\n"
    }

    func header(escalations: [Escalation]) -> String {
        let lookbackStart = audit.month.adding(months: -template.lookbackMonths)
        let lookbackEnd = audit.month.adding(months: -1)
        var lines = [
            "Audit \(audit.id) · case \(audit.caseID) · \(template.title) (\(template.id) v\(template.version))",
            "Team \(audit.team) · \(audit.locality) · \(audit.service?.displayName ?? "no service") · worker \(audit.worker ?? "not recorded")",
            (audit.unsampled ? "Ad-hoc audit in \(audit.month) (not drawn; left out of sample estimates)"
                : audit.reaudit ? "Re-audit in \(audit.month) (audited before; left out of sample estimates)" : "Drawn in \(audit.month)")
                + " · look back \(template.lookbackMonths) months: \(lookbackStart) to \(lookbackEnd)",
        ]
        if audit.auditor.isEmpty == false { lines.append("Auditor \(audit.auditor)") }
        return banner(escalations: escalations) + TextPolicy.printable(lines.joined(separator: "\n")) + "\n"
    }

    /// One question with its domain, prompt, guidance, descriptors and current answer.
    func question(_ index: Int, answer: Answer?, escalations: [Escalation], fullGuidance: Bool = false) -> String {
        let question = template.questions[index]
        let sectionIndex = template.sections.firstIndex { $0.questions.contains { $0.id == question.id } } ?? 0
        let section = template.sections[sectionIndex]
        var out = "Question \(index + 1) of \(template.questions.count) · domain \(sectionIndex + 1) of \(template.sections.count): \(section.title)\n"
        var flags: [String] = [question.required ? "required" : "optional"]
        if question.limitsOverall { flags.append("limits the overall grade") }
        if question.weight != 1 { flags.append("weight \(Self.number(question.weight))") }
        out += "  \(question.prompt)  [\(question.id); \(flags.joined(separator: ", "))]\n"
        if let guidance = question.guidance {
            let text = fullGuidance ? guidance : (guidance.split(separator: "\n").first.map(String.init) ?? guidance)
            let indented = text.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\n            ")
            out += "  Guidance: \(indented)\(fullGuidance || !guidance.contains("\n") ? "" : " (? for more)")\n"
        }
        switch question.kind {
        case .grade:
            for grade in Grade.allCases {
                out += "    \(grade.key) \(grade.rawValue) \(grade.name): \(question.descriptors[grade] ?? "")\n"
            }
        case .yesNo:
            out += "    y yes · n no · na not applicable (asks for a reason)\n"
        case .choice:
            for (n, choice) in question.choices.enumerated() { out += "    \(n + 1) \(choice)\n" }
        case .text: out += "    (text)\n"
        case .number: out += "    (a number)\n"
        case .date: out += "    (a date, yyyy-mm-dd)\n"
        }
        if let answer { out += "  Answer so far: \(Self.describe(answer, question))\n" }
        out += "  " + Self.questionKeys + "\n"
        return "\n" + banner(escalations: escalations) + TextPolicy.printable(out)
    }

    /// The keys shown under every question (h lists them all).
    static let questionKeys = "e evidence · ? guidance · b back · v summary · h all keys"

    /// Every answer, the section grades, limiting judgements, suggestion and overall.
    func summary(answers: [String: Answer], actions: [AuditAction], escalations: [Escalation]) -> String {
        var out = "Summary of audit \(audit.id) · case \(audit.caseID)\n"
        out += Self.answersBySection(answers, template: template)
        out += "  Overall grade: " + (audit.overall.map { "\($0.rawValue) \($0.name)" } ?? "not set")
        if let reason = audit.overallReason { out += " — reason: \(reason)" }
        out += "\n"
        if !actions.isEmpty {
            out += "  Actions:\n" + actions.enumerated().map { "    a\($0.offset + 1). \(Self.describe($0.element))\n" }.joined()
        }
        for escalation in escalations {
            out += "  Escalation \(escalation.id): \(escalation.concern) → \(escalation.escalatedTo)"
                + (escalation.response.map { "; response: \($0)" } ?? "; AWAITING RESPONSE") + "\n"
        }
        out += "\n  " + Self.summaryKeys + "\n"
        return "\n" + banner(escalations: escalations) + TextPolicy.printable(out)
    }

    /// The keys shown under the summary.
    static let summaryKeys = "o g r i overall grade · j N change answer N · a action · x submit · h all keys"

    static func describe(_ action: AuditAction) -> String {
        "\(action.what) (owner \(action.owner), due \(action.due))"
    }

    /// After an answer changed from the summary (`j N`): that answer, its domain's grade and
    /// the overall grades, instead of the whole summary again.
    func afterChange(_ index: Int, answers: [String: Answer]) -> String {
        let question = template.questions[index]
        let suggested = SuggestedGrades(template: template, answers: SubmissionRules.gradeAnswers(answers))
        let section = template.sections.first { $0.questions.contains { $0.id == question.id } }
        var out = "Summary: \(index + 1). \(question.id): " + (answers[question.id].map { Self.describe($0, question) } ?? "unanswered")
        if let section {
            out += " · \(section.title) — " + (suggested.sections[section.id].map { "\($0.rawValue) \($0.name)" } ?? "no grade")
        }
        out += " · suggested overall " + (suggested.overall.map { "\($0.rawValue) \($0.name)" } ?? "none")
        out += " · overall grade " + (audit.overall.map { "\($0.rawValue) \($0.name)" } ?? "not set")
        return TextPolicy.printable(out) + ". v shows the whole summary.\n"
    }

    /// What submitting locks, for the auditor to confirm: the answers and evidence, the
    /// domain grades, the overall grade and reason, the actions' wording; and who can reopen it.
    func submission(answers: [String: Answer], actions: [AuditAction], escalations: [Escalation]) -> String {
        let suggested = SuggestedGrades(template: template, answers: SubmissionRules.gradeAnswers(answers))
        let given = template.questions.compactMap { answers[$0.id] }
        let answered = given.filter { $0.isAnswered && !$0.skipped }.count
        let skipped = given.filter(\.skipped).count
        let evidence = given.filter { $0.evidence != nil }.count
        func grade(_ g: Grade?) -> String { g.map { "\($0.rawValue) \($0.name)" } ?? "none" }
        var out = "Submitting locks audit \(audit.id) of case \(audit.caseID) (\(audit.month)). After that only a lead can reopen it (audit amend).\n"
        let unanswered = template.questions.count - answered - skipped
        out += "  Answers:     \(answered) of \(template.questions.count) questions answered"
            + (skipped > 0 ? ", \(skipped) skipped" : "") + (unanswered > 0 ? ", \(unanswered) optional unanswered" : "")
            + "; evidence on \(evidence)\n"
        out += "  Domains:     " + template.sections.map { "\($0.title) — \(grade(suggested.sections[$0.id]))" }
            .joined(separator: "\n               ") + "\n"
        out += "  Overall:     \(grade(audit.overall))"
            + (audit.overall != suggested.overall ? " (suggested \(grade(suggested.overall)))" : " (as suggested)")
            + (audit.overallReason.map { " — reason: \($0)" } ?? "") + "\n"
        out += "  Actions:     " + (actions.isEmpty ? "none" : "\(actions.count), as worded here (they stay open, chased until done or cancelled)") + "\n"
        out += actions.enumerated().map { "    a\($0.offset + 1). \(Self.describe($0.element))\n" }.joined()
        if !escalations.isEmpty { out += "  Escalations: \(escalations.count), every one with its response\n" }
        return "\n" + TextPolicy.printable(out)
    }

    /// Every answer by domain with the domain's suggested grade, then the limiting judgements
    /// and the suggested overall: what the audit's summary and the moderator's blind summary
    /// both show.
    static func answersBySection(_ answers: [String: Answer], template: AuditTemplate) -> String {
        let suggested = SuggestedGrades(template: template, answers: SubmissionRules.gradeAnswers(answers))
        var out = ""
        var number = 0
        for section in template.sections {
            let grade = suggested.sections[section.id].map { "\($0.rawValue) \($0.name)" } ?? "no grade"
            out += "\n  \(section.title) — \(grade)\n"
            for question in section.questions {
                number += 1
                let answer = answers[question.id].map { describe($0, question) } ?? (question.required ? "UNANSWERED (required)" : "unanswered")
                out += "    \(number). \(question.id): \(answer)\n"
            }
        }
        if !suggested.limitedBy.isEmpty {
            out += "\n  Limiting judgements: \(suggested.limitedBy.joined(separator: ", ")) hold the overall grade down.\n"
        }
        out += "\n  Suggested overall: " + (suggested.overall.map { "\($0.rawValue) \($0.name)" } ?? "none (no graded answers)") + "\n"
        return out
    }

    static func describe(_ answer: Answer, _ question: TemplateQuestion) -> String {
        var text: String
        if answer.skipped {
            text = "skipped"
        } else if let grade = answer.grade {
            text = "\(grade.rawValue) \(grade.name)"
        } else if let value = answer.value {
            text = value
        } else {
            text = "(no answer yet)"
        }
        if let reason = answer.reason { text += " — reason: \(reason)" }
        if let evidence = answer.evidence {
            let lines = evidence.split(separator: "\n").count
            text += " · evidence: \(lines == 1 ? evidence : "\(lines) lines")"
        }
        return text
    }

    static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}
