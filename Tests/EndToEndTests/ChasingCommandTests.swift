import Foundation
import Testing

/// A database with two drawn months shared out, for the chasing tests: twelve front-door
/// cases in three teams; November draws two a team and December one a team (November's are
/// left out as recently drawn); Ana (Alpha Team) and Ben share both months out. Every command
/// runs with `ASSAY_TODAY` = 2026-12-10, three days after November's default due date.
enum ChasingWorkspace {
    static let lead = "Lena Lead"
    static let today = "2026-12-10"

    static func prepare(_ work: Workspace) throws {
        var csv = "case_id,team,locality,service\n"
        for (prefix, team) in [("A", "Alpha Team"), ("B", "Beta Team"), ("G", "Gamma Team")] {
            for n in 1...4 { csv += "\(prefix)\(n),\(team),Northmoor,front-door\n" }
        }
        work.write("cases.csv", csv)
        work.write("mini.yaml", AuditWorkspace.template)
        _ = try assay(work).run(["--db", "qa.db", "--as", lead, "init"])  // where databases are made only by `init`
        for command in [
            ["import", "cases", "cases.csv", "--as-of", "2026-11-01"],
            ["draw", "--month", "2026-11", "--per-stratum", "2", "--by", "team", "--seed", "s"],
            ["draw", "--month", "2026-12", "--per-stratum", "1", "--by", "team", "--seed", "t"],
            ["template", "register", "mini.yaml"],
            ["people", "add", "Ana", "--role", "auditor", "--team", "Alpha Team"],
            ["people", "add", "Ben", "--role", "auditor"],
            ["people", "add", "Cai", "--role", "moderator"],
            ["assign", "2026-11", "--auditors", "Ana,Ben"],
            ["assign", "2026-12", "--auditors", "Ana,Ben"],
        ] {
            let result = try run(work, as: lead, command)
            try #require(result.status == 0, "\(command): \(result.stderr)")
        }
    }

    /// The binary with the test's environment: no shipped templates, today fixed.
    static func assay(_ work: Workspace, today: String = today) -> AssayBinary {
        var assay = work.assay
        assay.environment["ASSAY_TEMPLATES"] = work.file("no-shipped-templates")
        assay.environment["ASSAY_TODAY"] = today
        return assay
    }

    @discardableResult
    static func run(_ work: Workspace, as user: String, today: String = today, _ arguments: [String]) throws -> AssayBinary.Result {
        try assay(work, today: today).run(["--db", "qa.db", "--as", user] + arguments)
    }

    static func json(_ work: Workspace, as user: String = lead, today: String = today, _ arguments: [String]) throws -> [[String: Any]] {
        let result = try run(work, as: user, today: today, arguments + ["--format", "json"])
        try #require(result.status == 0, "\(arguments): \(result.stderr)")
        return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]] ?? []
    }

    /// Someone's drawn cases of a month, by case id.
    static func cases(_ work: Workspace, of auditor: String, in month: String) throws -> [String] {
        try json(work, as: auditor, ["sample", month, "--mine"]).compactMap { $0["case_id"] as? String }.sorted()
    }

    /// Opens the guided audit of `caseID` as `auditor` at a terminal and leaves at once
    /// (`w`): the audit is begun, in progress, as an auditor who was interrupted leaves it.
    static func begin(_ work: Workspace, _ caseID: String, as auditor: String) throws {
        var env = assay(work).environment
        env["TERM"] = "dumb"
        env["NO_COLOR"] = "1"
        env["ASSAY_HISTORY"] = work.file("history")
        let pty = try PseudoTerminal(arguments: ["--db", work.file("qa.db"), "--as", auditor, "audit", caseID], environment: env)
        try pty.waitFor("1> ")
        pty.type("w\n")
        try #require(try pty.waitForExit() == 0)
    }
}

/// Due dates, settings, `todo` and `progress` (with its chase list) through the built binary,
/// as the QA lead and an auditor use them.
@Suite(.serialized) struct ChasingCommandTests {
    let work = Workspace()

    init() throws {
        try ChasingWorkspace.prepare(work)
    }

    func run(as user: String, today: String = ChasingWorkspace.today, _ arguments: [String]) throws -> AssayBinary.Result {
        try ChasingWorkspace.run(work, as: user, today: today, arguments)
    }

