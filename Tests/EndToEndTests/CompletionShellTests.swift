import Foundation
import Testing

/// A small database for the shell's completion and error tests: six cases in three teams
/// and two localities; November's draw (one case a team) all assigned to Ash Auditor, who
/// has submitted one of them (audit 1); the `mini` template (sections safety and plan).
enum ShellWorkspace {
    static let lead = "Lena Lead"
    static let ash = "Ash Auditor"

    static func prepare(_ work: Workspace) throws {
        work.write("cases.csv", """
            case_id,team,locality,service
            CS1001,Assessment North,Northmoor,front-door
            CS1002,Assessment North,Northmoor,front-door
            CS2001,CP North,Eastbridge,front-door
            CS2002,CP North,Eastbridge,front-door
            CS3001,Children in Care West,Northmoor,front-door
            CS3002,Children in Care West,Northmoor,front-door

            """)
        work.write("mini.yaml", AuditWorkspace.template)
        _ = try run(work, as: lead, ["init"])  // only `init` makes a database
        for command in [
            ["import", "cases", "cases.csv", "--as-of", "2026-11-01"],
            ["template", "register", "mini.yaml"],
            ["draw", "--month", "2026-11", "--per-stratum", "1", "--by", "team", "--seed", "s"],
            ["people", "add", ash, "--role", "auditor"],
            ["people", "add", "Indy Independent", "--role", "auditor"],
            ["assign", "2026-11", "--auditors", ash, "--due", "2099-01-31"],
        ] {
            let result = try run(work, as: lead, command)
            try #require(result.status == 0, "\(command): \(result.stderr)")
        }
        let drawn = try ashsCases(work)
        try #require(drawn.count == 3)
        work.write("answers.yaml", AuditCommandTests.goodAnswers)
        let submitted = try run(work, as: ash, ["audit", drawn[0], "--template", "mini", "--answers", "answers.yaml"])
        try #require(submitted.status == 0, "\(submitted.stderr)")
    }

    /// The binary without the shipped templates (only `mini` is registered).
    static func assay(_ work: Workspace) -> AssayBinary {
        var assay = work.assay
        assay.environment["ASSAY_TEMPLATES"] = work.file("no-shipped-templates")
        return assay
    }

    @discardableResult
    static func run(_ work: Workspace, as user: String, _ arguments: [String]) throws -> AssayBinary.Result {
        try assay(work).run(["--db", "qa.db", "--as", user] + arguments)
    }

    /// November's drawn cases, all Ash's, by case id.
    static func ashsCases(_ work: Workspace) throws -> [String] {
        let result = try run(work, as: ash, ["sample", "2026-11", "--mine", "--format", "json"])
        let rows = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]] ?? []
        return rows.compactMap { $0["case_id"] as? String }.sorted()
    }

    /// The shell on the workspace's database at a pseudo-terminal, at its prompt.
    static func shell(_ work: Workspace, as user: String) throws -> PseudoTerminal {
        var env = assay(work).environment
        env["TERM"] = "dumb"
        env["NO_COLOR"] = "1"
        env["ASSAY_HISTORY"] = work.file("history")
        let pty = try PseudoTerminal(arguments: ["--db", work.file("qa.db"), "--as", user], environment: env)
        try pty.waitFor("assay(qa.db ")
        try pty.waitFor(")> ")
        return pty
    }
}

/// Tab completes every kind of value a person types, through a real pseudo-terminal and
/// GNU readline: case ids (the user's own first), audit ids, months, `--by` fields, teams,
/// people, templates and section ids — and never the grammar's hidden `audit case`.
@Suite(.serialized) struct CompletionShellTests {
    let work = Workspace()

    init() throws {
        try ShellWorkspace.prepare(work)
    }

    /// Types `line`, waits for `seen`, abandons the line (Ctrl-C), and returns what showed.
    func typed(_ pty: PseudoTerminal, _ line: String, until seen: String) throws -> String {
        let mark = pty.mark
        pty.type(line)
        let screen = try pty.waitFor(seen, from: mark)
        let abandoned = pty.mark
        pty.type("\u{03}")
        try pty.waitFor(")> ", from: abandoned)
        return screen
    }

