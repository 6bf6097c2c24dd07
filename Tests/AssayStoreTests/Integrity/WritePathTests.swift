import AssayCore
@testable import AssayStore
import Foundation
import GRDB
import Testing

/// The write path without read-back (issue 22): the digest an insert logs is computed from
/// the values it bound, which must be the digest `verify` recomputes from the stored row;
/// typed records go the same way; `v17-or-checks` rebuilds tables keeping every row and id,
/// so an old database still verifies after the upgrade, and edits are still named.
@Suite struct WritePathTests {
    /// A STRICT table with every kind of column, a default, and an ANY column.
    private func scratch() throws -> DatabaseQueue {
        let queue = try DatabaseQueue()
        try queue.write { db in
            try db.execute(sql: """
                CREATE TABLE t (id INTEGER PRIMARY KEY, i INTEGER, r REAL, s TEXT NOT NULL, b BLOB, a ANY, d TEXT DEFAULT 'x') STRICT;
                CREATE TABLE loose (id INTEGER PRIMARY KEY, i INTEGER, s TEXT);
                CREATE TABLE generated (id INTEGER PRIMARY KEY, i INTEGER, twice INTEGER AS (i * 2) STORED) STRICT;
                """)
        }
        return queue
    }

    /// Inserts `values` into t's columns i, r, s, b, a, and returns (digest from the bound
    /// values, digest of the row read back).
    private func insert(_ values: [DatabaseValue], columns: [String] = ["i", "r", "s", "b", "a"], table: String = "t",
                        into queue: DatabaseQueue) throws -> (computed: String?, stored: String) {
        try queue.write { db in
            let prepared = try PreparedInsert(table: table, columns: columns, shape: try TableShape(table: table, db: db), db: db)
            try prepared.statement.execute(arguments: StatementArguments(values))
            let id = db.lastInsertedRowID
            let row = try Row.fetchOne(db, sql: "SELECT * FROM \(table) WHERE id = ?", arguments: [id])!
            return (prepared.digest(of: values, rowID: id)?.hexString, RowDigest.sha256(of: row))
        }
    }

    @Test func theDigestOfBoundValuesIsTheStoredRowsDigest() throws {
        let queue = try scratch()
        let exact: [[DatabaseValue]] = [
            [7.databaseValue, 2.5.databaseValue, "Zoë".databaseValue, Data([0, 1, 255]).databaseValue, "any text".databaseValue],
            [.null, .null, "".databaseValue, .null, 3.databaseValue],
            [Int64.min.databaseValue, 1e300.databaseValue, "line\nbreak".databaseValue, Data().databaseValue, 0.5.databaseValue],
            [(-1).databaseValue, 4.0.databaseValue, "4".databaseValue, .null, Data([9]).databaseValue],
        ]
        for values in exact {
            let (computed, stored) = try insert(values + ["d".databaseValue], columns: ["i", "r", "s", "b", "a", "d"], into: queue)
            #expect(computed == stored, "\(values)")
        }
    }

    @Test func valuesSQLiteWouldConvertAreReadBackInstead() throws {
        let queue = try scratch()
        // An integer into a REAL column is stored as 3.0; −0.0 comes back as 0.0; NaN as NULL;
        // digits into an INTEGER column become an integer.
        let converted: [[DatabaseValue]] = [
            [1.databaseValue, 3.databaseValue, "s".databaseValue, .null, .null],
            [1.databaseValue, (-0.0).databaseValue, "s".databaseValue, .null, .null],
            [1.databaseValue, Double.nan.databaseValue, "s".databaseValue, .null, .null],
            ["12".databaseValue, .null, "s".databaseValue, .null, .null],
        ]
        for values in converted {
            let (computed, stored) = try insert(values, into: queue)
            #expect(computed == nil, "\(values) is stored as another value, so it must be read back")
            #expect(!stored.isEmpty)
        }
        // A column left to its default, and a table that is not STRICT: read back.
        #expect(try insert([1.databaseValue, 1.5.databaseValue, "s".databaseValue, .null, .null], into: queue).computed == nil)
        #expect(try insert([1.databaseValue, "s".databaseValue], columns: ["i", "s"], table: "loose", into: queue).computed == nil)
        // A generated column is in the row but never bound: read back.
        let generated = try insert([4.databaseValue], columns: ["i"], table: "generated", into: queue)
        #expect(generated.computed == nil)
    }

