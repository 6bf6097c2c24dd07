import AssayAudits
import AssayCore
import AssayOutput
import AssayStore
import AssayTemplates

/// The guided moderation at a terminal (`moderate AUDIT_ID`; docs/moderation.md).
///
/// 1. The blind pass: one question at a time, as the guided audit asks them, then the
///    moderator's overall grade. Nothing of the first auditor's (answers, evidence, grades)
///    is read from the store, let alone shown, until the moderator confirms with `x`.
/// 2. The side-by-side pass: for each question the moderator graded, the first auditor's
///    grade and evidence beside the moderator's; the agreed grade (Enter: the moderator's);
///    then the agreed overall. The moderation is then stored as `--answers FILE` stores it.
///
/// Everything is held in memory until then: a closed terminal or `w` stores nothing, and
/// `moderate AUDIT_ID` starts again.
final class GuidedModeration {
    private let session: Session
    private let store: Store
    private let audit: Audit
    private let template: AuditTemplate
    private let prompter: AnswerPrompter
    private let color: Bool

    // The moderator's blind judgement.
    private var answers: [String: Answer] = [:]
    private var overall: Grade?
    private var reason: String?

    init(session: Session, store: Store, audit: Audit, template: AuditTemplate) {
        self.session = session
        self.prompter = AnswerPrompter(console: session.console)
        self.color = session.colorAllowed
        self.store = store
        self.audit = audit
        self.template = template
    }

    static let blindHelp = """
          The blind pass: the first auditor's grades and evidence stay hidden until you press x
          at the summary. Nothing is stored until the agreed grades are given.
          Keys at a question:
            o g r i or 1-4    grade (or the grade's name)
            y n na            yes, no, or not applicable (asks why), at a yes/no question
            a choice          by its text or its number; text, a number or a date as asked
            Enter             keep the answer given and go on
            e                 evidence for this question (several lines; a line holding . ends)
            ?                 the full guidance
            b                 back one question
            s                 skip (optional questions only)
            j N               jump to question N
            v                 the summary
            w                 leave (nothing is stored; `moderate AUDIT_ID` starts again)
            h                 this help
          Keys at the summary:
            o g r i or 1-4    set your overall grade (a reason is asked if it differs from the suggestion)
            x                 confirm: your blind grades become final, and the first auditor's show
            b, j N, w, h      as at a question

        """

    static let agreeHelp = """
          The agreed grades, question by question:
            Enter             the agreed grade is yours (the moderator's)
            o g r i or 1-4    another agreed grade (a reason is asked if it differs from yours)
            b                 back one question
            w                 leave (nothing is stored; `moderate AUDIT_ID` starts again)
            h                 this help

        """


    private func leave() {
        session.write("Nothing was stored: a moderation is stored once the agreed grades are given. "
                      + "`moderate \(audit.id)` starts again.\n")
    }

    func run() throws {
        let screen = AuditScreen(audit: audit, template: template, color: color)
        session.write("Moderation of " + screen.header(escalations: []))
        session.write("Blind: grade the case yourself; the first auditor's grades and evidence show once you confirm yours (x at the summary).\n"
                      + "Nothing is stored until the agreed grades are given. h for help, w to leave.\n")
        guard try blindPass(screen) else { return leave() }
        guard let overall else { return leave() }
        session.write("Your blind grades are final.\n")
        try agreedPass(blindOverall: overall)
    }

    // MARK: Blind pass

