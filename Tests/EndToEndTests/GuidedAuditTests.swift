import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The guided audit through a real pseudo-terminal, as an auditor types it: a whole audit
/// to submission, a killed process that loses nothing, and an escalation that blocks
/// submission until it has a response. On `AuditWorkspace`'s four-question `mini` template.
@Suite(.serialized) struct GuidedAuditTests {
    let work = Workspace()

    init() throws {
        try AuditWorkspace.prepare(work)
    }

    /// `assay audit CASE ARGS` at a terminal of `rows` × `columns`, as Ana.
    func guided(_ caseID: String, _ extra: [String] = [], rows: UInt16 = 24, columns: UInt16 = 100) throws -> PseudoTerminal {
        var env = work.assay.environment
        env["TERM"] = "dumb"
        env["NO_COLOR"] = "1"
        env["ASSAY_HISTORY"] = work.file("history")
        return try PseudoTerminal(arguments: ["--db", work.file("qa.db"), "--as", "Ana", "audit", caseID] + extra, environment: env,
                                  rows: rows, columns: columns)
    }

    /// Types `line` and Enter, then waits for `prompt`; returns what the terminal showed in between.
    @discardableResult
    func enter(_ pty: PseudoTerminal, _ line: String, then prompt: String) throws -> String {
        let mark = pty.mark
        pty.type(line + "\n")
        return try pty.waitFor(prompt, from: mark)
    }

    /// `e`, the lines of evidence, and the `.` that ends them, at question `number`.
    func evidence(_ pty: PseudoTerminal, _ lines: [String], question number: Int) throws {
        try enter(pty, "e", then: "a line holding a single . to end.\r\n  ")
        for line in lines {
            try enter(pty, line, then: "\(line)\r\n  ")
        }
        let saved = try enter(pty, ".", then: "\(number)> ")
        #expect(saved.contains("Evidence saved for question \(number)."))
    }

    /// The screen with every run of blanks and line breaks as one space: text as read,
    /// wherever it was wrapped to the terminal's width.
    func flat(_ screen: String) -> String {
        screen.split(whereSeparator: { $0 == " " || $0 == "\r" || $0 == "\n" || $0 == "\r\n" }).joined(separator: " ")
    }

    func history() -> String {
        (try? String(contentsOfFile: work.file("history"), encoding: .utf8)) ?? ""
    }

