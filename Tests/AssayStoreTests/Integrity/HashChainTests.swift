import AssayCore
@testable import AssayStore
import Crypto
import Foundation
import GRDB
import Testing

/// The audit log's hash chain and `verify` (docs/integrity.md): changes made through Assay
/// verify; changes made behind its back — rows, or the log itself — are named.
@Suite struct HashChainTests {
    func storeWithPeople(_ dir: TemporaryDirectory) throws -> Store {
        let store = try Store(path: dir.file("a.db"), identity: lead)
        try store.addPerson(name: "Ann Auditor", role: .auditor, team: "CP North")
        try store.addPerson(name: "Mo Moderator", role: .moderator, team: nil)
        return store
    }

    /// Opens the file as the sqlite3 CLI would: no Assay, no log.
    func behindAssaysBack(_ dir: TemporaryDirectory, _ sql: String) throws {
        let raw = try DatabaseQueue(path: dir.file("a.db"))
        try raw.writeWithoutTransaction { try $0.execute(sql: sql) }
    }

    @Test func aLogWrittenThroughAssayVerifies() throws {
        let dir = TemporaryDirectory()
        let store = try storeWithPeople(dir)
        try store.write { tx in try tx.update(.people, id: 2, set: [("team", "CP South")]) }
        let report = try store.verify()
        #expect(report.isIntact, "\(report.problems)")
        #expect(report.entries == 4)
        #expect(report.head?.seq == 4)
        #expect(report.text.hasPrefix("Intact: 4 log entries"))
    }

    /// The documented layout, rebuilt by hand from the stored entry: SHA-256 over the previous
    /// hash's 32 bytes and the entry's fields as length-prefixed, typed values.
    @Test func eachEntryHashesThePreviousHashAndItsCanonicalContent() throws {
        let dir = TemporaryDirectory()
        let store = try storeWithPeople(dir)
        let rows = try store.read { try Row.fetchAll($0, sql: "SELECT * FROM audit_log ORDER BY seq") }
        func be(_ v: UInt64) -> [UInt8] { (0..<8).reversed().map { UInt8((v >> (UInt64($0) * 8)) & 0xff) } }
        func text(_ name: String, _ s: String?) -> [UInt8] {
            let n = be(UInt64(name.utf8.count)) + Array(name.utf8)
            guard let s else { return n + [0] }
            return n + [3] + be(UInt64(s.utf8.count)) + Array(s.utf8)
        }
        func int(_ name: String, _ v: Int64) -> [UInt8] { be(UInt64(name.utf8.count)) + Array(name.utf8) + [1] + be(UInt64(bitPattern: v)) }
        func unhex(_ s: String) -> [UInt8] {
            stride(from: 0, to: s.count, by: 2).map { UInt8(s.dropFirst($0).prefix(2), radix: 16)! }
        }
        var previous = [UInt8](repeating: 0, count: 32)
        for row in rows {
            var bytes = previous
            bytes += int("seq", row["seq"]) + text("at", row["at"]) + text("user_name", row["user_name"])
            bytes += text("os_login", row["os_login"]) + text("table_name", row["table_name"]) + int("row_id", row["row_id"])
            bytes += text("operation", row["operation"]) + text("changed_columns", row["changed_columns"])
            bytes += text("before_sha256", row["before_sha256"]) + text("after_sha256", row["after_sha256"])
            let expected = SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
            #expect(row["chain_sha256"] == expected)
            previous = unhex(expected)
        }
        #expect(rows.count == 3)
    }

    @Test func anUpdateNamesTheColumnsItChanged() throws {
        let dir = TemporaryDirectory()
        let store = try storeWithPeople(dir)
        try store.write { tx in try tx.update(.people, id: 2, set: [("team", "CP South"), ("role", "auditor")]) }
        let changed = try store.read { try String.fetchOne($0, sql: "SELECT changed_columns FROM audit_log ORDER BY seq DESC LIMIT 1") }
        #expect(changed == "team")
    }

