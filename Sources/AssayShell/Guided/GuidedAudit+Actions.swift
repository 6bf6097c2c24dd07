import AssayAudits
import AssayCore
import AssayStore
import AssayTemplates

/// The guided audit's actions at the summary: `a` raises one (what, owner, due date), `a N`
/// changes one with each part on the line to edit, `d N` withdraws one, until submission.
extension GuidedAudit {
    /// Asks for an action's what, owner and due date; `current` (changing an action) puts
    /// each part on the line to edit. Nil when the auditor gives up (an empty part).
    private func askAction(_ current: AuditAction?) -> (what: String, owner: String, due: CalendarDate)? {
        func ask(_ prompt: String, _ value: String?) -> String? {
            prompter.read(prompt, prefill: value).map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 }
        }
        guard let what = ask("Action (what must happen): ", current?.what), let owner = ask("Owner: ", current?.owner) else { return nil }
        let raisedOn = current.flatMap { CalendarDate(parsing: String($0.raisedAt.prefix(10))) } ?? ActionDueDate.day()
        while true {
            guard let text = ask("Due (yyyy-mm-dd): ", current?.due.description) else { return nil }
            guard let due = CalendarDate(parsing: text) else {
                out.say("\"\(text)\" is not a date; write it as yyyy-mm-dd (empty to cancel).\n")
                continue
            }
            if let problem = ActionDueDate.problem(due: due, raisedOn: raisedOn) {
                out.say("Due \(problem) (empty to cancel).\n")
                continue
            }
            return (what, owner, due)
        }
    }

    func raiseAction(number: Int) throws -> Outcome {
        guard let action = askAction(nil) else {
            out.say("No action raised.\n")
            return .stay(redraw: false)
        }
        try store.addAction(auditID: auditID, what: action.what, owner: action.owner, due: action.due)
        out.say(TextPolicy.printable("Action a\(number) raised: \(action.what) (owner \(action.owner), due \(action.due)).") + " a \(number) changes it.\n")
        return .stay(redraw: false)
    }

    /// `a N`: the action's parts on the line to edit; Enter keeps each.
    func changeAction(_ number: Int, _ action: AuditAction) throws -> Outcome {
        out.say(TextPolicy.printable("Changing action a\(number): \(AuditScreen.describe(action)). Edit each part; Enter keeps it; an emptied part cancels.") + "\n")
        guard let changed = askAction(action) else {
            out.say("Action a\(number) was not changed.\n")
            return .stay(redraw: false)
        }
        do {
            try store.changeDraftAction(id: action.id, auditID: auditID, what: changed.what, owner: changed.owner, due: changed.due)
        } catch {
            guard let worded = ErrorWording.userFacing(error) else { throw error }
            out.say(worded.message + "\n")
            return .stay(redraw: false)
        }
        out.say(TextPolicy.printable("Action a\(number) is now: \(changed.what) (owner \(changed.owner), due \(changed.due)).") + "\n")
        return .stay(redraw: false)
    }

    /// `d N`: withdraws an action before submission, once confirmed.
    func withdrawAction(_ number: Int, _ action: AuditAction) throws -> Outcome {
        out.say(TextPolicy.printable("Withdraw action a\(number): \(AuditScreen.describe(action))?") + "\n")
        guard let typed = prompter.read("y to withdraw it, Enter to keep it: "), ["y", "yes"].contains(typed.trimmingCharacters(in: .whitespaces).lowercased()) else {
            out.say("Action a\(number) is kept.\n")
            return .stay(redraw: false)
        }
        do {
            try store.withdrawDraftAction(id: action.id, auditID: auditID)
        } catch {
            guard let worded = ErrorWording.userFacing(error) else { throw error }
            out.say(worded.message + "\n")
            return .stay(redraw: false)
        }
        out.say("Action a\(number) withdrawn; the others keep their numbers in order (v shows them).\n")
        return .stay(redraw: false)
    }
}