    @Test func assignSaysWhenTheCasesAreDueAndStoresIt() throws {
        let shared = try run(as: ChasingWorkspace.lead, ["assign", "2026-11", "--auditors", "Ana,Ben"])
        #expect(shared.stdout.contains("Shared 6 cases of 2026-11 among 2 auditors, due 2026-12-07."))
        #expect(try sqlite3(work, "SELECT DISTINCT due FROM assignment ORDER BY due") == "2026-12-07\n2027-01-07")

        let later = try run(as: ChasingWorkspace.lead, ["assign", "2026-12", "--auditors", "Ana,Ben", "--due", "2027-01-15"])
        #expect(later.status == 0, "\(later.stderr)")
        #expect(later.stdout.contains("Shared 3 cases of 2026-12 among 2 auditors, due 2027-01-15."))
        let rows = try ChasingWorkspace.json(work, ["assign", "2026-12", "--auditors", "Ana,Ben"])
        #expect(rows.map { $0["due"] as? [String] } == [["2027-01-15"], ["2027-01-15"]], "a re-run without --due keeps the dates")
    }

    @Test func aBadDueDateIsRefusedAndNothingChanges() throws {
        let before = try sqlite3(work, "SELECT group_concat(due) || '|' || (SELECT count(*) FROM audit_log) FROM assignment")
        for (due, says) in [("2026-12-32", "write the date as YYYY-MM-DD"),
                            ("2026-10-31", "is before 2026-11 begins"),
                            ("2026-12-09", "--due: the due date 2026-12-09 has already passed (today is 2026-12-10)")] {
            let refused = try run(as: ChasingWorkspace.lead, ["assign", "2026-11", "--auditors", "Ana,Ben", "--due", due])
            #expect(refused.status != 0)
            #expect(refused.stderr.contains(says), "\(due): \(refused.stderr)")
        }
        #expect(try sqlite3(work, "SELECT group_concat(due) || '|' || (SELECT count(*) FROM audit_log) FROM assignment") == before)
    }

    @Test func theDefaultDueDateIsASettingOnlyALeadChanges() throws {
        let refused = try run(as: "Ana", ["settings", "set", "due-days", "10"])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("Only a lead may change settings; Ana is an auditor."))
        let bad = try run(as: ChasingWorkspace.lead, ["settings", "set", "due-days", "ten"])
        #expect(bad.stderr.contains("the value must be a whole number of days; nothing was changed."))

        let set = try run(as: ChasingWorkspace.lead, ["settings", "set", "due-days", "10"])
        #expect(set.stdout == "due-days: 7 → 10.\n")
        let settings = try ChasingWorkspace.json(work, as: "Ana", ["settings"])
        #expect(settings.first?["name"] as? String == "due-days")
        #expect(settings.first?["value"] as? Int == 10)
        #expect(settings.first?["changed_by"] as? String == "Lena Lead")

