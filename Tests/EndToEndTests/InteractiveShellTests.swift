import Foundation
import Testing

/// The REPL through a real pseudo-terminal: history, completion, Ctrl-C and Ctrl-D.
@Suite(.serialized) struct InteractiveShellTests {
    let work = Workspace()

    init() throws {
        let created = try work.assay.run(["--db", "qa.db", "--as", "Lena Lead", "init"])
        try #require(created.status == 0, "\(created.stderr)")
    }

    func shell(_ extra: [String] = []) throws -> PseudoTerminal {
        var env = work.assay.environment
        env["TERM"] = "dumb"
        env["ASSAY_HISTORY"] = work.file("history")
        let pty = try PseudoTerminal(arguments: ["--db", work.file("qa.db"), "--as", "Lena Lead"] + extra, environment: env)
        try pty.waitFor("assay(qa.db ")
        return pty
    }

    @Test func thePromptShowsTheDatabaseAndMonthAndErrorsDoNotEndTheShell() throws {
        let pty = try shell()
        let month = String(Date().formatted(.iso8601.year().month()).prefix(7))
        try pty.waitFor("assay(qa.db \(month))> ")
        var mark = pty.mark
        pty.type("frobnicate\n")
        try pty.waitFor("unknown command \"frobnicate\"", from: mark)
        mark = pty.mark
        pty.type("month 2026-03\n")
        try pty.waitFor("assay(qa.db 2026-03)> ", from: mark)
        pty.type("quit\n")
        #expect(try pty.waitForExit() == 0)
    }

    @Test func historyIsKeptAcrossSessions() throws {
        let first = try shell()
        first.type("month 2025-07\n")
        try first.waitFor("assay(qa.db 2025-07)> ")
        first.type("\u{04}")  // Ctrl-D leaves
        #expect(try first.waitForExit() == 0)
        let saved = try String(contentsOfFile: work.file("history"), encoding: .utf8)
        #expect(saved.contains("month 2025-07"))
        let mode = try FileManager.default.attributesOfItem(atPath: work.file("history"))[.posixPermissions] as? Int
        #expect(mode == 0o600)

        let second = try shell()
        let mark = second.mark
        second.type("\u{10}\n")  // Ctrl-P recalls the previous line; Enter runs it
        try second.waitFor("assay(qa.db 2025-07)> ", from: mark)
        second.type("quit\n")
        #expect(try second.waitForExit() == 0)
    }

    @Test func tabCompletesATeamNameFromTheDatabase() throws {
        work.write("cases.csv", "case_id,team,locality\nC1,Children in Care West,Northmoor\nC2,CP North,Eastbridge\n")
        let setup = try work.assay.run(["--db", "qa.db", "--as", "Lena Lead", "import", "cases", "cases.csv"])
        #expect(setup.status == 0)
        let pty = try shell()
        let mark = pty.mark
        pty.type("people add Sam --role auditor --team Chil\t")
        try pty.waitFor("Children in Care West", from: mark)
        pty.type("\n")
        try pty.waitFor("Added Sam as an auditor.", from: mark)
        pty.type("quit\n")
        _ = try pty.waitForExit()
        let people = try work.assay.run(["--db", "qa.db", "people", "--format", "csv"])
        #expect(people.stdout.contains("Sam,auditor,Children in Care West,"))
    }

    @Test func ctrlCAbandonsTheLineAndCtrlDLeaves() throws {
        let pty = try shell()
        var mark = pty.mark
        pty.type("frobnicate")
        try pty.waitFor("frobnicate", from: mark)
        pty.type("\u{03}")  // Ctrl-C
        mark = pty.mark
        pty.type("month 2024-02\n")
        let after = try pty.waitFor("assay(qa.db 2024-02)> ", from: mark)
        #expect(!after.contains("unknown command"))
        #expect(!after.contains("frobnicate"))
        pty.type("\u{04}")
        #expect(try pty.waitForExit() == 0)
    }
}
