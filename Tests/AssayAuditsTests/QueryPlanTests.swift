@testable import AssayAudits
import AssayCore
import AssaySampling
import AssayStore
import Foundation
import GRDB
import Testing

/// The shell's everyday reads (`sample`, `queue`, `todo`, `chase`, `progress`, opening a
/// case, `plan`) must not walk a whole register. Without statistics, SQLite likes to start a
/// join at `frame_case_by_stratum (frame_id=?)` — every case of a frame — and look each up in
/// the draw: at 100,000 audits over 120 months `todo`'s query took 36–42 s that way and 0.2 s with the
/// draw's cases first (issue 22). This runs each read with SQLite's statement trace on, asks
/// SQLite for the plan of every statement it ran (`EXPLAIN QUERY PLAN`), and fails on a plan
/// that walks a frame by `frame_id` alone or scans one of the tables that grow with the years.
@Suite struct QueryPlanTests {
    let fx: AuditFixture
    init() throws { fx = try AuditFixture() }

    /// Tables whose size grows with the authority's history: never scanned by a shell read.
    static let growingTables = ["frame_case", "audit", "audit_answer", "audit_section_grade", "audit_log", "draw_case"]

    /// Every statement `body` runs on `store`'s connection.
    func statements(of store: Store, _ body: () throws -> Void) throws -> [String] {
        let seen = Seen()
        try store.read { db in db.trace(options: .statement) { event in if case .statement(let s) = event { seen.add(s.sql) } } }
        defer { try? store.read { db in db.trace(options: []) } }
        try body()
        return seen.all
    }

    /// The plan lines of each statement that are a whole-frame walk or a scan of a growing table.
    func badPlans(_ sqls: [String], on store: Store) throws -> [String] {
        try store.read { db in
            var bad: [String] = []
            for sql in Set(sqls) where sql.uppercased().hasPrefix("SELECT") || sql.uppercased().hasPrefix("WITH") {
                let details = try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql.replacingOccurrences(of: "?", with: "NULL"))
                    .map { $0["detail"] as String }
                for line in details where Self.isBad(line) { bad.append("\(line)   in: \(sql.prefix(160))") }
            }
            return bad
        }
    }

    static func isBad(_ line: String) -> Bool {
        if line.contains("frame_case_by_stratum (frame_id=?)") { return true }
        return growingTables.contains { table in
            line.hasPrefix("SCAN \(table)") || line.range(of: #"^SCAN \w+ USING"#, options: .regularExpression) != nil && line.contains(" \(table)")
        } || line.range(of: "^SCAN (c|f|a|an|l)( |$)", options: .regularExpression) != nil
    }

    @Test func theShellsEverydayReadsStartFromTheDrawNotTheRegister() throws {
        _ = try fx.store(as: "Ana")  // someone to filter by
        let november = fx.november
        let stored = try fx.lead.storedDraw(month: november)
        let sqls = try statements(of: fx.lead) {
            _ = try fx.lead.assignedCases(month: november)
            _ = try fx.lead.assignedCases(month: november, auditor: "Ana")
            _ = try fx.lead.queue(auditor: "Ana", month: november)
            _ = try fx.lead.drawnCasesToAudit()
            _ = try fx.lead.drawnCasesToAudit(month: november, auditor: "Ana", openOnly: true)
            _ = try fx.lead.drawReauditCases(month: november)
            _ = try fx.lead.drawnGroupSizes(stored, by: [.team, .locality])
            _ = try fx.lead.auditedCase(fx.drawnCase(team: "CP North"), month: november, unsampled: false, fallbackMonth: november)
        }
        #expect(sqls.count >= 8)
        let bad = try badPlans(sqls, on: fx.lead)
        #expect(bad.isEmpty, "\(bad.joined(separator: "\n"))")
    }

    /// The shell checks a typed team against the teams in use before `report team`,
    /// `audits --team` and the like run (`NameCheck`), and `report team` looks up only the
    /// audits its escalations and actions came from. At 100,000 audits reading every case and
    /// audit for the names was about 90 ms of each such command (issue 22): the names are
    /// skipped through the indexes by team (`DistinctValues`), the audits looked up by id.
    @Test func teamNamesAndATeamPagesAuditsAreLookedUpNotScanned() throws {
        let ana = try fx.store(as: "Ana")
        var opened: [Int64] = []
        for team in ["Front Door", "CP North"] {
            let audited = try ana.auditedCase(fx.drawnCase(team: team), month: fx.november, unsampled: false, fallbackMonth: fx.november)
            opened.append(try ana.openAudit(of: audited, template: fx.mini, unsampled: false).audit.id)
        }
        var teams: [String] = [], looked: [Audit] = []
        let sqls = try statements(of: fx.lead) {
            teams = try fx.lead.teamsInUse()
            looked = try fx.lead.audits(AuditFilter(team: "cp north", ids: Set(opened + [999])))
        }
        // The same names as reading every row gives, and the one audit of the team asked for.
        let everyRow = try fx.lead.read { db in
            try String.fetchAll(db, sql: """
                SELECT team FROM frame_case UNION SELECT team FROM people WHERE team IS NOT NULL
                UNION SELECT team FROM audit UNION SELECT team FROM imported_audit ORDER BY 1
                """)
        }
        #expect(teams == everyRow && teams == ["CP North", "Front Door"])
        #expect(looked.map(\.id) == [opened[1]])
        #expect(try fx.lead.audits(AuditFilter(ids: [])).isEmpty)
        let bad = try badPlans(sqls, on: fx.lead)
        #expect(bad.isEmpty, "\(bad.joined(separator: "\n"))")
    }

    /// The check itself: the join order SQLite picks for the old spelling of the sample query
    /// is the whole-frame walk this suite exists to catch.
    @Test func theCheckCatchesAWholeFrameWalk() throws {
        let old = """
            SELECT c.case_id, f.team FROM draw_case c JOIN draw d ON d.id = c.draw_id
            JOIN frame_case f ON f.frame_id = d.frame_id AND f.case_id = c.case_id
            WHERE c.draw_id = ? ORDER BY f.team, f.locality, c.case_id
            """
        let bad = try badPlans([old.replacingOccurrences(of: "\n", with: " ")], on: fx.lead)
        #expect(!bad.isEmpty)
    }
}

/// Statements seen by the trace (the callback may run on the store's queue).
private final class Seen: @unchecked Sendable {
    private let lock = NSLock()
    private var sqls: [String] = []
    func add(_ sql: String) { lock.lock(); sqls.append(sql); lock.unlock() }
    var all: [String] { lock.lock(); defer { lock.unlock() }; return sqls }
}
