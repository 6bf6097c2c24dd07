import AssayAudits
import AssayCore
import AssayStore
import AssayTemplates

/// The guided audit at a terminal: the case header, then one question at a time, then the
/// summary where the auditor sets the overall grade, raises actions and submits.
///
/// Every answer, note, escalation and overall grade is written to the store the moment it
/// is given (each its own transaction), so quitting, Ctrl-C, a closed terminal or a killed
/// process loses nothing; running `audit CASE` again resumes at the first unanswered
/// question. The keys are in `GuidedAudit.help` and docs/audits.md.
final class GuidedAudit {
    private let session: Session
    private let store: Store
    private let template: AuditTemplate
    private let auditID: Int64
    private let prompter = AnswerPrompter()
    private let color = Terminal.colorAllowed()

    init(session: Session, store: Store, audit: Audit, template: AuditTemplate) {
        self.session = session
        self.store = store
        self.auditID = audit.id
        self.template = template
    }

    /// Where the audit stands, read afresh from the store before every screen.
    private struct State {
        let audit: Audit
        let answers: [String: Answer]
        let escalations: [Escalation]
        let actions: [AuditAction]
    }

    private func state() throws -> State {
        State(audit: try store.audit(id: auditID), answers: try store.answers(auditID: auditID),
              escalations: try store.escalations(auditID: auditID), actions: try store.actions(auditID: auditID))
    }

    private func screen(_ state: State) -> AuditScreen { AuditScreen(audit: state.audit, template: template, color: color) }

    static let help = """
          Keys at a question:
            o g r i  or 1-4   grade (or the grade's name); yes / no / na for compliance questions;
                              a choice by its text or number; text, a number or a date as asked
            Enter             keep the answer given and go on
            ?                 the full guidance
            n                 evidence for this question (several lines; a line holding . ends)
            b                 back one question
            s                 skip (optional questions only)
            j N               jump to question N
            v                 the summary
            !                 escalate: the child is unsafe now (recorded at once)
            w                 save and leave (everything is already saved; `audit CASE` resumes)
            h                 this help
          Keys at the summary:
            o g r i  or 1-4   set the overall grade (a reason is asked if it differs from the suggestion)
            a                 raise an action (what, owner, due date)
            x                 submit
            b, j N, !, w, h   as at a question

        """


    /// Runs until the audit is submitted or the auditor leaves.
    func run(resumed: Bool) throws {
        var current = try state()
        session.write(screen(current).header(escalations: current.escalations))
        let start = firstUnanswered(current.answers)
        if resumed {
            let answered = template.questions.filter { current.answers[$0.id]?.isAnswered == true }.count
            session.write("Resuming: \(answered) of \(template.questions.count) questions answered"
                          + (start.map { "; starting at question \($0 + 1)." } ?? "; every question is answered.") + "\n")
        } else {
            session.write("Every answer is saved as you give it. h for help, w to leave.\n")
        }
        var place = start.map(GuidedPlace.question) ?? .summary
        var fullGuidance = false
        var showScreen = true
        while true {
            current = try state()
            switch place {
            case .question(let index):
                let question = template.questions[index]
                if showScreen {
                    session.write(screen(current).question(index, answer: current.answers[question.id],
                                                           escalations: current.escalations, fullGuidance: fullGuidance))
                }
                fullGuidance = false
                showScreen = true
                guard let line = prompter.read("\(index + 1)> ") else { return leave(current) }
                switch try answerQuestion(index, line: line.trimmingCharacters(in: .whitespaces), state: current) {
                case .move(let next): place = next
                case .stay(let redraw, let guidance):
                    showScreen = redraw
                    fullGuidance = guidance
                case .leave: return leave(try state())
                case .submitted: return
                }
            case .summary:
                if showScreen {
                    session.write(screen(current).summary(answers: current.answers, actions: current.actions, escalations: current.escalations))
                }
                showScreen = true
                guard let line = prompter.read("summary> ") else { return leave(current) }
                switch try summaryInput(line.trimmingCharacters(in: .whitespaces), state: current) {
                case .move(let next): place = next
                case .stay(let redraw, _): showScreen = redraw
                case .leave: return leave(try state())
                case .submitted: return
                }
            }
        }
    }