    /// True once the moderator confirms the blind grades; false when they leave.
    private func blindPass(_ screen: AuditScreen) throws -> Bool {
        var place: GuidedPlace = .question(0)
        var showScreen = true
        var fullGuidance = false
        let count = template.questions.count
        while true {
            switch place {
            case .question(let index):
                let question = template.questions[index]
                let next: GuidedPlace = index + 1 < count ? .question(index + 1) : .summary
                if showScreen {
                    session.write(WordWrap.wrap(screen.question(index, answer: answers[question.id], escalations: [], fullGuidance: fullGuidance),
                                                width: session.terminalWidth))
                }
                showScreen = true
                fullGuidance = false
                guard let raw = prompter.read("\(index + 1)> ") else { return false }
                let line = raw.trimmingCharacters(in: .whitespaces)
                switch GuidedNavigation.move(line, at: place, questions: count, help: Self.blindHelp, write: session.write) {
                case .leave: return false
                case .stay: showScreen = false; continue
                case .move(let moved): place = moved; continue
                case nil: break
                }
                switch try questionKeys.handle(line, index: index, question: question, current: answers[question.id], keeping: keeping(question)) {
                case .answered: place = next
                case .stay(let redraw, let guidance):
                    showScreen = redraw
                    fullGuidance = guidance
                }
            case .summary:
                if showScreen { session.write(WordWrap.wrap(blindSummary(), width: session.terminalWidth)) }
                showScreen = true
                guard let raw = prompter.read("summary> ") else { return false }
                let line = raw.trimmingCharacters(in: .whitespaces)
                switch GuidedNavigation.move(line, at: place, questions: count, help: Self.blindHelp, write: session.write) {
                case .leave: return false
                case .stay: showScreen = false; continue
                case .move(let moved): place = moved; continue
                case nil: break
                }
                switch line {
                case "":
                    showScreen = false
                case "x":
                    let problems = SubmissionRules.problems(template: template, answers: answers, overall: overall, reason: reason, openEscalations: [])
                    if problems.isEmpty { return true }
                    session.write("Not yet: " + problems.map(ErrorWording.words(for:)).joined(separator: "; ") + ".\n")
                    showScreen = false
                default:
                    guard let grade = Grade(typed: line) else {
                        session.write("\"\(line)\" is not a key here: an overall grade (o/g/r/i), x, b, j N, w or h.\n")
                        showScreen = false
                        continue
                    }
                    let suggested = SuggestedGrades(template: template, answers: SubmissionRules.gradeAnswers(answers)).overall
                    var why: String? = nil
                    if let suggested, suggested != grade {
                        session.write("The suggested grade is \(suggested.rawValue) \(suggested.name); say why this case is \(grade.name).\n")
                        guard let given = prompter.read("Reason: ").map({ $0.trimmingCharacters(in: .whitespaces) }), !given.isEmpty else {
                            session.write("No reason given; the overall grade was not set.\n")
                            showScreen = false
                            continue
                        }
                        why = given
                    }
                    overall = grade
                    reason = why
                }
            }
        }
    }

    /// The question screen's own keys, shared with the guided audit.
    private var questionKeys: GuidedQuestion { GuidedQuestion(session: session, prompter: prompter, say: session.write) }

    /// The blind pass keeps its answers here, stored only with the agreed grades.
    private func keeping(_ question: TemplateQuestion) -> GuidedQuestion.Keeping {
        GuidedQuestion.Keeping(
            answer: { typed, reason in
                self.answers[question.id] = Answer(questionID: question.id, value: typed.value, grade: typed.grade, skipped: false,
                                                   evidence: self.answers[question.id]?.evidence, reason: reason)
            },
            evidence: { text in
                let old = self.answers[question.id]
                self.answers[question.id] = Answer(questionID: question.id, value: old?.value, grade: old?.grade, skipped: old?.skipped ?? false,
                                                   evidence: text, reason: old?.reason)
            },
            skip: {
                self.answers[question.id] = Answer(questionID: question.id, value: nil, grade: nil, skipped: true,
                                                   evidence: self.answers[question.id]?.evidence, reason: nil)
            },
            evidenceWord: "noted", answerWord: "taken")
    }

    /// The moderator's answers and grades only: nothing of the first auditor's.
    private func blindSummary() -> String {
        var out = "\nYour blind grading of audit \(audit.id) · case \(audit.caseID)\n"
        out += AuditScreen.answersBySection(answers, template: template)
        out += "  Your overall grade: " + (overall.map { "\($0.rawValue) \($0.name)" } ?? "not set")
        if let reason { out += " — reason: \(reason)" }
        return TextPolicy.printable(out) + "\n  x confirms your blind grades (they cannot be changed after).\n"
    }


    // MARK: Side-by-side pass

    private func describe(_ grade: Grade?) -> String { grade.map { "\($0.rawValue) \($0.name)" } ?? "no grade" }