    @Test func anUpdateInTheSQLiteCLIIsNamed() throws {
        let dir = TemporaryDirectory()
        _ = try storeWithPeople(dir)
        try behindAssaysBack(dir, "UPDATE people SET role = 'lead' WHERE name = 'Ann Auditor'")
        let report = try Store(path: dir.file("a.db"), identity: lead).verify()
        #expect(!report.isIntact)
        #expect(report.rowMismatches == [DigestMismatch(table: "people", rowID: 2, kind: .changed, logged: report.rowMismatches.first?.logged,
                                                        current: report.rowMismatches.first?.current, loggedSeq: 2)])
        #expect(report.problems.first?.contains("people row 2 no longer matches its last logged values") == true)
    }

    @Test func aDeleteAndAnInsertInTheSQLiteCLIAreNamed() throws {
        let dir = TemporaryDirectory()
        _ = try storeWithPeople(dir)
        try behindAssaysBack(dir, """
            DELETE FROM people WHERE name = 'Ann Auditor';
            INSERT INTO people (name, role, added_at, added_by) VALUES ('Eve', 'lead', 'x', 'y');
            """)
        let report = try Store(path: dir.file("a.db"), identity: lead).verify()
        #expect(report.rowMismatches.map(\.kind) == [.missing, .notInLog])
        #expect(report.rowMismatches.map(\.rowID) == [2, 4])
    }

    @Test func anAlteredLogEntryIsNamedAlone() throws {
        let dir = TemporaryDirectory()
        let store = try storeWithPeople(dir)
        try store.write { tx in try tx.update(.people, id: 2, set: [("team", "CP South")]) }
        try behindAssaysBack(dir, """
            DROP TRIGGER audit_log_is_append_only_update;
            UPDATE audit_log SET user_name = 'Someone Else' WHERE seq = 2;
            """)
        let report = try store.verify()
        #expect(report.chainBreaks.map(\.seq) == [2])
        #expect(report.problems.contains { $0.hasPrefix("audit_log entry 2: its hash does not follow") })
        // The dropped protection is named too, before the entry it let through.
        #expect(report.schemaProblems == ["the trigger audit_log_is_append_only_update is missing from the schema: it was dropped outside Assay, removing a protection of the record"])
    }

    /// Dropping or weakening a protection is named by `verify` even before anything is
    /// changed through the gap; so is a trigger added behind Assay's back.
    @Test func aDroppedOrAddedTriggerIsNamed() throws {
        let dir = TemporaryDirectory()
        let store = try storeWithPeople(dir)
        #expect(try store.verify().schemaProblems.isEmpty)
        try behindAssaysBack(dir, """
            DROP TRIGGER audit_log_is_append_only_delete;
            CREATE TRIGGER sneaky AFTER INSERT ON people BEGIN UPDATE people SET role = 'lead' WHERE id = new.id; END;
            """)
        let report = try store.verify()
        #expect(!report.isIntact)
        #expect(report.schemaProblems.count == 2)
        #expect(report.schemaProblems.contains { $0.contains("audit_log_is_append_only_delete is missing") })
        #expect(report.schemaProblems.contains { $0.contains("trigger sneaky is not one of Assay's") })
        #expect(report.text.hasPrefix("NOT INTACT"))
    }

    @Test func aRemovedLogEntryIsNamed() throws {
        let dir = TemporaryDirectory()
        let store = try storeWithPeople(dir)
        try store.write { tx in try tx.update(.people, id: 2, set: [("team", "CP South")]) }
        try behindAssaysBack(dir, "DROP TRIGGER audit_log_is_append_only_delete; DELETE FROM audit_log WHERE seq = 2;")
        let report = try store.verify()
        #expect(report.chainBreaks.first?.seq == 3)
        #expect(report.chainBreaks.first?.explanation.contains("entries 2 to 2 are missing") == true)
    }

    /// A forger who rewrites a row and rebuilds the whole chain to match is caught by a head
    /// published before the rewrite.
    @Test func aRebuiltChainContradictsAPublishedHead() throws {
        let dir = TemporaryDirectory()
        let store = try storeWithPeople(dir)
        let published = try #require(try store.chainHead())
        #expect(try store.verify(publishedHead: published).isIntact)
        // Rebuild: change the row, then recompute every digest and hash from entry 1.
        try behindAssaysBack(dir, "UPDATE people SET role = 'lead' WHERE id = 2")
        let raw = try DatabaseQueue(path: dir.file("a.db"))
        try raw.write { db in
            let trigger = try #require(try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = 'audit_log_is_append_only_update'"))
            try db.execute(sql: "DROP TRIGGER audit_log_is_append_only_update")
            let digest = RowDigest.sha256(of: try Row.fetchOne(db, sql: "SELECT * FROM people WHERE id = 2")!)
            try db.execute(sql: "UPDATE audit_log SET after_sha256 = ? WHERE table_name = 'people' AND row_id = 2", arguments: [digest])
            var previous: String?
            for row in try Row.fetchAll(db, sql: "SELECT * FROM audit_log ORDER BY seq") {
                let hash = try LogEntry(row: row).chainHash(after: previous)
                try db.execute(sql: "UPDATE audit_log SET chain_sha256 = ? WHERE seq = ?", arguments: [hash, row["seq"] as Int64])
                previous = hash
            }
            try db.execute(sql: trigger)
        }
        #expect(try store.verify().isIntact)  // the forgery, trigger put back, is self-consistent…
        let report = try store.verify(publishedHead: published)
        #expect(!report.isIntact)  // …but contradicts what was published
        #expect(report.problems.first?.contains("contradicts this log") == true)
        #expect(try store.verify(publishedHead: ChainHead(seq: 99, hash: published.hash)).problems.first?.contains("beyond this log") == true)
    }

    @Test func chainHeadsParseAsPrinted() {
        let hash = String(repeating: "ab", count: 32)
        #expect(ChainHead("12:\(hash)") == ChainHead(seq: 12, hash: hash))
        #expect(ChainHead("12:\(hash.uppercased())") == ChainHead(seq: 12, hash: hash))
        #expect(ChainHead("12:abc") == nil)
        #expect(ChainHead("x:\(hash)") == nil)
        #expect(ChainHead(hash) == nil)
    }

    /// A database made before the chain (migration v10) is chained on opening; rows whose
    /// shape an earlier migration changed are re-baselined and counted, and it then verifies.
    @Test func aDatabaseFromBeforeTheChainIsChainedAndVerifies() throws {
        let dir = TemporaryDirectory()
        let raw = try DatabaseQueue(path: dir.file("a.db"))
        try Migrations.migrator.migrate(raw, upTo: "v10-reaudits")
        try raw.write { db in
            try db.execute(sql: """
                INSERT INTO people (id, name, role, added_at, added_by) VALUES (1, 'Lena Lead', 'lead', 't', 'Lena Lead');
                INSERT INTO audit_log (at, user_name, os_login, table_name, row_id, operation, before_sha256, after_sha256)
                VALUES ('t', 'Lena Lead', 'lena', 'people', 1, 'insert', NULL, 'not-the-digest');
                INSERT INTO people (id, name, role, added_at, added_by) VALUES (2, 'Ann', 'auditor', 't', 'Lena Lead');
                """)
            let digest = RowDigest.sha256(of: try Row.fetchOne(db, sql: "SELECT * FROM people WHERE id = 2")!)
            try db.execute(sql: """
                INSERT INTO audit_log (at, user_name, os_login, table_name, row_id, operation, before_sha256, after_sha256)
                VALUES ('t', 'Lena Lead', 'lena', 'people', 2, 'insert', NULL, ?)
                """, arguments: [digest])
        }
        let store = try Store(path: dir.file("a.db"), identity: lead)
        let report = try store.verify()
        #expect(report.isIntact, "\(report.problems)")
        // Row 1 by v11 (its logged digest was wrong before the chain); then both people rows
        // by v15, which added `people.login`.
        #expect(report.rebaselined == 3)
        #expect(report.entries == 5)
        #expect(try store.read { try String.fetchOne($0, sql: "SELECT user_name FROM audit_log WHERE seq = 3") } == "(migration v11-hash-chain)")
        #expect(try store.read { try String.fetchAll($0, sql: "SELECT user_name FROM audit_log WHERE seq > 3") }
                == ["(migration v15-logins)", "(migration v15-logins)"])
    }

    /// A later migration that adds a column re-baselines the rows it reshaped, but a row that
    /// had been tampered with before the upgrade is still named.
    @Test func aReshapingMigrationKeepsEarlierTamperingVisible() throws {
        let dir = TemporaryDirectory()
        let raw = try olderDatabase(dir.file("a.db"), upTo: "v11-hash-chain") { tx, db in
            for name in ["a.csv", "b.csv"] {
                _ = try tx.insert(into: .frame, [("as_of", "2026-11-01"), ("source_name", name), ("source_sha256", "x"), ("rows_sha256", nil),
                                                 ("row_count", 0), ("kept_attributes", "[]"), ("imported_at", "t"), ("imported_by", "Lena Lead")])
            }
            try db.execute(sql: "UPDATE frame SET row_count = 99 WHERE id = 2")  // behind Assay's back, before the upgrade
        }
        try raw.close()
        let report = try Store(path: dir.file("a.db"), identity: lead).verify()
        #expect(report.rebaselined == 2, "frame 1, reshaped by v12; the person, by v15")
        #expect(report.rowMismatches.map(\.rowID) == [2])
        #expect(report.rowMismatches.map(\.table) == ["frame"])
    }

    @Test func sqliteIntegrityAndForeignKeyChecksAreReported() throws {
        let dir = TemporaryDirectory()
        let store = try storeWithPeople(dir)
        try store.write { tx in
            _ = try tx.insert(into: .frame, [("as_of", "2026-11-01"), ("source_name", "r.csv"), ("source_sha256", "x"), ("rows_sha256", nil),
                                             ("row_count", 1), ("kept_attributes", "[]"), ("imported_at", "t"), ("imported_by", "Lena Lead")])
        }
        try behindAssaysBack(dir, """
            PRAGMA foreign_keys = OFF;
            INSERT INTO frame_case (frame_id, case_id, team, locality, source_line) VALUES (99, 'C1', 'T', 'L', 2);
            """)
        let report = try store.verify()
        #expect(report.foreignKeyProblems == ["frame_case row 1 refers to a missing frame row"])
    }
}
