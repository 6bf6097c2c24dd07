import GRDB

extension Migrations {
    /// Two indexes that hold every column the reports read, so a report over ten years of a
    /// region's audits reads indexes alone, never each audit's row (docs/performance.md):
    /// `audit_reported`, the month first (every report and most other queries of audits ask
    /// for a month or a range of months; with the status first, SQLite would pick it for
    /// queries that name the status but not the flags after it, and scan), then the columns
    /// reports filter on and read; and `audit_section_grade_reported`, each audit's domain
    /// grades. Indexes, not tables: nothing for the audit log to record.
    static func v13ReportIndex(_ db: Database) throws {
        try db.execute(sql: """
            CREATE INDEX audit_reported
                ON audit(month, status, unsampled, reaudit, draw_id, case_id, team, locality, service, overall);
            CREATE INDEX audit_section_grade_reported ON audit_section_grade(audit_id, section_id, grade);
            """)
    }
}