    private enum Outcome {
        case move(GuidedPlace)
        case stay(redraw: Bool, fullGuidance: Bool = false)
        case leave
        case submitted
    }

    // MARK: Question screen

    private func answerQuestion(_ index: Int, line: String, state: State) throws -> Outcome {
        let question = template.questions[index]
        let next: GuidedPlace = index + 1 < template.questions.count ? .question(index + 1) : .summary
        if let shared = try commonKey(line, at: .question(index), state: state) { return shared }
        switch line {
        case "":
            if state.answers[question.id]?.isAnswered == true { return .move(next) }
            session.write("Question \(index + 1) has no answer yet: type one, or h for help.\n")
            return .stay(redraw: false)
        case "?":
            guard question.guidance != nil else {
                session.write("Question \(index + 1) has no guidance beyond its descriptors.\n")
                return .stay(redraw: false)
            }
            return .stay(redraw: true, fullGuidance: true)
        case "n":
            if let existing = state.answers[question.id]?.evidence {
                session.write("Evidence so far (what you type now replaces it):\n\(TextPolicy.printable(existing))\n")
            }
            session.write("Evidence for question \(index + 1): type it, then a line holding a single . to end.\n")
            guard let text = prompter.readLines("  ") else {
                session.write("No evidence typed; nothing changed.\n")
                return .stay(redraw: false)
            }
            try store.saveAnswer(auditID: auditID, questionID: question.id, typed: nil, evidence: .some(text))
            session.write("Evidence saved for question \(index + 1).\n")
            return .stay(redraw: false)
        case "s":
            guard !question.required else {
                session.write("Question \(index + 1) is required; it cannot be skipped.\n")
                return .stay(redraw: false)
            }
            try store.saveAnswer(auditID: auditID, questionID: question.id, typed: nil, skipped: true, reason: .some(nil))
            return .move(next)
        default:
            switch TypedAnswer.read(line, for: question) {
            case .failure(let problem):
                session.write("\(problem.message). h for help.\n")
                return .stay(redraw: false)
            case .success(let typed):
                var reason: String? = nil
                if typed.notApplicable {
                    guard let given = prompter.read("Why is it not applicable? ").map({ $0.trimmingCharacters(in: .whitespaces) }),
                          !given.isEmpty else {
                        session.write("\"na\" needs a reason; the answer was not saved.\n")
                        return .stay(redraw: false)
                    }
                    reason = given
                }
                try store.saveAnswer(auditID: auditID, questionID: question.id, typed: typed, reason: .some(reason))
                return .move(next)
            }
        }
    }

    // MARK: Summary screen

    private func summaryInput(_ line: String, state: State) throws -> Outcome {
        if let shared = try commonKey(line, at: .summary, state: state) { return shared }
        switch line {
        case "":
            return .stay(redraw: false)
        case "a":
            return try raiseAction()
        case "x":
            do {
                try store.submit(auditID: auditID)
            } catch let error as UserFacingError {
                session.write(error.message + "\n")
                return .stay(redraw: false)
            }
            let audit = try store.audit(id: auditID)
            session.write("Submitted audit \(audit.id) of case \(TextPolicy.printable(audit.caseID, kind: .line)): overall \(audit.overall.map { "\($0.rawValue) \($0.name)" } ?? "?"). It is now read-only.\n")
            return .submitted
        default:
            guard let grade = Grade(typed: line) else {
                session.write("\"\(line)\" is not a key here: an overall grade (o/g/r/i), a, x, b, j N, !, w or h.\n")
                return .stay(redraw: false)
            }
            let suggested = SuggestedGrades(template: template, answers: SubmissionRules.gradeAnswers(state.answers)).overall
            var reason: String? = nil
            if let suggested, suggested != grade {
                session.write("The suggested grade is \(suggested.rawValue) \(suggested.name); say why this case is \(grade.name).\n")
                guard let given = prompter.read("Reason: ").map({ $0.trimmingCharacters(in: .whitespaces) }), !given.isEmpty else {
                    session.write("No reason given; the overall grade was not set.\n")
                    return .stay(redraw: false)
                }
                reason = given
            }
            try store.setOverall(auditID: auditID, grade: grade, reason: reason)
            return .stay(redraw: true)
        }
    }

