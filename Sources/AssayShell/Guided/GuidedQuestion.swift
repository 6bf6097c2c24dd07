import AssayAudits
import AssayCore
import AssayTemplates

/// The keys of a question screen, read one way for the guided audit and the moderator's
/// blind pass: Enter (keep the answer and go on), `?` (the full guidance), `e` (evidence),
/// `s` (skip an optional question), and an answer — a grade, yes/no/na (na asks why), a
/// choice, text, a number or a date, as `TypedAnswer` reads it. The moving keys (`b`, `j N`,
/// `v`, `w`, `h`) are `GuidedNavigation`'s, read before these.
///
/// Only where answers go differs: the audit stores each at once, the blind pass keeps them
/// until the agreed grades are given (`Keeping`).
struct GuidedQuestion {
    /// Where the screen's answers go, and the word that says so.
    struct Keeping {
        /// An answer typed, with the reason given for "not applicable".
        let answer: (TypedAnswer, _ reason: String?) throws -> Void
        /// Evidence typed (several lines), replacing what there was.
        let evidence: (String) throws -> Void
        /// The question skipped.
        let skip: () throws -> Void
        /// "saved" (stored at once) or "noted" (kept until the end): "Evidence saved for question 3."
        let evidenceWord: String
        /// "saved" or "taken": "\"na\" needs a reason; the answer was not saved."
        let answerWord: String
    }

    enum Result: Equatable {
        /// The question is answered (or skipped): on to the next place.
        case answered
        /// Stay on the question; `redraw` draws its screen again, with the full guidance.
        case stay(redraw: Bool, fullGuidance: Bool)
    }

    let session: Session
    let prompter: AnswerPrompter
    /// How the screen's messages are written (wrapped, or as they are).
    let say: (String) -> Void

    /// What `line` (trimmed) does at question `index`, whose answer so far is `current`.
    func handle(_ line: String, index: Int, question: TemplateQuestion, current: Answer?, keeping: Keeping) throws -> Result {
        switch line {
        case "":
            if current?.isAnswered == true { return .answered }
            say("Question \(index + 1) has no answer yet: type one, or h for help.\n")
            return .stay(redraw: false, fullGuidance: false)
        case "?":
            guard question.guidance != nil else {
                say("Question \(index + 1) has no guidance beyond its descriptors.\n")
                return .stay(redraw: false, fullGuidance: false)
            }
            return .stay(redraw: true, fullGuidance: true)
        case "e":
            if let existing = current?.evidence {
                session.write("Evidence so far (what you type now replaces it):\n\(TextPolicy.printable(existing))\n")
            }
            say("Evidence for question \(index + 1): type it, then a line holding a single . to end.\n")
            guard let text = prompter.readLines("  ") else {
                say("No evidence typed; nothing changed.\n")
                return .stay(redraw: false, fullGuidance: false)
            }
            try keeping.evidence(text)
            say("Evidence \(keeping.evidenceWord) for question \(index + 1).\n")
            return .stay(redraw: false, fullGuidance: false)
        case "s":
            guard !question.required else {
                say("Question \(index + 1) is required; it cannot be skipped.\n")
                return .stay(redraw: false, fullGuidance: false)
            }
            try keeping.skip()
            return .answered
        default:
            if let hint = GuidedNavigation.yesNoHint(line, kind: question.kind) {
                say(hint)
                return .stay(redraw: false, fullGuidance: false)
            }
            switch TypedAnswer.read(line, for: question, today: session.today) {
            case .failure(let problem):
                say("\(problem.message). h for help.\n")
                return .stay(redraw: false, fullGuidance: false)
            case .success(let typed):
                var reason: String? = nil
                if typed.notApplicable {
                    guard let given = prompter.read("Why is it not applicable? ").map({ $0.trimmingCharacters(in: .whitespaces) }),
                          !given.isEmpty else {
                        say("\"na\" needs a reason; the answer was not \(keeping.answerWord).\n")
                        return .stay(redraw: false, fullGuidance: false)
                    }
                    reason = given
                }
                try keeping.answer(typed, reason)
                return .answered
            }
        }
    }
}
