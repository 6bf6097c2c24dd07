import AssayCore
@testable import AssayStore
import Foundation
import GRDB
import Testing

/// A report's reads are kept while the database is unchanged (`Store.remembered`); any
/// commit — Assay's own, or another program's behind its back — must make the next report
/// read again, or a leader would be shown figures from before the change.
@Suite struct RememberedResultsTests {
    /// The people named on the database, read as a report reads, with how many reads ran.
    final class Reads: @unchecked Sendable { var count = 0 }

    func people(_ store: Store, _ reads: Reads, key: String = "people", keepIf: @escaping ([String]) -> Bool = { _ in true }) throws -> [String] {
        try store.remembered(key, keepIf: keepIf) {
            reads.count += 1
            return try store.read { db in try String.fetchAll(db, sql: "SELECT name FROM people ORDER BY id") }
        }
    }

    func addPerson(_ store: Store, _ name: String) throws {
        try store.write { tx in
            try tx.insert(into: .people, [("name", name), ("role", "auditor"), ("team", nil),
                                         ("added_at", "2026-01-01T00:00:00.000Z"), ("added_by", "Lena Lead")])
        }
    }

    @Test func anUnchangedDatabaseIsReadOnce() throws {
        let dir = TemporaryDirectory()
        let store = try Store(path: dir.file("a.db"), identity: lead)
        let reads = Reads()
        let first = try people(store, reads)
        #expect(try people(store, reads) == first)
        #expect(reads.count == 1)
        // Another key is another result.
        _ = try people(store, reads, key: "people again")
        #expect(reads.count == 2)
    }

    @Test func assaysOwnWriteIsSeenAtOnce() throws {
        let dir = TemporaryDirectory()
        let store = try Store(path: dir.file("a.db"), identity: lead)
        let reads = Reads()
        #expect(try !people(store, reads).contains("Ada Auditor"))
        try addPerson(store, "Ada Auditor")
        #expect(try people(store, reads).contains("Ada Auditor"))
        #expect(reads.count == 2)
    }

    @Test func anEditBehindAssaysBackIsSeenAtOnce() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("a.db")
        let store = try Store(path: path, identity: lead)
        try addPerson(store, "Ada Auditor")
        let reads = Reads()
        #expect(try people(store, reads).contains("Ada Auditor"))
        // Another program writes the file: no log entry, no change on Assay's connection.
        let other = try DatabaseQueue(path: path)
        try other.write { db in try db.execute(sql: "UPDATE people SET name = 'Bea Behind' WHERE name = 'Ada Auditor'") }
        try other.close()
        let after = try people(store, reads)
        #expect(after.contains("Bea Behind"))
        #expect(!after.contains("Ada Auditor"))
        #expect(reads.count == 2)
    }

    @Test func aValueTooLargeToKeepIsReadEachTime() throws {
        let dir = TemporaryDirectory()
        let store = try Store(path: dir.file("a.db"), identity: lead)
        let reads = Reads()
        _ = try people(store, reads, keepIf: { _ in false })
        _ = try people(store, reads, keepIf: { _ in false })
        #expect(reads.count == 2)
    }
}
