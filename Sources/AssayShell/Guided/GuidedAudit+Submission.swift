import AssayAudits
import AssayCore
import AssayStore
import AssayTemplates

/// The guided audit's `x` at the summary: the rules a submission must meet, each unmet one
/// numbered for `j N`; else what will be locked, a confirmation, and the submission.
extension GuidedAudit {
    /// `x`: every unmet rule, numbered for `j N`; else what will be locked, and a question.
    func submit(_ state: State) throws -> Outcome {
        let problems = SubmissionRules.problems(template: template, answers: state.answers, overall: state.audit.overall,
                                                reason: state.audit.overallReason, openEscalations: state.escalations.filter(\.isOpen).map(\.id))
        guard problems.isEmpty else {
            out.say(missing(problems))
            return .stay(redraw: false)
        }
        show(screen(state).submission(answers: state.answers, actions: state.actions, escalations: state.escalations))
        guard let typed = read("Submit and lock audit \(auditID)? y to submit, Enter or n to go back: ") else {
            out.say("Not submitted.\n")
            return .leave
        }
        guard ["y", "yes"].contains(typed.trimmingCharacters(in: .whitespaces).lowercased()) else {
            out.say("Not submitted; nothing changed. The audit is still yours to change.\n")
            return .stay(redraw: false)
        }
        do {
            try store.submit(auditID: auditID)
        } catch {
            guard let worded = ErrorWording.userFacing(error) else { throw error }
            out.say(worded.message + "\n")
            return .stay(redraw: false)
        }
        let audit = try store.audit(id: auditID)
        out.say("Submitted audit \(audit.id) of case \(TextPolicy.printable(audit.caseID, kind: .line)): overall \(audit.overall.map { "\($0.rawValue) \($0.name)" } ?? "?"). "
                + "It is now read-only: only a lead can reopen it.\n")
        return .submitted
    }

    /// The unmet rules, each question's with the number `j N` takes to it.
    private func missing(_ problems: [SubmissionRules.Problem]) -> String {
        var lines = ["Audit \(auditID) cannot be submitted yet:"]
        for problem in problems {
            if let id = problem.questionID, let index = template.questions.firstIndex(where: { $0.id == id }) {
                let key = "  j \(index + 1)"
                lines.append(key + String(repeating: " ", count: max(2, 12 - key.count)) + ErrorWording.words(for: problem))
            } else if problem.field == "overall" {
                lines.append("  -         \(ErrorWording.words(for: problem)): type o, g, r or i here")
            } else if problem.field == "reason" {
                lines.append("  -         \(ErrorWording.words(for: problem)): type the overall grade again to give one")
            } else {
                lines.append("  -         \(ErrorWording.words(for: problem))")
            }
        }
        return TextPolicy.printable(lines.joined(separator: "\n")) + "\n"
    }
}
