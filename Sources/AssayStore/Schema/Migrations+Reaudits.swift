import GRDB

extension Migrations {
    /// Re-audits and drift (docs/audits.md, "Re-audits"; docs/reports.md, "report drift"):
    /// `audit.reaudit` flags an audit of a case audited before, in an earlier month, that was
    /// not drawn in its own month (left out of every sample estimate, like an ad-hoc audit);
    /// `draw_reaudit` holds the cases a draw adds outside its random sample
    /// (`draw --include-reaudits WEEKS`), kept apart from `draw_case` so the random sample and
    /// its independent verification are untouched.
    static func v10Reaudits(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE audit ADD COLUMN reaudit INTEGER NOT NULL DEFAULT 0 CHECK (reaudit IN (0, 1));

            CREATE TABLE draw_reaudit (
                id INTEGER PRIMARY KEY,
                draw_id INTEGER NOT NULL REFERENCES draw(id),
                case_id TEXT NOT NULL,
                last_audit_id INTEGER NOT NULL REFERENCES audit(id),
                last_month TEXT NOT NULL,
                UNIQUE (draw_id, case_id)
            ) STRICT;
            """)
    }
}