    @Test func aWholeGuidedAuditIsAnsweredGradedAndSubmitted() throws {
        let pty = try guided("C1", ["--template", "mini"])
        let opening = try pty.waitFor("1> ")
        #expect(opening.contains("Audit 1 · case C1 · Mini audit (mini v1)"))
        #expect(opening.contains("Drawn in 2026-11 · look back 3 months: 2026-08 to 2026-10"))
        #expect(opening.contains("Question 1 of 4 · domain 1 of 2: Safety"))
        #expect(opening.contains("Guidance: Read the assessment. (? for more)"))
        #expect(!opening.contains("\u{1B}["), "NO_COLOR is set, yet the screen has escape codes")

        let guidance = try enter(pty, "?", then: "1> ")
        #expect(guidance.contains("Look for analysis, not description."))
        try evidence(pty, ["Assessment of 3 October analyses the risk.", "Manager's oversight note agrees."], question: 1)
        let second = try enter(pty, "g", then: "2> ")
        #expect(second.contains("Was the child seen alone?  [seen; required]"))
        try enter(pty, "na", then: "Why is it not applicable? ")
        try enter(pty, "The child is three months old.", then: "3> ")
        let fourth = try enter(pty, "r", then: "4> ")
        #expect(fourth.contains("Anything else?  [note; optional]"))
        let summary = try enter(pty, "s", then: "summary> ")
        #expect(summary.contains("Summary of audit 1 · case C1"))
        #expect(summary.contains("1. risk: 2 good · evidence: 2 lines"))
        #expect(summary.contains("2. seen: na — reason: The child is three months old."))
        #expect(summary.contains("3. plan-quality: 3 requires improvement"))
        #expect(summary.contains("4. note: skipped"))
        #expect(summary.contains("Safety — 2 good"))
        #expect(summary.contains("Planning — 3 requires improvement"))
        #expect(summary.contains("Suggested overall: 3 requires improvement"))
        #expect(summary.contains("Overall grade: not set"))

        // Inadequate, against the suggestion: a reason is asked for and shown.
        let asked = try enter(pty, "i", then: "Reason: ")
        #expect(asked.contains("The suggested grade is 3 requires improvement; say why this case is inadequate."))
        let graded = try enter(pty, "The baby's bruising was never explained.", then: "summary> ")
        #expect(graded.contains("Overall grade: 4 inadequate — reason: The baby's bruising was never explained."))
        let confirm = try enter(pty, "x", then: "y to submit, Enter or n to go back: ")
        #expect(confirm.contains("Submitting locks audit 1 of case C1 (2026-11). After that only a lead can reopen it (audit amend)."))
        let submitted = try enter(pty, "y", then: "It is now read-only")
        #expect(submitted.contains("Submitted audit 1 of case C1: overall 4 inadequate."))
        #expect(try pty.waitForExit() == 0)

        let row = try #require(try AuditWorkspace.audits(work).first)
        #expect(row["status"] as? String == "submitted")
        #expect(row["overall"] as? Int == 4)
        let record = try AuditWorkspace.show(work, 1)
        #expect(record["status"] as? String == "submitted")
        #expect(record["suggested_overall"] as? Int == 3)
        #expect(record["overall_reason"] as? String == "The baby's bruising was never explained.")
        #expect(record["section_grades"] as? [String: Int] == ["safety": 2, "plan": 3])
        let answers = AuditWorkspace.answers(record)
        #expect(answers["risk"]?["grade"] as? Int == 2)
        #expect(answers["risk"]?["evidence"] as? String == "Assessment of 3 October analyses the risk.\nManager's oversight note agrees.")
        #expect(answers["seen"]?["value"] as? String == "na")
        #expect(answers["seen"]?["reason"] as? String == "The child is three months old.")
        #expect(answers["plan-quality"]?["grade"] as? Int == 3)
        #expect(answers["note"]?["skipped"] as? Bool == true)
        #expect(answers["note"]?["value"] is NSNull)
        // Evidence is about a child: it never reaches the shell's history file.
        #expect(!history().contains("bruising") && !history().contains("oversight"))
    }

    @Test func aKilledAuditLosesNothingAndResumesAtTheFirstUnansweredQuestion() throws {
        let first = try guided("C1", ["--template", "mini"])
        try first.waitFor("1> ")
        try evidence(first, ["Strategy discussion minuted.", "Risk analysis signed off."], question: 1)
        try enter(first, "o", then: "2> ")
        try enter(first, "no", then: "3> ")
        let mark = first.mark
        first.type("r")  // typed but not entered when the process dies
        try first.waitFor("r", from: mark)
        #expect(kill(first.pid, SIGKILL) == 0)
        #expect(try first.waitForExit() == 128 + SIGKILL)

        let row = try #require(try AuditWorkspace.audits(work).first)
        #expect(row["status"] as? String == "in_progress")
        let stored = AuditWorkspace.answers(try AuditWorkspace.show(work, 1))
        #expect(stored["risk"]?["grade"] as? Int == 1)
        #expect(stored["risk"]?["evidence"] as? String == "Strategy discussion minuted.\nRisk analysis signed off.")
        #expect(stored["seen"]?["value"] as? String == "no")
        #expect(stored["plan-quality"]?["value"] is NSNull)
        #expect(stored["note"]?["value"] is NSNull)

        // Started again without --template: the audit keeps its own.
        let second = try guided("C1")
        let resumed = try second.waitFor("3> ")
        #expect(resumed.contains("Resuming: 2 of 4 questions answered; starting at question 3."), "\(resumed)")
        #expect(resumed.contains("Question 3 of 4 · domain 2 of 2: Planning"))
        #expect(!resumed.contains("Question 1 of 4") && !resumed.contains("Question 2 of 4"))
        let back = try enter(second, "b", then: "2> ")
        #expect(back.contains("Answer so far: no"))
        let backAgain = try enter(second, "b", then: "1> ")
        #expect(backAgain.contains("Answer so far: 1 outstanding · evidence: 2 lines"))
        try enter(second, "j 3", then: "3> ")
        try enter(second, "g", then: "4> ")
        let left = try enter(second, "w", then: "resumes.")
        #expect(left.contains("Saved: 3 of 4 questions answered. `audit C1` resumes."))
        #expect(try second.waitForExit() == 0)
        let after = AuditWorkspace.answers(try AuditWorkspace.show(work, 1))
        #expect(after["risk"]?["evidence"] as? String == "Strategy discussion minuted.\nRisk analysis signed off.")
        #expect(after["plan-quality"]?["grade"] as? Int == 2)
    }

