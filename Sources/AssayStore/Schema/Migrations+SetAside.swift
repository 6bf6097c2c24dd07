import GRDB

extension Migrations {
    /// Drawn cases set aside (docs/assignment.md, "A drawn case that cannot be audited"):
    /// `set_aside`, one row per case of a draw that the lead has decided will not be audited
    /// (closed before its audit, moved to another authority, its file unavailable), with the
    /// reason, who decided and when. Such a case is nobody's open work and never overdue;
    /// the estimate treats it as non-response in its stratum. Undoing it deletes the row;
    /// both are logged like every other change.
    static func v16SetAside(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE set_aside (
                id INTEGER PRIMARY KEY,
                draw_id INTEGER NOT NULL REFERENCES draw(id),
                case_id TEXT NOT NULL,
                reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
                set_by TEXT NOT NULL,
                set_at TEXT NOT NULL,
                UNIQUE (draw_id, case_id)
            ) STRICT;
            """)
    }
}
