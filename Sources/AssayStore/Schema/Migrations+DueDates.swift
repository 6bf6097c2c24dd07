import GRDB

extension Migrations {
    /// Chasing the month's audits (docs/assignment.md, "Due dates and chasing"):
    /// `assignment.due`, the day by which an assigned case's audit is to be submitted, and
    /// `setting`, the database's own settings (how many days after its month's end an
    /// assignment falls due, how many untouched days make an audit stale), every change to
    /// them logged like any other record.
    ///
    /// Assignments made before this migration get the default due date: the last day of
    /// their draw's month plus 7 days (the `due-days` default). The column changes every
    /// assignment row's digest, so `reshape` logs a `migrate` entry for each.
    static func v14DueDates(_ db: Database) throws {
        try reshape(db, table: .assignment, migration: "v14-due-dates", sql: """
            ALTER TABLE assignment ADD COLUMN due TEXT;
            UPDATE assignment SET due = (SELECT date(d.month || '-01', '+1 month', '-1 day', '+7 days')
                                         FROM draw d WHERE d.id = assignment.draw_id);
            """)
        try db.execute(sql: """
            CREATE TABLE setting (
                id INTEGER PRIMARY KEY,
                name TEXT NOT NULL UNIQUE,
                value TEXT NOT NULL,
                changed_at TEXT NOT NULL,
                changed_by TEXT NOT NULL
            ) STRICT;
            """)
    }
}
