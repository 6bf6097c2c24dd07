import GRDB

extension Migrations {
    /// `CHECK (x IN (…))` as `CHECK (x = … OR x = …)` on the tables written a row at a time in
    /// bulk: `frame_case` (a register import), `imported_audit` (an import of past audits) and
    /// `audit_log` (every write). The meaning is the same (a NULL passes both), but for an IN
    /// list of three or more values SQLite builds a temporary index on every insert
    /// (`EXPLAIN`: `OpenEphemeral` and one `IdxInsert` per value), 8% of a register import
    /// (docs/performance.md). SQLite cannot change a CHECK in place, so each table is rebuilt:
    /// the old one renamed away, the new one made with its rows copied with their ids
    /// (so no row's digest and no log entry changes: `verify` passes as before), the old one
    /// dropped, and the indexes and triggers made again. Tables written one row per command
    /// (`people`, `draw`, `audit_action`, `challenge`) keep their IN lists.
    static func v17OrChecks(_ db: Database) throws {
        try db.execute(sql: """
            DROP TRIGGER audit_log_is_append_only_update;
            DROP TRIGGER audit_log_is_append_only_delete;
            """)
        try rebuild(db, table: "audit_log", definition: """
                seq INTEGER PRIMARY KEY,
                at TEXT NOT NULL,
                user_name TEXT NOT NULL,
                os_login TEXT NOT NULL,
                table_name TEXT NOT NULL,
                row_id INTEGER NOT NULL,
                operation TEXT NOT NULL CHECK (operation = 'insert' OR operation = 'update' OR operation = 'delete'
                    OR operation = 'redact' OR operation = 'migrate'),
                changed_columns TEXT,
                before_sha256 TEXT,
                after_sha256 TEXT,
                chain_sha256 TEXT NOT NULL
            """, after: """
            CREATE INDEX audit_log_by_row ON audit_log(table_name, row_id);
            \(appendOnlyTriggers)
            """)
        try rebuild(db, table: "frame_case", definition: """
                id INTEGER PRIMARY KEY,
                frame_id INTEGER NOT NULL REFERENCES frame(id),
                case_id TEXT NOT NULL,
                team TEXT NOT NULL,
                locality TEXT NOT NULL,
                service TEXT CHECK (\(orChain("service", serviceCodes))),
                worker TEXT,
                opened TEXT,
                attributes TEXT,
                source_line INTEGER NOT NULL,
                UNIQUE (frame_id, case_id)
            """, after: "CREATE INDEX frame_case_by_stratum ON frame_case(frame_id, team, locality);")
        try rebuild(db, table: "imported_audit", definition: """
                id INTEGER PRIMARY KEY,
                import_id INTEGER NOT NULL REFERENCES audit_import(id),
                month TEXT NOT NULL,
                case_id TEXT NOT NULL,
                team TEXT NOT NULL,
                locality TEXT NOT NULL,
                service TEXT CHECK (\(orChain("service", serviceCodes))),
                overall INTEGER NOT NULL CHECK (overall BETWEEN 1 AND 4),
                auditor TEXT,
                source_line INTEGER NOT NULL,
                UNIQUE (month, case_id)
            """, after: "CREATE INDEX imported_audit_by_import ON imported_audit(import_id);")
    }

    /// The service codes `frame_case` and `imported_audit` accept, as v1 and v5 listed them.
    private static let serviceCodes = ["front-door", "assessment", "child-in-need", "child-protection", "child-in-care",
                                       "care-leaver", "disabled-children", "early-help"]

    private static func orChain(_ column: String, _ values: [String]) -> String {
        values.map { "\(column) = '\($0)'" }.joined(separator: "\n                    OR ")
    }

    /// Rebuilds `table` with a new definition of the same columns in the same order, keeping
    /// every row and its id; `after` makes its indexes and triggers again. The old table is
    /// renamed away first with `legacy_alter_table` on, so other tables' REFERENCES keep
    /// naming `table` (foreign keys are off during a migration and checked at its end: GRDB's
    /// deferred checks), and the new table's SQL reads as written here.
    private static func rebuild(_ db: Database, table: String, definition: String, after: String) throws {
        let old = "\(table)_v16"
        try db.execute(sql: """
            PRAGMA legacy_alter_table = ON;
            ALTER TABLE \(table) RENAME TO \(old);
            PRAGMA legacy_alter_table = OFF;
            CREATE TABLE \(table) (
            \(definition)
            ) STRICT;
            INSERT INTO \(table) SELECT * FROM \(old);
            DROP TABLE \(old);
            \(after)
            """)
    }
}