    private func agreedPass(blindOverall: Grade) throws {
        // Read only now: the first auditor's grades and evidence.
        let first = try store.answersUnderModeration(auditID: audit.id)
        let firstOverall = try store.audit(id: audit.id).overall
        let graded = template.questions.enumerated().filter { answers[$0.element.id]?.grade != nil && !(answers[$0.element.id]?.skipped ?? false) }
        var agreed: [String: Grade] = [:]
        var reasons: [String: String] = [:]
        session.write("\nSide by side: the first auditor's grades and evidence beside yours. Enter agrees your grade; "
                      + "o g r i or 1-4 sets another agreed grade. h for help.\n")
        var position = 0
        while position < graded.count {
            let (index, question) = graded[position]
            let mine = answers[question.id]?.grade
            let theirs = first[question.id]
            var out = "\nQuestion \(index + 1) of \(template.questions.count) · \(question.id): \(question.prompt)\n"
            out += "  First auditor (\(audit.auditor)): \(theirs.map { AuditScreen.describe($0, question) } ?? "unanswered")\n"
            if let evidence = theirs?.evidence { out += "    Evidence: " + evidence.split(separator: "\n").joined(separator: "\n              ") + "\n" }
            out += "  Moderator (you): \(answers[question.id].map { AuditScreen.describe($0, question) } ?? "unanswered")\n"
            if let evidence = answers[question.id]?.evidence { out += "    Evidence: " + evidence.split(separator: "\n").joined(separator: "\n              ") + "\n" }
            if let set = agreed[question.id] { out += "  Agreed so far: \(describe(set))\n" }
            out += "  Enter agrees \(describe(mine)).\n"
            session.write(TextPolicy.printable(out))
            var answered = false
            while !answered {
                guard let raw = prompter.read("agree \(index + 1)> ") else { return leave() }
                let line = raw.trimmingCharacters(in: .whitespaces)
                switch line {
                case "":
                    agreed[question.id] = nil
                    reasons[question.id] = nil
                    position += 1
                    answered = true
                case "h", "help":
                    session.write(Self.agreeHelp)
                case "w", "q":
                    return leave()
                case "b":
                    if position == 0 { session.write("This is the first graded question.\n") } else { position -= 1; answered = true }
                default:
                    guard let grade = Grade(typed: line) else {
                        session.write("\"\(line)\" is not a key here: Enter, a grade (o/g/r/i or 1-4), b, w or h.\n")
                        continue
                    }
                    if grade == mine {
                        agreed[question.id] = nil
                        reasons[question.id] = nil
                    } else {
                        session.write("The agreed grade \(grade.rawValue) \(grade.name) differs from yours (\(describe(mine))); say why.\n")
                        guard let given = prompter.read("Reason: ").map({ $0.trimmingCharacters(in: .whitespaces) }), !given.isEmpty else {
                            session.write("No reason given; the agreed grade was not set.\n")
                            continue
                        }
                        agreed[question.id] = grade
                        reasons[question.id] = given
                    }
                    position += 1
                    answered = true
                }
            }
        }

        // The agreed overall.
        var agreedGrades = SubmissionRules.gradeAnswers(answers)
        for (id, grade) in agreed { agreedGrades[id] = grade }
        let suggested = SuggestedGrades(template: template, answers: agreedGrades).overall
        var out = "\nOverall\n"
        out += "  First auditor (\(audit.auditor)): \(describe(firstOverall))\n"
        out += "  Moderator (you): \(describe(blindOverall))" + (reason.map { " — reason: \($0)" } ?? "") + "\n"
        out += "  Suggested from the agreed grades: \(describe(suggested))\n"
        out += "  Enter agrees \(describe(blindOverall)); o g r i or 1-4 sets another agreed overall. w leaves (nothing stored).\n"
        session.write(TextPolicy.printable(out))
        var agreedOverall: Grade?
        while agreedOverall == nil {
            guard let raw = prompter.read("agreed overall> ") else { return leave() }
            let line = raw.trimmingCharacters(in: .whitespaces)
            switch line {
            case "": agreedOverall = blindOverall
            case "w", "q": return leave()
            case "h", "help": session.write(Self.agreeHelp)
            default:
                guard let grade = Grade(typed: line) else {
                    session.write("\"\(line)\" is not a key here: Enter, a grade (o/g/r/i or 1-4), w or h.\n")
                    continue
                }
                if grade != blindOverall {
                    session.write("The agreed overall \(grade.rawValue) \(grade.name) differs from yours (\(describe(blindOverall))); say why.\n")
                    guard let given = prompter.read("Reason: ").map({ $0.trimmingCharacters(in: .whitespaces) }), !given.isEmpty else {
                        session.write("No reason given; the agreed overall was not set.\n")
                        continue
                    }
                    reasons["overall"] = given
                }
                agreedOverall = grade
            }
        }
        guard let agreedOverall else { return leave() }

        // One agreed reason, as the file has: each question's (and the overall's) in turn.
        let order = template.questions.map(\.id) + ["overall"]
        let agreedReason = order.compactMap { id in reasons[id].map { "\(id): \($0)" } }.joined(separator: "\n")
        let sheet = try ModerationSheet(
            template: template, answers: template.questions.compactMap { q in answers[q.id].flatMap { $0.value == nil ? nil : $0 } },
            overall: blindOverall, reason: reason, agreed: agreed, agreedOverall: agreedOverall,
            agreedReason: agreedReason.isEmpty ? nil : agreedReason)
        try store.moderate(auditID: audit.id, template: template, sheet: sheet)
        session.write("Moderated audit \(audit.id) of \(TextPolicy.printable(audit.caseID, kind: .line)) (\(audit.month)): moderator's overall \(sheet.blind.overall.rawValue) "
                      + "\(sheet.blind.overall.name), agreed \(sheet.agreedOverall.rawValue) \(sheet.agreedOverall.name).\n")
    }
}