    private func raiseAction() throws -> Outcome {
        func ask(_ prompt: String) -> String? {
            prompter.read(prompt).map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 }
        }
        guard let what = ask("Action (what must happen): "), let owner = ask("Owner: ") else {
            session.write("No action raised.\n")
            return .stay(redraw: false)
        }
        while true {
            guard let text = ask("Due (yyyy-mm-dd): ") else {
                session.write("No action raised.\n")
                return .stay(redraw: false)
            }
            guard let due = CalendarDate(parsing: text) else {
                session.write("\"\(text)\" is not a date; write it as yyyy-mm-dd (empty to cancel).\n")
                continue
            }
            if let problem = ActionDueDate.problem(due: due, raisedOn: ActionDueDate.day()) {
                session.write("Due \(problem) (empty to cancel).\n")
                continue
            }
            try store.addAction(auditID: auditID, what: what, owner: owner, due: due)
            return .stay(redraw: true)
        }
    }

    // MARK: Keys on every screen

    /// `!` (escalate), then the keys every guided screen shares (`GuidedNavigation`), or nil
    /// when `line` is none of them.
    private func commonKey(_ line: String, at place: GuidedPlace, state: State) throws -> Outcome? {
        if line == "!" {
            try escalate(state)
            return .stay(redraw: true)
        }
        switch GuidedNavigation.move(line, at: place, questions: template.questions.count, help: Self.help, write: session.write) {
        case nil: return nil
        case .leave: return .leave
        case .stay: return .stay(redraw: false)
        case .move(let next): return .move(next)
        }
    }

    /// Records that the child is unsafe now: the concern and to whom it went, at once.
    private func escalate(_ state: State) throws {
        session.write("Escalation: the child is unsafe now. Say what the concern is and who you have told.\n")
        guard let concern = prompter.read("Concern: ").map({ $0.trimmingCharacters(in: .whitespaces) }), !concern.isEmpty else {
            session.write("No concern given; nothing was recorded.\n")
            return
        }
        var to = ""
        while to.isEmpty {
            guard let given = prompter.read("Escalated to (name or role): ") else { to = "not recorded (input ended)"; break }
            to = given.trimmingCharacters(in: .whitespaces)
            if to.isEmpty { session.write("Say who you have told (a name or role), so the record shows where it went.\n") }
        }
        let id = try store.raiseEscalation(auditID: auditID, concern: concern, escalatedTo: to)
        let escalation = try store.escalations(auditID: auditID).first { $0.id == id }
        session.write("Escalation \(id) recorded at \(escalation?.raisedAt ?? "now"). The audit cannot be submitted until it has a response: "
                      + "escalation respond \(id) --response TEXT\n")
    }

    // MARK: Progress


    private func firstUnanswered(_ answers: [String: Answer]) -> Int? {
        template.questions.firstIndex { answers[$0.id]?.isAnswered != true }
    }

    private func leave(_ state: State) {
        let answered = template.questions.filter { state.answers[$0.id]?.isAnswered == true }.count
        session.write("Saved: \(answered) of \(template.questions.count) questions answered. `audit \(TextPolicy.printable(state.audit.caseID, kind: .line))` resumes.\n")
    }
}
