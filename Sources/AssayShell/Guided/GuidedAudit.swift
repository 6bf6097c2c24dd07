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
    let session: Session
    let store: Store
    let template: AuditTemplate
    let auditID: Int64
    let prompter: AnswerPrompter
    private let color: Bool

    init(session: Session, store: Store, audit: Audit, template: AuditTemplate) {
        self.session = session
        self.prompter = AnswerPrompter(console: session.console)
        self.color = session.colorAllowed
        self.store = store
        self.auditID = audit.id
        self.template = template
    }

    /// Where the audit stands, read afresh from the store before every screen.
    struct State {
        let audit: Audit
        let answers: [String: Answer]
        let escalations: [Escalation]
        let actions: [AuditAction]
    }

    func state() throws -> State {
        State(audit: try store.audit(id: auditID), answers: try store.answers(auditID: auditID),
              escalations: try store.escalations(auditID: auditID), actions: try store.actions(auditID: auditID))
    }

    func screen(_ state: State) -> AuditScreen { AuditScreen(audit: state.audit, template: template, color: color) }

    /// Wraps to the terminal's width and pages long screens.
    var out: GuidedWriter { GuidedWriter(session: session, prompter: prompter) }

    /// A line already typed for the next prompt (at a `-- more --` prompt), or the end of input there.
    private var pending: GuidedWriter.Paged?

    /// Set by `j N` (or `b`) at the summary: answering goes back to the summary, showing
    /// what changed, instead of on through the questions.
    private var editingFromSummary = false
    /// The question just changed from the summary, to show on the way back.
    private var changed: Int?

    static let help = """
          Keys at a question:
            o g r i or 1-4    grade (or the grade's name)
            y n na            yes, no, or not applicable (asks why), at a yes/no question
            a choice          by its text or its number; text, a number or a date as asked
            Enter             keep the answer given and go on
            e                 evidence for this question (several lines; a line holding . ends)
            ?                 the full guidance
            b                 back one question
            s                 skip (optional questions only)
            j N               jump to question N (from the summary: change it, then back)
            v                 the summary
            !                 escalate: the child is unsafe now (recorded at once)
            w                 save and leave (everything is already saved; `audit CASE` resumes)
            h                 this help
          Keys at the summary:
            o g r i or 1-4    set the overall grade (a reason is asked if it differs from the suggestion)
            a                 raise an action (what, owner, due date)
            a N               change action N (each part shown to edit; Enter keeps it)
            d N               withdraw action N (until the audit is submitted)
            x                 submit: shows what will be locked, then asks you to confirm
            j N               change the answer to question N, then come back
            v                 the whole summary again
            b, !, w, h        as at a question

        """

    /// The next line typed: one typed at a `-- more --` prompt if there is one, else read at `prompt`.
    func read(_ prompt: String) -> String? {
        if let typed = pending {
            pending = nil
            if case .typed(let line) = typed { return line }
            return nil
        }
        return prompter.read(prompt)
    }

    /// Shows a screen (paged when long); a key typed at its `-- more --` prompt is kept for
    /// the prompt below it.
    func show(_ text: String) {
        switch out.show(text) {
        case .shown: pending = nil
        case let other: pending = other
        }
    }

    /// Runs until the audit is submitted or the auditor leaves.
    func run(resumed: Bool) throws {
        var current = try state()
        show(screen(current).header(escalations: current.escalations))
        let start = firstUnanswered(current.answers)
        if resumed {
            let answered = template.questions.filter { current.answers[$0.id]?.isAnswered == true }.count
            out.say("Resuming: \(answered) of \(template.questions.count) questions answered"
                    + (start.map { "; starting at question \($0 + 1)." } ?? "; every question is answered.") + "\n")
        } else {
            out.say("Every answer is saved as you give it. h for help, w to leave.\n")
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
                    show(screen(current).question(index, answer: current.answers[question.id],
                                                  escalations: current.escalations, fullGuidance: fullGuidance))
                }
                fullGuidance = false
                showScreen = true
                guard let line = read("\(index + 1)> ") else { return leave(current) }
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
                    if let index = changed {
                        out.say(screen(current).afterChange(index, answers: current.answers))
                    } else {
                        show(screen(current).summary(answers: current.answers, actions: current.actions, escalations: current.escalations))
                    }
                }
                changed = nil
                editingFromSummary = false
                showScreen = true
                guard let line = read("summary> ") else { return leave(current) }
                switch try summaryInput(line.trimmingCharacters(in: .whitespaces), state: current) {
                case .move(let next): place = next
                case .stay(let redraw, _): showScreen = redraw
                case .leave: return leave(try state())
                case .submitted: return
                }
            }
        }
    }

    enum Outcome {
        case move(GuidedPlace)
        case stay(redraw: Bool, fullGuidance: Bool = false)
        case leave
        case submitted
    }

    // MARK: Question screen

    private func answerQuestion(_ index: Int, line: String, state: State) throws -> Outcome {
        let question = template.questions[index]
        let next: GuidedPlace = editingFromSummary || index + 1 == template.questions.count ? .summary : .question(index + 1)
        if editingFromSummary { changed = index }
        if let shared = try commonKey(line, at: .question(index), state: state) {
            if case .move(.summary) = shared { changed = nil }  // v: the whole summary
            return shared
        }
        let keeping = GuidedQuestion.Keeping(
            answer: { typed, reason in try self.store.saveAnswer(auditID: self.auditID, questionID: question.id, typed: typed, reason: .some(reason)) },
            evidence: { text in try self.store.saveAnswer(auditID: self.auditID, questionID: question.id, typed: nil, evidence: .some(text)) },
            skip: { try self.store.saveAnswer(auditID: self.auditID, questionID: question.id, typed: nil, skipped: true, reason: .some(nil)) },
            evidenceWord: "saved", answerWord: "saved")
        switch try questionKeys.handle(line, index: index, question: question, current: state.answers[question.id], keeping: keeping) {
        case .answered: return .move(next)
        case .stay(let redraw, let fullGuidance): return .stay(redraw: redraw, fullGuidance: fullGuidance)
        }
    }

    /// The question screen's own keys, shared with the moderator's blind pass.
    private var questionKeys: GuidedQuestion { GuidedQuestion(session: session, prompter: prompter, say: out.say) }

    // MARK: Summary screen

    private func summaryInput(_ line: String, state: State) throws -> Outcome {
        if let shared = try commonKey(line, at: .summary, state: state) {
            if case .move(.question) = shared { editingFromSummary = true }
            return shared
        }
        let words = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        if words.count == 2, ["a", "d"].contains(words[0]) {
            guard let number = Int(words[1]), state.actions.indices.contains(number - 1) else {
                out.say(state.actions.isEmpty ? "There are no actions yet: a raises one.\n"
                        : "\(words[0]) N, N from 1 to \(state.actions.count) (the actions are numbered a1, a2… in the summary).\n")
                return .stay(redraw: false)
            }
            return words[0] == "a" ? try changeAction(number, state.actions[number - 1]) : try withdrawAction(number, state.actions[number - 1])
        }
        switch line {
        case "":
            return .stay(redraw: false)
        case "a":
            return try raiseAction(number: state.actions.count + 1)
        case "x":
            return try submit(state)
        default:
            guard let grade = Grade(typed: line) else {
                out.say("\"\(line)\" is not a key here: an overall grade (o/g/r/i), a, a N, d N, x, j N, v, b, !, w or h.\n")
                return .stay(redraw: false)
            }
            let suggested = SuggestedGrades(template: template, answers: SubmissionRules.gradeAnswers(state.answers)).overall
            var reason: String? = nil
            if let suggested, suggested != grade {
                out.say("The suggested grade is \(suggested.rawValue) \(suggested.name); say why this case is \(grade.name).\n")
                guard let given = prompter.read("Reason: ").map({ $0.trimmingCharacters(in: .whitespaces) }), !given.isEmpty else {
                    out.say("No reason given; the overall grade was not set.\n")
                    return .stay(redraw: false)
                }
                reason = given
            }
            try store.setOverall(auditID: auditID, grade: grade, reason: reason)
            out.say(TextPolicy.printable("Overall grade: \(grade.rawValue) \(grade.name)"
                                         + (reason.map { " — reason: \($0)" } ?? (suggested == grade ? " (as suggested)." : "."))) + "\n")
            return .stay(redraw: false)
        }
    }

    // MARK: Keys on every screen

    /// `!` (escalate), then the keys every guided screen shares (`GuidedNavigation`), or nil
    /// when `line` is none of them.
    private func commonKey(_ line: String, at place: GuidedPlace, state: State) throws -> Outcome? {
        if line == "!" {
            try escalate(state)
            return .stay(redraw: place != .summary)  // a question is redrawn under its banner; the summary is not reprinted
        }
        switch GuidedNavigation.move(line, at: place, questions: template.questions.count, help: Self.help, write: { self.show($0) }) {
        case nil: return nil
        case .leave: return .leave
        case .stay: return .stay(redraw: false)
        case .move(let next): return .move(next)
        }
    }

    /// Records that the child is unsafe now: the concern and to whom it went, at once.
    private func escalate(_ state: State) throws {
        out.say("Escalation: the child is unsafe now. Say what the concern is and who you have told.\n")
        guard let concern = prompter.read("Concern: ").map({ $0.trimmingCharacters(in: .whitespaces) }), !concern.isEmpty else {
            out.say("No concern given; nothing was recorded.\n")
            return
        }
        var to = ""
        while to.isEmpty {
            guard let given = prompter.read("Escalated to (name or role): ") else { to = "not recorded (input ended)"; break }
            to = given.trimmingCharacters(in: .whitespaces)
            if to.isEmpty { out.say("Say who you have told (a name or role), so the record shows where it went.\n") }
        }
        let id = try store.raiseEscalation(auditID: auditID, concern: concern, escalatedTo: to)
        let escalation = try store.escalations(auditID: auditID).first { $0.id == id }
        out.say("Escalation \(id) recorded at \(escalation?.raisedAt ?? "now"). The audit cannot be submitted until it has a response: "
                      + "escalation respond \(id) --response TEXT\n")
    }

    // MARK: Progress


    private func firstUnanswered(_ answers: [String: Answer]) -> Int? {
        template.questions.firstIndex { answers[$0.id]?.isAnswered != true }
    }

    private func leave(_ state: State) {
        let answered = template.questions.filter { state.answers[$0.id]?.isAnswered == true }.count
        out.say("Saved: \(answered) of \(template.questions.count) questions answered. `audit \(TextPolicy.printable(state.audit.caseID, kind: .line))` resumes.\n")
    }
}
