import GRDB

extension Migrations {
    /// `audit_reported`: an index that holds every column the reports read of an audit, in
    /// the order they filter by, so a report over ten years of a region's audits reads the
    /// index alone — no lookup of each audit's row (docs/performance.md: `report trend` over
    /// a million audits). An index, not a table: nothing for the audit log to record.
    static func v13ReportIndex(_ db: Database) throws {
        try db.execute(sql: """
            CREATE INDEX audit_reported ON audit(month, status, unsampled, reaudit, draw_id, case_id, team, locality, service, overall)
            """)
    }
}
