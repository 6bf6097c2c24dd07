import AssayCore
import AssayStore
import GRDB

/// The values a person types that live in the database — case and audit ids, months, teams,
/// localities, auditors, kept register columns — in the order the shell offers them for Tab
/// completion and "did you mean" (`Vocabulary` in AssayShell). Here, not in the shell, because
/// what "the user's own work" is (an open assignment of a current draw, an audit in progress)
/// is the audits layer's knowledge, and the shell holds no SQL. Reads only; duplicates are
/// left for the caller, which merges several lists.
extension Store {
    /// Case ids, the user's own first: their open assigned cases (soonest due first) and their
    /// audits in progress, then every case drawn in `month`, then every other case in a
    /// register or an audit.
    public func caseIDsInUse(preferring user: String, month: Month) throws -> [String] {
        try read { db in
            var ids = try String.fetchAll(db, sql: """
                SELECT a.case_id FROM assignment a
                JOIN draw d ON d.id = a.draw_id AND d.status = 'current'
                LEFT JOIN audit au ON au.month = d.month AND au.case_id = a.case_id
                WHERE a.auditor = ? COLLATE NOCASE AND coalesce(au.status, '') <> 'submitted'
                ORDER BY a.due, d.month, a.case_id
                """, arguments: [user])
            ids += try String.fetchAll(db, sql: """
                SELECT case_id FROM audit WHERE auditor = ? COLLATE NOCASE AND status = 'in_progress' ORDER BY month, case_id
                """, arguments: [user])
            ids += try String.fetchAll(db, sql: """
                SELECT dc.case_id FROM draw_case dc JOIN draw d ON d.id = dc.draw_id
                WHERE d.month = ? AND d.status = 'current' ORDER BY dc.case_id
                """, arguments: [month])
            ids += try String.fetchAll(db, sql: "SELECT case_id FROM frame_case UNION SELECT case_id FROM audit ORDER BY 1")
            return ids
        }
    }

    /// Audit ids, the user's own first (in progress, then submitted), then everyone's, newest first.
    public func auditIDsInUse(preferring user: String) throws -> [Int64] {
        try read { db in
            try Int64.fetchAll(db, sql: "SELECT id FROM audit WHERE auditor = ? COLLATE NOCASE ORDER BY status = 'submitted', id DESC",
                               arguments: [user])
                + Int64.fetchAll(db, sql: "SELECT id FROM audit ORDER BY id DESC")
        }
    }

    /// Months that hold something: draws, audits, past audits, registers' as-of months; latest first.
    public func monthsInUse() throws -> [String] {
        try texts("""
            SELECT month FROM draw UNION SELECT month FROM audit UNION SELECT month FROM imported_audit
            UNION SELECT substr(as_of, 1, 7) FROM frame ORDER BY 1 DESC
            """)
    }

    /// Teams in registers, on people, and in audits (current and past). The shell asks for
    /// them before every command that names a team (`NameCheck`), so they are found by
    /// skipping through the indexes by team (`DistinctValues`: a search a team, and a team a
    /// register), not by reading every case and audit (90 ms at 100,000 audits).
    public func teamsInUse() throws -> [String] {
        try texts("""
            WITH RECURSIVE \(DistinctValues.skipping("teams_registered", column: "team", in: "frame_case", within: "frame_id", of: "SELECT id FROM frame")),
            \(DistinctValues.skipping("teams_audited", column: "team", in: "audit")),
            \(DistinctValues.skipping("teams_imported", column: "team", in: "imported_audit"))
            SELECT value FROM teams_registered WHERE value IS NOT NULL UNION SELECT team FROM people WHERE team IS NOT NULL
            UNION SELECT value FROM teams_audited WHERE value IS NOT NULL UNION SELECT value FROM teams_imported WHERE value IS NOT NULL ORDER BY 1
            """)
    }

    /// Localities in registers and in audits (current and past).
    public func localitiesInUse() throws -> [String] {
        try remembered("localitiesInUse") { try texts("""
            SELECT locality FROM frame_case UNION SELECT locality FROM audit UNION SELECT locality FROM imported_audit ORDER BY 1
            """) }
    }

    /// Everyone named as an auditor anywhere (people, assignments, audits, past audits): what
    /// a filter such as `audits --auditor` may match. The shell checks the name before every
    /// such command; reading every audit's auditor took 17 ms at 100,000 audits, so the list
    /// is kept until the database changes (`Store.remembered`).
    public func auditorNamesInUse() throws -> [String] {
        try remembered("auditorNamesInUse") { try texts("""
            SELECT name FROM people UNION SELECT auditor FROM assignment UNION SELECT auditor FROM audit
            UNION SELECT auditor FROM imported_audit WHERE auditor IS NOT NULL ORDER BY 1
            """) }
    }

    /// The register columns any import kept (`--keep`), which a draw may stratify by.
    public func keptAttributeNames() throws -> [String] {
        try read { db in try String.fetchAll(db, sql: "SELECT kept_attributes FROM frame") }
            .flatMap { (try? StrictJSONReader.parse(Array($0.utf8), source: "kept_attributes"))?.array?.compactMap(\.string) ?? [] }
    }

    /// One column of text, in the query's order.
    private func texts(_ sql: String) throws -> [String] {
        try read { db in try String.fetchAll(db, sql: sql) }
    }
}
