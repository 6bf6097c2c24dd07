import AssayCore
@testable import AssayStore
import Foundation
import GRDB
import Testing

/// `readInParts` lets a scan use every core; whatever the parts' connections, they must read
/// one state of the database and give their answers in part order.
@Suite struct ReadInPartsTests {
    @Test func eachPartAnswersInOrderFromOneStateOfTheDatabase() throws {
        let dir = TemporaryDirectory()
        let store = try Store(path: dir.file("a.db"), identity: lead)
        try store.write { tx in
            for i in 0..<40 { try tx.insert(into: .people, [("name", "Person \(i)"), ("role", "auditor"), ("team", nil),
                                                           ("added_at", "2026-01-01T00:00:00.000Z"), ("added_by", "Lena Lead")]) }
        }
        let parts = try store.readInParts(4) { part, db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM people WHERE id % 4 = ?", arguments: [part]) ?? -1
        }
        #expect(parts.count == 4)
        #expect(parts.reduce(0, +) == 41)
        let expected = try store.read { db in
            try (0..<4).map { try Int.fetchOne(db, sql: "SELECT count(*) FROM people WHERE id % 4 = ?", arguments: [$0])! }
        }
        #expect(parts == expected)
    }

    @Test func aFailingPartFailsTheWhole() throws {
        let dir = TemporaryDirectory()
        let store = try Store(path: dir.file("a.db"), identity: lead)
        #expect(throws: DatabaseError.self) {
            _ = try store.readInParts(2) { part, db in
                try Int.fetchOne(db, sql: part == 1 ? "SELECT count(*) FROM no_such_table" : "SELECT 1") ?? 0
            }
        }
    }
}
