import GRDB

extension Migrations {
    /// Two indexes that hold every column the reports read, so a report over ten years of a
    /// region's audits reads indexes alone, never each audit's row (docs/performance.md):
    /// `audit_reported`, the columns reports filter on by equality first and then the month,
    /// so its order is the order reports read in (month, draw, case) with no sort; and
    /// `audit_section_grade_reported`, each audit's domain grades. Indexes, not tables:
    /// nothing for the audit log to record.
    static func v13ReportIndex(_ db: Database) throws {
        try db.execute(sql: """
            CREATE INDEX audit_reported
                ON audit(status, unsampled, reaudit, month, draw_id, case_id, team, locality, service, overall);
            CREATE INDEX audit_section_grade_reported ON audit_section_grade(audit_id, section_id, grade);
            """)
    }
}
