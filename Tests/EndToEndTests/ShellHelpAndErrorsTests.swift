import Foundation
import Testing

/// In the interactive shell, through a real pseudo-terminal: errors that name the fix ("did
/// you mean", quoting a multi-word name, the exact problem with a month), `help` about the
/// shell itself, the words psql and sqlite3 users type to leave or ask for help (`\q`,
/// `.quit`, `?`, `\?`), and Ctrl-R searching history.
@Suite(.serialized) struct ShellHelpAndErrorsTests {
    let work = Workspace()

    init() throws {
        try ShellWorkspace.prepare(work)
    }

    /// Types a line and returns what showed until the next prompt.
    func run(_ pty: PseudoTerminal, _ line: String) throws -> String {
        let mark = pty.mark
        pty.type(line + "\n")
        return try pty.waitFor(")> ", from: mark)
    }

    @Test func mistakesAreAnsweredWithTheFix() throws {
        let pty = try ShellWorkspace.shell(work, as: ShellWorkspace.lead)
        #expect(try run(pty, "reprot rates").contains("unknown command \"reprot\". Did you mean report?"))
        #expect(try run(pty, "report rate").contains("report rate: no such command. Did you mean report rates?"))
        #expect(try run(pty, "report rates --mnth 2026-11").contains("report rates: no option --mnth. Did you mean --month?"))
        #expect(try run(pty, "people add Sam --role audtor").contains("--role audtor: write auditor, moderator or lead. Did you mean auditor?"))
        #expect(try run(pty, "audits --auditor \"Ash Auditer\"")
                .contains("--auditor \"Ash Auditer\": not one of this database's people. Did you mean \"Ash Auditor\"?"))
        #expect(try run(pty, "report team \"Assesment North\"").contains("no such team. Did you mean \"Assessment North\"?"))
        #expect(try run(pty, "report team assessment north")
                .contains("report team: \"north\" is one word too many. A name with spaces goes in quotes: report team \"Assessment North\""))
        #expect(try run(pty, "month 2026-13").contains("month 2026-13: there is no month 13; months run from 01 to 12."))
        #expect(try run(pty, "help reprot").contains("help reprot: no command \"reprot\". Did you mean help report?"))
        // A parser message in the shell names `help COMMAND`, not the command line's `assay … --help`.
        let missing = try run(pty, "report rates --by")
        #expect(missing.contains("Type help report rates for its options."), "\(missing)")
        #expect(!missing.contains("assay report rates --help"), "\(missing)")
        // None of it ended the shell, or changed the month.
        #expect(try run(pty, "month").contains("2026-11"))
        pty.type("quit\n")
        #expect(try pty.waitForExit() == 0)
    }

    @Test func aMistypedUserIsAskedWhoTheyMeantOnOpening() throws {
        var env = ShellWorkspace.assay(work).environment
        env["TERM"] = "dumb"
        env["ASSAY_HISTORY"] = work.file("history")
        let pty = try PseudoTerminal(arguments: ["--db", work.file("qa.db"), "--as", "Ash Auditer"], environment: env)
        let screen = try pty.waitFor(")> ")
        #expect(screen.contains("You are not one of this database's people, so Assay will refuse what you try; ask the QA lead to add you. Did you mean --as \"Ash Auditor\"?"), "\(screen)")
        pty.type("\\q\n")
        #expect(try pty.waitForExit() == 0)
    }

    @Test func helpInTheShellDescribesTheShell() throws {
        let pty = try ShellWorkspace.shell(work, as: ShellWorkspace.lead)
        for asked in ["help", "?", "\\?"] {
            let help = try run(pty, asked)
            #expect(help.contains("a name with spaces goes in quotes"), "\(asked): \(help)")
            #expect(help.contains("The current month is 2026-11"), "\(asked): \(help)")
            #expect(help.contains("Ctrl-R"), "\(asked): \(help)")
            #expect(help.contains("\\q or .quit"), "\(asked): \(help)")
            #expect(help.contains("help COMMAND"), "\(asked): \(help)")
            #expect(help.contains("  report        Reports for leaders"), "\(asked): \(help)")
            #expect(!help.contains("--db <path>"), "not the command line's flags: \(help)")
        }
        let one = try run(pty, "help report rates")
        #expect(one.contains("--by <field>"), "\(one)")
        pty.type("quit\n")
        #expect(try pty.waitForExit() == 0)
    }

    @Test func backslashQAndDotQuitLeave() throws {
        for leave in ["\\q", ".quit"] {
            let pty = try ShellWorkspace.shell(work, as: ShellWorkspace.lead)
            pty.type(leave + "\n")
            #expect(try pty.waitForExit() == 0, "\(leave)")
            #expect(!pty.transcript.contains("unknown command"), "\(leave): \(pty.transcript)")
        }
    }

    @Test func ctrlRSearchesHistory() throws {
        let pty = try ShellWorkspace.shell(work, as: ShellWorkspace.lead)
        _ = try run(pty, "month 2025-07")
        _ = try run(pty, "month 2026-02")
        _ = try run(pty, "status")
        let mark = pty.mark
        pty.type("\u{12}")  // Ctrl-R
        try pty.waitFor("(reverse-i-search)", from: mark)
        pty.type("2025")
        try pty.waitFor("month 2025-07", from: mark)
        pty.type("\r")  // Enter, as a terminal sends it (Ctrl-J would only end the search)
        try pty.waitFor("assay(qa.db 2025-07)> ", from: mark)
        pty.type("quit\n")
        #expect(try pty.waitForExit() == 0)
    }
}
