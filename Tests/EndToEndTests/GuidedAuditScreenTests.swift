import Foundation
import Testing

/// The guided audit's keys and screens through a real pseudo-terminal (issue 18, item 6):
/// `y`/`n` are yes/no and `e` is evidence; submitting shows what it locks and asks first;
/// the missing answers name `j N`; a summary longer than the terminal is paged; text is
/// wrapped at word boundaries to the terminal's width; a change at the summary does not
/// reprint it; actions are changed and withdrawn from the summary.
@Suite(.serialized) struct GuidedAuditScreenTests {
    let work = Workspace()

    init() throws {
        try AuditWorkspace.prepare(work)
    }

    func guided(_ caseID: String, rows: UInt16 = 24, columns: UInt16 = 100) throws -> PseudoTerminal {
        var env = work.assay.environment
        env["TERM"] = "dumb"
        env["NO_COLOR"] = "1"
        env["ASSAY_HISTORY"] = work.file("history")
        return try PseudoTerminal(arguments: ["--db", work.file("qa.db"), "--as", "Ana", "audit", caseID, "--template", "mini"],
                                  environment: env, rows: rows, columns: columns)
    }

    @discardableResult
    func enter(_ pty: PseudoTerminal, _ line: String, then prompt: String) throws -> String {
        let mark = pty.mark
        pty.type(line + "\n")
        return try pty.waitFor(prompt, from: mark)
    }

    func answers() throws -> [String: [String: Any]] {
        AuditWorkspace.answers(try AuditWorkspace.show(work, 1))
    }

    @Test func yAndNAnswerAYesNoQuestionAndEvidenceIsE() throws {
        let pty = try guided("C1")
        let first = try pty.waitFor("1> ")
        #expect(first.contains("e evidence · ? guidance · b back · v summary · h all keys"))
        // n at a graded question is not "no" and opens nothing: a hint, nothing saved.
        let hint = try enter(pty, "n", then: "1> ")
        #expect(hint.contains("\"n\" means no at a yes/no question, and this one is not; nothing was saved. Evidence is e."))
        #expect(!hint.contains("Evidence for question"))
        try enter(pty, "e", then: "a line holding a single . to end.\r\n  ")
        try enter(pty, "Chronology up to date.", then: "date.\r\n  ")
        try enter(pty, ".", then: "1> ")
        let second = try enter(pty, "g", then: "2> ")
        #expect(second.contains("y yes · n no · na not applicable (asks for a reason)"))
        try enter(pty, "n", then: "3> ")
        #expect(try answers()["seen"]?["value"] as? String == "no")
        try enter(pty, "b", then: "2> ")
        let back = try enter(pty, "y", then: "3> ")
        #expect(back.contains("Question 3 of 4"))
        #expect(try answers()["seen"]?["value"] as? String == "yes")
        #expect(try answers()["risk"]?["evidence"] as? String == "Chronology up to date.")
        try enter(pty, "w", then: "resumes.")
        #expect(try pty.waitForExit() == 0)
    }

