import AssayCore
import Foundation
import GRDB

extension Migrations {
    /// The hash-chained audit log (docs/integrity.md).
    ///
    /// `audit_log` is rebuilt with its final shape — `changed_columns`, the `redact` and
    /// `migrate` operations, and `chain_sha256` — and every existing entry is chained in
    /// order. Earlier migrations added columns (v7, v10), which changed the digest of rows
    /// logged before them; such rows, and any other row whose values no longer match its
    /// last entry, get a `migrate` entry so `verify` starts from a clean baseline. The
    /// chain's guarantees therefore begin with this migration; `verify` says how many rows
    /// it re-baselined. `redaction` records why a lead blanked a text (`redact`).
    static func v11HashChain(_ db: Database) throws {
        try db.execute(sql: """
            DROP TRIGGER audit_log_is_append_only_update;
            DROP TRIGGER audit_log_is_append_only_delete;
            DROP INDEX audit_log_by_row;
            ALTER TABLE audit_log RENAME TO audit_log_v10;
            CREATE TABLE audit_log (
                seq INTEGER PRIMARY KEY,
                at TEXT NOT NULL,
                user_name TEXT NOT NULL,
                os_login TEXT NOT NULL,
                table_name TEXT NOT NULL,
                row_id INTEGER NOT NULL,
                operation TEXT NOT NULL CHECK (operation IN ('insert', 'update', 'delete', 'redact', 'migrate')),
                changed_columns TEXT,
                before_sha256 TEXT,
                after_sha256 TEXT,
                chain_sha256 TEXT NOT NULL
            ) STRICT;
            CREATE TABLE redaction (
                id INTEGER PRIMARY KEY,
                audit_id INTEGER NOT NULL REFERENCES audit(id),
                question_id TEXT NOT NULL,
                reason TEXT NOT NULL,
                redacted_at TEXT NOT NULL,
                redacted_by TEXT NOT NULL
            ) STRICT;
            """)
        var head: String?
        let old = try Row.fetchCursor(db, sql: "SELECT * FROM audit_log_v10 ORDER BY seq")
        let insert = try LogInsert(db)
        while let row = try old.next() {
            head = try LogEntry(row: row).append(after: head, with: insert)  // no changed_columns before v11: nil
        }
        try db.execute(sql: "DROP TABLE audit_log_v10")
        try db.execute(sql: "CREATE INDEX audit_log_by_row ON audit_log(table_name, row_id)")
        try rebaseline(db, migration: "v11-hash-chain")
        try db.execute(sql: Self.appendOnlyTriggers)
    }

    /// Changes the shape of one audited table (`sql`, e.g. ALTER TABLE … ADD COLUMN), which
    /// changes the digest of every row in it, and appends a `migrate` entry for each row the
    /// change reshaped. Rows that already disagreed with the log before the change (tampering)
    /// are left alone, so `verify` still names them. Every later migration that reshapes an
    /// audited table goes through here.
    static func reshape(_ db: Database, table: AuditedTable, migration: String, sql: String) throws {
        let alreadyWrong = Set(try DigestComparison.mismatches(in: table.name, db).map(\.rowID))
        try db.execute(sql: sql)
        let reshaped = try DigestComparison.mismatches(in: table.name, db)
            .filter { $0.kind == .changed && !alreadyWrong.contains($0.rowID) }
        try appendEntries(db, migration: migration, for: reshaped)
    }

    /// Appends an entry for every row of every audited table whose values differ from its
    /// last logged digest: the baseline the chain starts from (v11 only; later migrations use
    /// `reshape`, which leaves earlier tampering visible).
    static func rebaseline(_ db: Database, migration: String) throws {
        for table in AuditedTable.all where try db.tableExists(table.name) {
            try appendEntries(db, migration: migration, for: DigestComparison.mismatches(in: table.name, db))
        }
    }

    /// One entry per mismatch, by the migration: `migrate` to the row's current digest, or
    /// `delete` for a row that is gone.
    private static func appendEntries(_ db: Database, migration: String, for mismatches: [DigestMismatch]) throws {
        let at = Timestamp.iso8601(Date())
        let login = Identity.osLoginName()
        let insert = try LogInsert(db)
        var (seq, head) = try LogEntry.head(db)
        for mismatch in mismatches {
            seq += 1
            let entry = LogEntry(
                seq: seq, at: at, userName: "(migration \(migration))", osLogin: login, tableName: mismatch.table,
                rowID: mismatch.rowID, operation: mismatch.current == nil ? .delete : .migrate, changedColumns: nil,
                beforeSHA256: mismatch.logged, afterSHA256: mismatch.current)
            head = try entry.append(after: head, with: insert)
        }
    }

    static let appendOnlyTriggers = """
        CREATE TRIGGER audit_log_is_append_only_update BEFORE UPDATE ON audit_log
            BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
        CREATE TRIGGER audit_log_is_append_only_delete BEFORE DELETE ON audit_log
            BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
        """
}
