import GRDB

extension Migrations {
    /// `audit_by_team` and `imported_audit_by_team`: audits and past audits by team, so that
    /// the teams in use are found by a skip through an index (one search a team, about 100
    /// at 100,000 audits) rather than a scan of every audit. The shell checks a typed team
    /// against them before `report team`, `audits --team` and the like run, and `report team`
    /// resolves its team from them: at 100,000 audits the scans were about 90 ms of every
    /// such command (docs/performance.md). Indexes, not tables: nothing for the audit log to
    /// record, so a database upgraded to this still verifies.
    static func v18TeamIndex(_ db: Database) throws {
        try db.execute(sql: """
            CREATE INDEX audit_by_team ON audit(team);
            CREATE INDEX imported_audit_by_team ON imported_audit(team);
            """)
    }
}