    @Test func submittingListsWhatIsMissingByNumberThenShowsWhatItLocksAndAsks() throws {
        let pty = try guided("C1")
        try pty.waitFor("1> ")
        try enter(pty, "g", then: "2> ")
        try enter(pty, "v", then: "summary> ")
        let missing = try enter(pty, "x", then: "summary> ")
        #expect(missing.contains("Audit 1 cannot be submitted yet:"))
        #expect(missing.contains("  j 2       question seen (Was the child seen alone?) is required and has no answer"))
        #expect(missing.contains("  j 3       question plan-quality (Is the plan good?) is required and has no answer"))
        #expect(missing.contains("no overall grade has been set: type o, g, r or i here"))
        #expect(!missing.contains("Submitting locks"))
        // j N from the summary: the answer, then straight back with what changed, not the whole summary.
        try enter(pty, "j 2", then: "2> ")
        let changed = try enter(pty, "y", then: "summary> ")
        #expect(changed.contains("Summary: 2. seen: yes · Safety — 2 good"))
        #expect(!changed.contains("Summary of audit") && !changed.contains("Question 3 of 4"))
        try enter(pty, "j 3", then: "3> ")
        try enter(pty, "g", then: "summary> ")
        let graded = try enter(pty, "g", then: "summary> ")
        #expect(graded.contains("Overall grade: 2 good (as suggested)."))
        #expect(!graded.contains("Summary of audit"), "the summary was reprinted after a change")

        let asked = try enter(pty, "x", then: "Submit and lock audit 1? y to submit, Enter or n to go back: ")
        #expect(asked.contains("Submitting locks audit 1 of case C1 (2026-11). After that only a lead can reopen it (audit amend)."))
        #expect(asked.contains("Answers:     3 of 4 questions answered, 1 optional unanswered; evidence on 0"))
        #expect(asked.contains("Domains:     Safety — 2 good\r\n               Planning — 2 good"))
        #expect(asked.contains("Overall:     2 good (as suggested)"))
        #expect(asked.contains("Actions:     none"))
        let declined = try enter(pty, "n", then: "summary> ")
        #expect(declined.contains("Not submitted; nothing changed."))
        #expect(try AuditWorkspace.audits(work).first?["status"] as? String == "in_progress")
        try enter(pty, "x", then: "y to submit, Enter or n to go back: ")
        try enter(pty, "", then: "summary> ")
        #expect(try AuditWorkspace.audits(work).first?["status"] as? String == "in_progress")
        try enter(pty, "x", then: "y to submit, Enter or n to go back: ")
        let submitted = try enter(pty, "y", then: "only a lead can reopen it.")
        #expect(submitted.contains("Submitted audit 1 of case C1: overall 2 good."))
        #expect(try pty.waitForExit() == 0)
        #expect(try AuditWorkspace.audits(work).first?["status"] as? String == "submitted")
    }

    @Test func aSummaryLongerThanTheTerminalIsPagedAndAKeyWorksFromAnyPage() throws {
        let pty = try guided("C1", rows: 12)
        try pty.waitFor("1> ")
        try enter(pty, "g", then: "2> ")
        try enter(pty, "yes", then: "3> ")
        try enter(pty, "r", then: "4> ")
        let first = try enter(pty, "s", then: "-- more (11 of 15 lines)")
        #expect(first.contains("Summary of audit 1 · case C1"))
        #expect(!first.contains("Suggested overall"), "the whole summary was printed at once")
        let rest = try enter(pty, "", then: "summary> ")
        #expect(rest.contains("Suggested overall: 3 requires improvement"))
        #expect(rest.contains("Overall grade: not set"))
        // Again with v; this time a key typed at the more prompt is run there and then.
        try enter(pty, "v", then: "-- more (")
        let jumped = try enter(pty, "j 1", then: "1> ")
        #expect(jumped.contains("Question 1 of 4"))
        #expect(!jumped.contains("Suggested overall"))
        try enter(pty, "", then: "summary> ")
        try enter(pty, "v", then: "-- more (")
        try enter(pty, "q", then: "summary> ")
        try enter(pty, "w", then: "resumes.")
        #expect(try pty.waitForExit() == 0)
    }

    @Test func textIsWrappedAtWordBoundariesToTheTerminalsWidth() throws {
        let pty = try guided("C1", rows: 60, columns: 40)
        let opening = try pty.waitFor("1> ")
        // "Team Alpha Team · Northmoor · Front door · worker not recorded" is 63 characters.
        let lines = opening.replacingOccurrences(of: "\r", with: "").split(separator: "\n").map(String.init)
        #expect(lines.allSatisfy { $0.count <= 40 }, "a line wider than the terminal: \(lines.filter { $0.count > 40 })")
        #expect(lines.contains("Team Alpha Team · Northmoor · Front door"))
        #expect(lines.contains("  · worker not recorded"))
        #expect(lines.contains("  e evidence · ? guidance · b back · v"))
        try enter(pty, "e", then: "to end.\r\n  ")
        try enter(pty, "The assessment of 3 October analyses the father's history.", then: "  ")
        try enter(pty, ".", then: "1> ")
        try enter(pty, "g", then: "2> ")
        try enter(pty, "no", then: "3> ")
        try enter(pty, "g", then: "4> ")
        let summary = try enter(pty, "s", then: "summary> ")
        let summaryLines = summary.replacingOccurrences(of: "\r", with: "").split(separator: "\n").map(String.init)
        #expect(summaryLines.allSatisfy { $0.count <= 40 }, "\(summaryLines.filter { $0.count > 40 })")
        // Every word whole: the evidence reads back when the lines are joined at their breaks.
        let joined = summaryLines.map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        #expect(joined.contains("1. risk: 2 good · evidence: The assessment of 3 October analyses the father's history."), "\(summary)")
        try enter(pty, "w", then: "resumes.")
        #expect(try pty.waitForExit() == 0)
    }