    @Test func typedRecordsAreLoggedAndAnEditBehindAssaysBackIsNamed() throws {
        let dir = TemporaryDirectory()
        let store = try Store(path: dir.file("a.db"), identity: lead)
        let ids = try store.write { tx in
            let frame = try tx.insert(into: .frame, [("as_of", "2026-11-01"), ("source_name", "r.csv"), ("source_sha256", "x"),
                                                     ("rows_sha256", nil), ("row_count", 2), ("kept_attributes", "[]"),
                                                     ("imported_at", tx.timestamp), ("imported_by", tx.user.name)])
            return try (1...3).map { n in
                try tx.insert(FrameCaseRecord(frameID: frame, caseID: "C\(n)", team: "North", locality: "Ashby",
                                              service: n == 2 ? nil : .frontDoor, worker: nil, opened: CalendarDate(year: 2026, month: 1, day: n),
                                              attributes: nil, sourceLine: Int64(n + 1)))
            }
        }
        // The three cases are one block (log format 2): its leaves are the rows' digests.
        let logged = try store.read { db in
            try Row.fetchAll(db, sql: "SELECT \(LogEntry.orderedColumns) FROM audit_log WHERE table_name = 'frame_case' ORDER BY seq")
                .map(LogEntry.init(orderedRow:))
                .flatMap { entry in (entry.rowID...entry.lastRowID).compactMap { entry.digest(ofRow: $0) } }
        }
        let stored = try store.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM frame_case ORDER BY id").map(RowDigest.sha256(of:))
        }
        #expect(logged == stored)
        #expect(try store.verify().isIntact)

