import AssayCore
@testable import AssayStore
import Foundation
import GRDB
import Testing

/// `v18-team-index`: two indexes by team (`audit_by_team`, `imported_audit_by_team`) added to
/// a database made before them. Indexes only: every row and log entry stays as it was, the
/// database still verifies, and the teams in use are then read through the indexes.
@Suite struct TeamIndexMigrationTests {
    @Test func anOldDatabaseGainsTheTeamIndexesAndStillVerifies() throws {
        let dir = TemporaryDirectory()
        let raw = try olderDatabase(dir.file("a.db"), upTo: "v17-or-checks") { tx, db in
            let frame = try tx.insert(into: .frame, [("as_of", "2026-11-01"), ("source_name", "r.csv"), ("source_sha256", "x"), ("rows_sha256", "y"),
                                                     ("row_count", 2), ("kept_attributes", "[]"), ("imported_at", "t"), ("imported_by", "Lena Lead")])
            for (n, team) in ["North", "South"].enumerated() {
                _ = try tx.insert(into: .frameCase, [("frame_id", frame), ("case_id", "C\(n)"), ("team", team), ("locality", "Ashby"),
                                                     ("service", "assessment"), ("source_line", n + 2)])
            }
            let batch = try tx.insert(into: .auditImport, [("source_name", "past.csv"), ("source_sha256", "z"), ("row_count", 2),
                                                           ("imported_at", "t"), ("imported_by", "Lena Lead")])
            for (n, team) in ["North", "West"].enumerated() {
                _ = try tx.insert(into: .importedAudit, [("import_id", batch), ("month", "2026-01"), ("case_id", "C\(n)"), ("team", team),
                                                         ("locality", "Ashby"), ("service", "assessment"), ("overall", 3), ("source_line", n + 2)])
            }
        }
        let before = try raw.read { db in
            (try Row.fetchAll(db, sql: "SELECT * FROM imported_audit ORDER BY id"), try Row.fetchAll(db, sql: "SELECT \(LogEntry.format1Columns) FROM audit_log ORDER BY seq"))
        }
        try raw.close()

        let store = try Store(path: dir.file("a.db"), identity: lead)   // upgrades to v18
        let after = try store.read { db in
            (try Row.fetchAll(db, sql: "SELECT * FROM imported_audit ORDER BY id"), try Row.fetchAll(db, sql: "SELECT \(LogEntry.format1Columns) FROM audit_log ORDER BY seq"))
        }
        #expect(after.0 == before.0)
        #expect(after.1 == before.1, "the upgrade writes no log entry and changes none")
        let report = try store.verify()
        #expect(report.isIntact, "\(report.problems)")

        try store.read { db in
            let indexes = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE '%by_team' ORDER BY name")
            #expect(indexes == ["audit_by_team", "imported_audit_by_team"])
            // The past audits' teams, skipped through the index: the same as reading every row.
            let sql = "WITH RECURSIVE " + DistinctValues.skipping("t", column: "team", in: "imported_audit")
                + " SELECT value FROM t WHERE value IS NOT NULL"
            #expect(try String.fetchAll(db, sql: sql) == ["North", "West"])
            let plan = try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql).map { $0["detail"] as String }.joined(separator: "\n")
            #expect(plan.contains("USING COVERING INDEX imported_audit_by_team"), "\(plan)")
            #expect(!plan.contains("SCAN imported_audit"), "\(plan)")
        }
    }
}