    @Test func anEscalationBlocksSubmissionUntilItHasAResponse() throws {
        let pty = try guided("C4", ["--template", "mini"])
        let opening = try pty.waitFor("1> ")
        #expect(!opening.contains("ESCALATED"))
        try enter(pty, "g", then: "2> ")
        let warned = try enter(pty, "!", then: "Concern: ")
        #expect(warned.contains("Escalation: the child is unsafe now."))
        try enter(pty, "Unexplained bruising in the 12 November photographs.", then: "Escalated to (name or role): ")
        let recorded = try enter(pty, "Duty team manager", then: "2> ")
        #expect(recorded.contains("Escalation 1 recorded at"))
        #expect(recorded.contains("escalation respond 1 --response TEXT"))
        #expect(recorded.contains("ESCALATED (1 awaiting a response: submission is blocked)"))
        // The escalation is stored at once, while the audit is still in progress.
        let open = try AuditWorkspace.json(work, ["escalations", "--open"]) as? [[String: Any]] ?? []
        #expect(open.count == 1)
        #expect(open.first?["escalated_to"] as? String == "Duty team manager")
        #expect(open.first?["raised_by"] as? String == "Ana")

        let third = try enter(pty, "yes", then: "3> ")
        #expect(third.contains("ESCALATED"))
        try enter(pty, "g", then: "4> ")
        let summary = try enter(pty, "s", then: "summary> ")
        #expect(summary.contains("ESCALATED (1 awaiting a response: submission is blocked)"))
        // Wrapped to the terminal's 100 columns at a space: read with the breaks as spaces.
        #expect(flat(summary).contains("Escalation 1: Unexplained bruising in the 12 November photographs. → Duty team manager; AWAITING RESPONSE"))
        try enter(pty, "g", then: "summary> ")
        let refused = try enter(pty, "x", then: "summary> ")
        #expect(refused.contains("Audit 1 cannot be submitted yet:"))
        #expect(refused.contains("escalation 1 has no response yet (escalation respond 1 --response TEXT)"))
        #expect(!refused.contains("Submitted"))
        try enter(pty, "w", then: "resumes.")
        #expect(try pty.waitForExit() == 0)
        #expect(try AuditWorkspace.audits(work).first?["status"] as? String == "in_progress")

        let id = try #require(open.first?["escalation_id"] as? Int)
        let responded = try AuditWorkspace.run(work, as: AuditWorkspace.lead,
                                               ["escalation", "respond", String(id), "--response", "Strategy discussion held; child placed with her aunt."])
        #expect(responded.status == 0, "\(responded.stderr)")
        #expect(responded.stdout.contains("The audit can be submitted."))
        #expect((try AuditWorkspace.json(work, ["escalations", "--open"]) as? [Any])?.isEmpty == true)

        let again = try guided("C4")
        let resumed = try again.waitFor("summary> ")
        #expect(resumed.contains("Resuming: 4 of 4 questions answered; every question is answered."))
        #expect(resumed.contains("ESCALATED (responded)"))
        #expect(flat(resumed).contains("response: Strategy discussion held; child placed with her aunt."))
        try enter(again, "x", then: "y to submit, Enter or n to go back: ")
        let submitted = try enter(again, "y", then: "It is now read-only")
        #expect(submitted.contains("Submitted audit 1 of case C4: overall 2 good."))
        #expect(try again.waitForExit() == 0)
        #expect(try AuditWorkspace.audits(work).first?["status"] as? String == "submitted")
        let escalations = try AuditWorkspace.show(work, 1)["escalations"] as? [[String: Any]] ?? []
        #expect(escalations.first?["response"] as? String == "Strategy discussion held; child placed with her aunt.")
        #expect(escalations.first?["responded_by"] as? String == AuditWorkspace.lead)
    }
}
