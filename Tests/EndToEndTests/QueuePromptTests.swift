import Foundation
import Testing

/// The REPL prompt tells an auditor how many of the month's cases are still theirs to audit,
/// through a real pseudo-terminal; everyone else keeps the plain prompt.
@Suite(.serialized) struct QueuePromptTests {
    let work = Workspace()

    init() throws {
        work.write("cases.csv", "case_id,team,locality\nC1,Alpha Team,Northmoor\nC2,Alpha Team,Northmoor\nC3,Beta Team,Northmoor\nC4,Beta Team,Northmoor\nC5,Beta Team,Northmoor\n")
        for command in [
            ["init"],
            ["import", "cases", "cases.csv", "--as-of", "2026-11-01"],
            ["draw", "--month", "2026-11", "--per-stratum", "3", "--by", "team", "--seed", "s"],
            ["people", "add", "Ana", "--role", "auditor", "--team", "Alpha Team"],
            ["people", "add", "Ben", "--role", "auditor"],
            ["assign", "2026-11", "--auditors", "Ana,Ben"],
        ] {
            let result = try work.assay.run(["--db", "qa.db", "--as", "Lena Lead"] + command)
            #expect(result.status == 0, "\(command): \(result.stderr)")
        }
    }

    func shell(as user: String) throws -> PseudoTerminal {
        var env = work.assay.environment
        env["TERM"] = "dumb"
        env["ASSAY_HISTORY"] = work.file("history")
        let pty = try PseudoTerminal(arguments: ["--db", work.file("qa.db"), "--as", user], environment: env)
        try pty.waitFor("assay(qa.db ")
        return pty
    }

    /// Ana (Alpha Team) gets Beta's C3 and C5 — Ben takes the Alpha cases and C4.
    @Test func anAuditorSeesHowManyCasesAreLeftToAudit() throws {
        let pty = try shell(as: "Ana")
        let mark = pty.mark
        pty.type("month 2026-11\n")
        try pty.waitFor("assay(qa.db 2026-11, 2 to audit)> ", from: mark)
        let later = pty.mark
        pty.type("month 2026-12\n")  // no draw that month: nothing to audit, the plain prompt
        try pty.waitFor("assay(qa.db 2026-12)> ", from: later)
        pty.type("quit\n")
        #expect(try pty.waitForExit() == 0)
    }

    @Test func someoneWithNothingAssignedKeepsThePlainPrompt() throws {
        let pty = try shell(as: "Lena Lead")
        let mark = pty.mark
        pty.type("month 2026-11\n")
        let screen = try pty.waitFor("assay(qa.db 2026-11)> ", from: mark)
        #expect(!screen.contains("to audit"))
        pty.type("quit\n")
        #expect(try pty.waitForExit() == 0)
    }
}
