import Foundation
import Testing

/// What the interactive shell says on opening, through a real pseudo-terminal: an auditor
/// lands on their oldest open work with its due dates and OVERDUE called out, the QA lead on
/// the latest drawn month with the work to chase, and nobody is told to run a command their
/// role may not. On `ChasingWorkspace` (today 2026-12-10).
@Suite(.serialized) struct OpeningShellTests {
    let work = Workspace()

    init() throws {
        try ChasingWorkspace.prepare(work)
    }

    func shell(as user: String) throws -> PseudoTerminal {
        var env = ChasingWorkspace.assay(work).environment
        env["TERM"] = "dumb"
        env["NO_COLOR"] = "1"
        env["ASSAY_HISTORY"] = work.file("history")
        return try PseudoTerminal(arguments: ["--db", work.file("qa.db"), "--as", user], environment: env)
    }

    @Test func anAuditorOpensOnTheirOldestWorkWithDueDatesAndOverdueCalledOut() throws {
        let november = try ChasingWorkspace.cases(work, of: "Ana", in: "2026-11")
        try ChasingWorkspace.begin(work, november[0], as: "Ana")
        let pty = try shell(as: "Ana")
        let screen = try pty.waitFor("assay(qa.db 2026-11, 2 to audit)> ")
        #expect(screen.contains("2 cases to audit in 2026-11 (1 in progress, due 2026-12-07): OVERDUE by 3 days.\r\n"))
        #expect(screen.contains("1 case to audit in 2026-12 (due 2027-01-07).\r\n"))
        #expect(screen.contains("Working in 2026-11, the month of your oldest open work. `todo` lists your cases, soonest due first."))
        let mark = pty.mark
        pty.type("todo\n")
        let todo = try pty.waitFor("Go on with: audit CASE_ID", from: mark)
        #expect(todo.contains("3 cases to audit, 2 overdue."))
        pty.type("quit\n")
        #expect(try pty.waitForExit() == 0)
    }

    @Test func anAuditorWhoseMonthIsDoneOpensOnTheNextAndIsNotToldToDraw() throws {
        // Ana's November cases handed to Ben: her only work is December's, not yet due.
        _ = try ChasingWorkspace.run(work, as: ChasingWorkspace.lead, ["assign", "2026-11", "--auditors", "Ben"])
        let pty = try shell(as: "Ana")
        let screen = try pty.waitFor("assay(qa.db 2026-12, 1 to audit)> ")
        #expect(screen.contains("1 case to audit in 2026-12 (due 2027-01-07).\r\n"))
        #expect(!screen.contains("2026-11"))
        #expect(!screen.contains("OVERDUE"))
        let mark = pty.mark
        pty.type("month 2027-01\n")
        try pty.waitFor("assay(qa.db 2027-01)> ", from: mark)
        pty.type("sample --mine\n")
        let refused = try pty.waitFor("`todo` lists your cases to audit in every month.", from: mark)
        #expect(refused.contains("2027-01 has no draw yet; the QA lead draws each month's sample."))
        #expect(!refused.contains("draw --month"))
        pty.type("quit\n")
        #expect(try pty.waitForExit() == 0)
    }

    @Test func someoneWithNothingToAuditIsToldSoAndOpensOnTheLatestDrawnMonth() throws {
        let pty = try shell(as: "Cai")
        let screen = try pty.waitFor("assay(qa.db 2026-12)> ")
        #expect(screen.contains("Nothing to audit: no open cases are yours.\r\n"))
        #expect(screen.contains("Working in 2026-12, the latest drawn month."))
        pty.type("quit\n")
        #expect(try pty.waitForExit() == 0)
    }

    @Test func theLeadOpensOnTheLatestDrawnMonthWithTheWorkToChase() throws {
        let pty = try shell(as: ChasingWorkspace.lead)
        let screen = try pty.waitFor("assay(qa.db 2026-12)> ")
        #expect(screen.contains("Working in 2026-12, the latest drawn month: 3 cases, 3 assigned, 0 submitted.\r\n"))
        #expect(screen.contains("Across all months 6 cases are overdue and 0 stale: `progress --chase` lists them."))
        #expect(!screen.contains("Nothing to audit"))
        let mark = pty.mark
        pty.type("progress 2026-11\n")
        let progress = try pty.waitFor("lists them for a mail merge.", from: mark)
        #expect(progress.contains("2026-11 as of 2026-12-10: 6 cases, 0 submitted, 6 overdue"))
        pty.type("quit\n")
        #expect(try pty.waitForExit() == 0)
    }

    @Test func someoneWhoIsNotOneOfThePeopleIsToldSo() throws {
        let pty = try shell(as: "Stranger")
        let screen = try pty.waitFor("assay(qa.db 2026-12)> ")
        #expect(screen.contains("You are not one of this database's people, so Assay will refuse what you try; ask the QA lead to add you."))
        pty.type("quit\n")
        #expect(try pty.waitForExit() == 0)
    }
}