    @Test func caseIDsCompleteWithTheUsersOwnOpenCasesFirst() throws {
        let drawn = try ShellWorkspace.ashsCases(work)
        let submitted = drawn[0], open = Array(drawn.dropFirst())
        let others = ["CS1001", "CS1002", "CS2001", "CS2002", "CS3001", "CS3002"].filter { !drawn.contains($0) }
        let pty = try ShellWorkspace.shell(work, as: ShellWorkspace.ash)
        // Tab twice lists the choices: Ash's open cases, then the month's other drawn case, then the rest.
        let screen = try typed(pty, "history CS\t\t", until: others.last!)
        let order = (open + [submitted] + others).map { screen.range(of: $0)?.lowerBound }
        #expect(!order.contains(nil), "\(screen)")
        #expect(order.compactMap { $0 } == order.compactMap { $0 }.sorted(), "not the user's own first: \(screen)")
        pty.type("quit\n")
        #expect(try pty.waitForExit() == 0)
    }

    @Test func auditOffersCaseIDsAndAmendButNotTheHiddenCaseWord() throws {
        let pty = try ShellWorkspace.shell(work, as: ShellWorkspace.ash)
        let screen = try typed(pty, "audit \t\t", until: "CS3002")
        #expect(screen.contains("amend"), "\(screen)")
        #expect(!screen.contains("case"), "\(screen)")
        pty.type("quit\n")
        #expect(try pty.waitForExit() == 0)
    }

    @Test func auditIDsMonthsAndFieldsComplete() throws {
        let pty = try ShellWorkspace.shell(work, as: ShellWorkspace.lead)
        var mark = pty.mark
        pty.type("audits show \t\n")  // the only audit: 1
        try pty.waitFor("Audit 1 of case", from: mark)
        let months = try typed(pty, "draw show 2026-1\t\t", until: "2026-10")
        #expect(months.contains("2026-11") && months.contains("2026-12"), "\(months)")
        mark = pty.mark
        pty.type("month 2025-1\t\t")
        let earlier = try pty.waitFor("2025-11", from: mark)
        #expect(earlier.contains("2025-12"), "\(earlier)")
        #expect(!earlier.contains("2026-10"), "only 2025's months: \(earlier)")
        mark = pty.mark
        pty.type("\u{03}")
        try pty.waitFor(")> ", from: mark)
        mark = pty.mark
        pty.type("report rates --by loc\t--month 2026-11\n")
        let rates = try pty.waitFor("Northmoor", from: mark)
        #expect(rates.contains("report rates --by locality --month 2026-11"), "\(rates)")
        #expect(rates.contains("Inadequate rate, 2026-11, by locality"), "\(rates)")
        let fields = try typed(pty, "report rates --by team,\t\t", until: "team,service")
        #expect(fields.contains("team,locality"), "\(fields)")
        pty.type("quit\n")
        #expect(try pty.waitForExit() == 0)
    }

    @Test func teamsPeopleTemplatesAndSectionsComplete() throws {
        let pty = try ShellWorkspace.shell(work, as: ShellWorkspace.lead)
        var mark = pty.mark
        pty.type("report team Asse\t\n")  // a name with spaces, quoted as it completes
        let team = try pty.waitFor(")> ", from: mark)
        #expect(team.contains("\"Assessment North\""), "\(team)")
        #expect(team.contains("Team Assessment North"), "\(team)")
        mark = pty.mark
        pty.type("audits --auditor As\t\n")
        let audits = try pty.waitFor(")> ", from: mark)
        #expect(audits.contains("\"Ash Auditor\""), "\(audits)")
        #expect(audits.contains("mini"), "the audit by Ash is listed: \(audits)")
        mark = pty.mark
        pty.type("template show mi\t\n")
        try pty.waitFor("Mini audit", from: mark)
        mark = pty.mark
        pty.type("report evidence --month 2026-11 --domain pl\t\n")
        let evidence = try pty.waitFor(")> ", from: mark)
        #expect(evidence.contains("--domain plan"), "\(evidence)")
        #expect(!evidence.contains("No domain"), "\(evidence)")
        let people = try typed(pty, "assign 2026-11 --auditors \"Ash Auditor,\t\t", until: "Indy Independent")
        #expect(people.contains("Lena Lead"), "\(people)")
        pty.type("quit\n")
        #expect(try pty.waitForExit() == 0)
    }

    /// Completion reads only the database the shell has open: it never makes one.
    @Test func completionNeverCreatesADatabase() throws {
        let pty = try ShellWorkspace.shell(work, as: ShellWorkspace.lead)
        let before = try FileManager.default.contentsOfDirectory(atPath: work.path).sorted()
        _ = try typed(pty, "history CS\t\t", until: "CS3002")
        _ = try typed(pty, "report team \t\t", until: "Children in Care West")
        pty.type("quit\n")
        #expect(try pty.waitForExit() == 0)
        let after = try FileManager.default.contentsOfDirectory(atPath: work.path).sorted()
        #expect(after.filter { $0.hasSuffix(".db") } == before.filter { $0.hasSuffix(".db") })
    }
}