        // Dates already stored stay; a month shared out afterwards gets the new default: 31 January plus 10 days.
        #expect(try sqlite3(work, "SELECT DISTINCT due FROM assignment ORDER BY due") == "2026-12-07\n2027-01-07")
        _ = try run(as: ChasingWorkspace.lead, ["draw", "--month", "2027-01", "--per-stratum", "1", "--by", "team", "--seed", "u"])
        let january = try run(as: ChasingWorkspace.lead, ["assign", "2027-01", "--auditors", "Ana,Ben"])
        #expect(january.stdout.contains("Shared 3 cases of 2027-01 among 2 auditors, due 2027-02-10."), "\(january.stdout)\(january.stderr)")
        let log = try sqlite3(work, "SELECT operation FROM audit_log WHERE table_name = 'setting'")
        #expect(log == "insert")
    }

    @Test func todoListsMyOpenCasesInEveryMonthSoonestDueFirst() throws {
        let november = try ChasingWorkspace.cases(work, of: "Ana", in: "2026-11")
        let december = try ChasingWorkspace.cases(work, of: "Ana", in: "2026-12")
        #expect(november.count == 2)
        #expect(december.count == 1)
        try ChasingWorkspace.begin(work, november[0], as: "Ana")

        let todo = try ChasingWorkspace.json(work, as: "Ana", ["todo"])
        #expect(todo.compactMap { $0["case_id"] as? String } == november + december)
        #expect(todo.compactMap { $0["due"] as? String } == ["2026-12-07", "2026-12-07", "2027-01-07"])
        #expect(todo.map { $0["days_overdue"] as? Int } == [3, 3, nil])
        #expect(todo.compactMap { $0["status"] as? String } == ["in progress", "not started", "not started"])

        let table = try run(as: "Ana", ["todo"])
        #expect(table.stdout.contains("3 cases to audit, 2 overdue. Go on with: audit CASE_ID"))
        let nobody = try run(as: "Cai", ["todo"])
        #expect(nobody.stdout.contains("Nothing to audit: no open cases are yours."))
    }

    @Test func progressTalliesEachAuditorsWorkWithOverdueAndStaleCases() throws {
        let november = try ChasingWorkspace.cases(work, of: "Ana", in: "2026-11")
        try ChasingWorkspace.begin(work, november[0], as: "Ana")
        // A month after the audit was begun: November's cases are overdue, Ana's begun audit stale.
        let touched = try sqlite3(work, "SELECT substr(started_at, 1, 10) FROM audit")
        let monthLater = try dayAfter(touched, days: 30)

        let rows = try ChasingWorkspace.json(work, today: monthLater, ["progress", "2026-11"])
        #expect(rows.compactMap { $0["auditor"] as? String } == ["Ana", "Ben"])
        let ana = try #require(rows.first)
        #expect(ana["assigned"] as? Int == 2)
        #expect(ana["not_started"] as? Int == 1)
        #expect(ana["in_progress"] as? Int == 1)
        #expect(ana["submitted"] as? Int == 0)
        #expect(ana["overdue"] as? Int == 2)
        #expect(ana["stale"] as? Int == 1)
        #expect(ana["next_due"] as? String == "2026-12-07")
        #expect(rows.last?["overdue"] as? Int == 4)
        #expect(rows.last?["stale"] as? Int == 0)

        let table = try run(as: ChasingWorkspace.lead, today: monthLater, ["progress", "2026-11"])
        #expect(table.stdout.contains("2026-11 as of \(monthLater): 6 cases, 0 submitted, 6 overdue (past the due date, not submitted), 1 stale (in progress, untouched 7 days or more)."))
        #expect(table.stdout.contains("progress 2026-11 --chase --format csv lists them for a mail merge."))

        // Untouched for 30 days is not stale once a lead says 31.
        _ = try run(as: ChasingWorkspace.lead, ["settings", "set", "stale-days", "31"])
        let relaxed = try ChasingWorkspace.json(work, today: monthLater, ["progress", "2026-11"])
        #expect(relaxed.first?["stale"] as? Int == 0)
    }

    @Test func theChaseListIsACSVOfOverdueAndStaleCasesForAMailMerge() throws {
        let november = try ChasingWorkspace.cases(work, of: "Ana", in: "2026-11")
        try ChasingWorkspace.begin(work, november[0], as: "Ana")
        let csv = try run(as: ChasingWorkspace.lead, ["progress", "--chase", "--format", "csv"])
        #expect(csv.status == 0, "\(csv.stderr)")
        let lines = csv.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "auditor,case_id,month,team,status,due,days_overdue,last_touched,days_untouched,audit_id")
        // On 2026-12-10 every November case is three days overdue; December's are not due yet.
        #expect(lines.count == 1 + 6)
        let anas = lines.filter { $0.hasPrefix("Ana,") }
        #expect(anas.count == 2)
        #expect(anas.contains { $0.hasPrefix("Ana,\(november[0]),2026-11,") && $0.contains(",in progress,2026-12-07,3,") })
        #expect(anas.contains { $0.hasPrefix("Ana,\(november[1]),2026-11,") && $0.contains(",not started,2026-12-07,3,,,") })
        #expect(!lines.contains { $0.contains(",2026-12,") })

        let december = try run(as: ChasingWorkspace.lead, ["progress", "2026-12", "--chase"])
        #expect(december.stdout.contains("0 cases to chase in 2026-12, as of 2026-12-10"))
    }

    @Test func aMonthWithoutADrawNeverTellsAnAuditorToDrawIt() throws {
        let auditor = try run(as: "Ana", ["sample", "2027-01", "--mine"])
        #expect(auditor.status != 0)
        #expect(!auditor.stderr.contains("draw --month"))
        #expect(auditor.stderr.contains("2027-01 has no draw yet; the QA lead draws each month's sample. The latest drawn month is 2026-12. `todo` lists your cases to audit in every month."))
        let progress = try run(as: "Ana", ["progress", "2027-01"])
        #expect(!progress.stderr.contains("draw --month"))
        let show = try run(as: "Ana", ["draw", "show", "2027-01"])
        #expect(!show.stderr.contains("draw --month"))

        let lead = try run(as: ChasingWorkspace.lead, ["sample", "2027-01"])
        #expect(lead.stderr.contains("2027-01 has no draw yet. Draw it: draw --month 2027-01 --size N"), "\(lead.stderr)")
        #expect(lead.status == 4, "not found")
    }

    func dayAfter(_ date: String, days: Int) throws -> String {
        try sqlite3(work, "SELECT date('\(date)', '+\(days) days')")
    }
}