    @Test func actionsAreRaisedChangedAndWithdrawnFromTheSummary() throws {
        let pty = try guided("C1")
        try pty.waitFor("1> ")
        try enter(pty, "g", then: "2> ")
        try enter(pty, "y", then: "3> ")
        try enter(pty, "g", then: "4> ")
        try enter(pty, "s", then: "summary> ")
        try enter(pty, "a", then: "Action (what must happen): ")
        try enter(pty, "Update the chronology", then: "Owner: ")
        try enter(pty, "Team manager", then: "Due (yyyy-mm-dd): ")
        let raised = try enter(pty, "2099-01-31", then: "summary> ")
        #expect(raised.contains("Action a1 raised: Update the chronology (owner Team manager, due 2099-01-31). a 1 changes it."))
        try enter(pty, "a", then: "Action (what must happen): ")
        try enter(pty, "Visit the child", then: "Owner: ")
        try enter(pty, "Social worker", then: "Due (yyyy-mm-dd): ")
        try enter(pty, "2099-02-28", then: "summary> ")

        // a 1: each part is on the line to edit; Enter keeps it, Ctrl-U clears it for a new one.
        let changing = try enter(pty, "a 1", then: "Action (what must happen): ")
        #expect(changing.contains("Changing action a1: Update the chronology (owner Team manager, due 2099-01-31)."))
        try enter(pty, "", then: "Owner: ")
        try enter(pty, "\u{15}Practice lead", then: "Due (yyyy-mm-dd): ")
        let changed = try enter(pty, "\u{15}2099-03-15", then: "summary> ")
        #expect(changed.contains("Action a1 is now: Update the chronology (owner Practice lead, due 2099-03-15)."))

        try enter(pty, "d 2", then: "y to withdraw it, Enter to keep it: ")
        let kept = try enter(pty, "", then: "summary> ")
        #expect(kept.contains("Action a2 is kept."))
        try enter(pty, "d 2", then: "y to withdraw it, Enter to keep it: ")
        let withdrawn = try enter(pty, "y", then: "summary> ")
        #expect(withdrawn.contains("Action a2 withdrawn"))
        let wrong = try enter(pty, "a 5", then: "summary> ")
        #expect(wrong.contains("a N, N from 1 to 1"))
        let summary = try enter(pty, "v", then: "summary> ")
        #expect(summary.contains("a1. Update the chronology (owner Practice lead, due 2099-03-15)"))
        #expect(!summary.contains("Visit the child"))
        try enter(pty, "w", then: "resumes.")
        #expect(try pty.waitForExit() == 0)

        let actions = try AuditWorkspace.show(work, 1)["actions"] as? [[String: Any]] ?? []
        #expect(actions.count == 1)
        #expect(actions.first?["what"] as? String == "Update the chronology")
        #expect(actions.first?["owner"] as? String == "Practice lead")
        #expect(actions.first?["due"] as? String == "2099-03-15")
        // Both changes are in the audit log, as Ana's: the change an update, the withdrawal a delete.
        let logged = try sqlite3(work, "SELECT group_concat(operation || ':' || user_name, ',') FROM (SELECT * FROM audit_log WHERE table_name = 'audit_action' ORDER BY seq)")
        #expect(logged == "insert:Ana,insert:Ana,update:Ana,delete:Ana")
        #expect(try AuditWorkspace.run(work, as: AuditWorkspace.lead, ["verify"]).status == 0)
    }
}
