import AssayCore
@testable import AssayStore
import Foundation
import GRDB
import Testing

/// `v14-due-dates`: assignments made before due dates were kept get their month's default
/// (its last day plus 7 days), the reshaped rows are re-baselined in the log, and the
/// database still verifies.
@Suite struct DueDatesMigrationTests {
    @Test func assignmentsMadeBeforeDueDatesGetTheirMonthsDefault() throws {
        let dir = TemporaryDirectory()
        let raw = try olderDatabase(dir.file("a.db"), upTo: "v13-report-index") { tx, db in
            let frame = try tx.insert(into: .frame, [("as_of", "2026-11-01"), ("source_name", "r.csv"), ("source_sha256", "x"), ("rows_sha256", "y"),
                                                     ("row_count", 0), ("kept_attributes", "[]"), ("imported_at", "t"), ("imported_by", "Lena Lead")])
            for month in ["2026-11", "2028-02"] {
                let draw = try tx.insert(into: .draw, [
                    ("month", month), ("frame_id", frame), ("frame_source_sha256", "x"), ("frame_rows_sha256", "y"), ("seed", "s"),
                    ("seed_given", 1), ("algorithm", "a"), ("by_fields", "[]"), ("allocation_requested", "proportional"),
                    ("allocation_used", "proportional"), ("min_per_stratum", 1), ("exclude_recent", 3), ("total", 1),
                    ("drawn_at", "t"), ("drawn_by", "Lena Lead"), ("status", "current"),
                ])
                _ = try tx.insert(into: .assignment, [("draw_id", draw), ("case_id", "C-\(month)"), ("auditor", "Ann"),
                                                      ("assigned_at", "t"), ("assigned_by", "Lena Lead")])
            }
        }
        try raw.close()

        let store = try Store(path: dir.file("a.db"), identity: lead)
        let dues = try store.read { try String.fetchAll($0, sql: "SELECT due FROM assignment ORDER BY id") }
        #expect(dues == ["2026-12-07", "2028-03-07"])
        let report = try store.verify()
        #expect(report.isIntact, "\(report.problems)")
        let migrated = try store.read {
            try String.fetchAll($0, sql: "SELECT table_name FROM audit_log WHERE user_name = '(migration v14-due-dates)'")
        }
        #expect(migrated == ["assignment", "assignment"])
    }
}