        try DatabaseQueue(path: dir.file("a.db")).write { db in
            try db.execute(sql: "UPDATE frame_case SET team = 'South' WHERE id = ?", arguments: [ids[1]])
        }
        let report = try store.verify()
        #expect(!report.isIntact)
        #expect(report.rowMismatches.map(\.table) == ["frame_case"])
        #expect(report.rowMismatches.map(\.rowID) == [ids[1]])
    }

    @Test func anUpdateLogsTheRowAsStored() throws {
        let dir = TemporaryDirectory()
        let store = try Store(path: dir.file("a.db"), identity: lead)
        let frame = try store.write { tx in
            try tx.insert(into: .frame, [("as_of", "2026-11-01"), ("source_name", "r.csv"), ("source_sha256", "x"),
                                         ("rows_sha256", nil), ("row_count", 0), ("kept_attributes", "[]"),
                                         ("imported_at", tx.timestamp), ("imported_by", tx.user.name)])
        }
        try store.write { tx in try tx.update(.frame, id: frame, set: [("row_count", 5), ("rows_sha256", "abc")]) }
        let last = try store.read { db in
            try Row.fetchOne(db, sql: "SELECT changed_columns, after_sha256 FROM audit_log ORDER BY seq DESC LIMIT 1")!
        }
        let row = try store.read { db in try Row.fetchOne(db, sql: "SELECT * FROM frame WHERE id = ?", arguments: [frame])! }
        #expect(last["changed_columns"] as String == "rows_sha256,row_count")
        #expect(last["after_sha256"] as String == RowDigest.sha256(of: row))
        #expect(try store.verify().isIntact)
    }

    @Test func v17RebuildsTablesKeepingRowsSoAnOldDatabaseStillVerifies() throws {
        let dir = TemporaryDirectory()
        let raw = try olderDatabase(dir.file("a.db"), upTo: "v16-set-aside") { tx, db in
            let frame = try tx.insert(into: .frame, [("as_of", "2026-11-01"), ("source_name", "r.csv"), ("source_sha256", "x"), ("rows_sha256", "y"),
                                                     ("row_count", 3), ("kept_attributes", "[]"), ("imported_at", "t"), ("imported_by", "Lena Lead")])
            for n in 1...3 {
                _ = try tx.insert(into: .frameCase, [("frame_id", frame), ("case_id", "C\(n)"), ("team", "North"), ("locality", "Ashby"),
                                                     ("service", n == 1 ? nil : "child-in-care"), ("source_line", n + 1)])
            }
            let batch = try tx.insert(into: .auditImport, [("source_name", "past.csv"), ("source_sha256", "z"), ("row_count", 1),
                                                           ("imported_at", "t"), ("imported_by", "Lena Lead")])
            let past = try tx.insert(into: .importedAudit, [("import_id", batch), ("month", "2026-01"), ("case_id", "C1"), ("team", "North"),
                                                            ("locality", "Ashby"), ("service", "assessment"), ("overall", 3), ("source_line", 2)])
            _ = try tx.insert(into: .importedDomainGrade, [("imported_audit_id", past), ("section_id", "plan"), ("grade", 2)])
            // An id gap, so the rebuild must keep ids rather than renumber.
            let gone = try tx.insert(into: .frameCase, [("frame_id", frame), ("case_id", "C9"), ("team", "North"), ("locality", "Ashby"), ("source_line", 9)])
            try tx.delete(from: .frameCase, id: gone)
            _ = try tx.insert(into: .frameCase, [("frame_id", frame), ("case_id", "C4"), ("team", "North"), ("locality", "Ashby"), ("source_line", 5)])
        }
        let before = try raw.read { db in
            (try Row.fetchAll(db, sql: "SELECT * FROM frame_case ORDER BY id"), try Row.fetchAll(db, sql: "SELECT \(LogEntry.format1Columns) FROM audit_log ORDER BY seq"))
        }
        try raw.close()

        let store = try Store(path: dir.file("a.db"), identity: lead)   // upgrades to v17
        let after = try store.read { db in
            (try Row.fetchAll(db, sql: "SELECT * FROM frame_case ORDER BY id"), try Row.fetchAll(db, sql: "SELECT \(LogEntry.format1Columns) FROM audit_log ORDER BY seq"))
        }
        #expect(after.0 == before.0)
        #expect(after.1 == before.1, "the upgrade writes no log entry and changes none")
        let report = try store.verify()
        #expect(report.isIntact, "\(report.problems)")

        try store.read { db in
            for (table, values) in [("frame_case", "(frame_id, case_id, team, locality, service, source_line) VALUES (1, 'X', 't', 'l', 'assessment', 1)"),
                                    ("audit_log", "VALUES (999, 't', 'u', 'o', 'frame', 1, 'insert', NULL, NULL, NULL, 'h', NULL, NULL)"),
                                    ("imported_audit", "(import_id, month, case_id, team, locality, service, overall, source_line) VALUES (1, 'm', 'c', 't', 'l', 'assessment', 1, 1)")] {
                let plan = try String.fetchAll(db, sql: "EXPLAIN INSERT INTO \(table) \(values)")
                    .filter { $0 == "OpenEphemeral" }
                #expect(plan.isEmpty, "\(table): an insert no longer builds a temporary index for its CHECK")
            }
        }
        // The same rule: a service outside the list is refused, a missing one accepted.
        #expect(throws: DatabaseError.self) {
            try store.write { tx in
                try tx.insert(into: .frameCase, [("frame_id", 1), ("case_id", "Z1"), ("team", "t"), ("locality", "l"),
                                                 ("service", "fostering"), ("source_line", 1)])
            }
        }
        try store.write { tx in
            _ = try tx.insert(FrameCaseRecord(frameID: 1, caseID: "Z2", team: "t", locality: "l", service: nil,
                                              worker: nil, opened: nil, attributes: nil, sourceLine: 1))
        }
        #expect(try store.verify().isIntact)

        // An edit behind Assay's back after the upgrade is still named, table and row.
        try DatabaseQueue(path: dir.file("a.db")).write { db in
            try db.execute(sql: "UPDATE imported_audit SET overall = 4 WHERE id = 1")
        }
        #expect(try store.verify().rowMismatches.map { "\($0.table) \($0.rowID)" } == ["imported_audit 1"])
    }
}
