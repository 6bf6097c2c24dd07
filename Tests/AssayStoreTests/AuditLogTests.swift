import AssayCore
@testable import AssayStore
import Crypto
import Foundation
import GRDB
import Testing

@Suite struct AuditLogTests {
    struct LogRow: Equatable {
        let user: String, login: String, table: String, rowID: Int64, operation: String
        let before: String?, after: String?
    }

    func log(_ store: Store) throws -> [LogRow] {
        try store.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM audit_log ORDER BY seq").map {
                LogRow(user: $0["user_name"], login: $0["os_login"], table: $0["table_name"], rowID: $0["row_id"],
                       operation: $0["operation"], before: $0["before_sha256"], after: $0["after_sha256"])
            }
        }
    }

    func currentDigest(_ store: Store, _ table: String, _ id: Int64) throws -> String? {
        try store.read { try Row.fetchOne($0, sql: "SELECT * FROM \(table) WHERE id = ?", arguments: [id]).map(RowDigest.sha256(of:)) }
    }

    @Test func everyWriteAppendsALogRowWithDigestsBeforeAndAfter() throws {
        let dir = TemporaryDirectory()
        let store = try Store(path: dir.file("a.db"), identity: Identity(name: "Declared Name", osLogin: "oslogin"))
        let id = try store.write { tx in
            try tx.insert(into: .people, [("name", "Ann"), ("role", "auditor"), ("team", "CP North"),
                                          ("added_at", "2026-11-01T00:00:00.000Z"), ("added_by", "Declared Name")])
        }
        let afterInsert = try currentDigest(store, "people", id)
        try store.write { tx in try tx.update(.people, id: id, set: [("team", "CP South")]) }
        let afterUpdate = try currentDigest(store, "people", id)
        try store.write { tx in try tx.delete(from: .people, id: id) }

        let rows = try log(store).filter { $0.rowID == id && $0.table == "people" }
        #expect(rows == [
            LogRow(user: "Declared Name", login: "oslogin", table: "people", rowID: id, operation: "insert", before: nil, after: afterInsert),
            LogRow(user: "Declared Name", login: "oslogin", table: "people", rowID: id, operation: "update", before: afterInsert, after: afterUpdate),
            LogRow(user: "Declared Name", login: "oslogin", table: "people", rowID: id, operation: "delete", before: afterUpdate, after: nil),
        ])
        #expect(afterInsert != afterUpdate)
    }

    @Test func aFailedTransactionLeavesNeitherRowsNorLog() throws {
        let dir = TemporaryDirectory()
        let store = try Store(path: dir.file("a.db"), identity: lead)
        let before = try log(store).count
        struct Boom: Error {}
        #expect(throws: Boom.self) {
            try store.write { tx in
                try tx.insert(into: .people, [("name", "Ann"), ("role", "auditor"), ("team", nil),
                                              ("added_at", "t"), ("added_by", "x")])
                throw Boom()
            }
        }
        #expect(try log(store).count == before)
        #expect(try store.person(named: "Ann") == nil)
    }

    @Test func writesOutsideTheAuditedWriterAreRefused() throws {
        let dir = TemporaryDirectory()
        let store = try Store(path: dir.file("a.db"), identity: lead)
        #expect(throws: DatabaseError.self) {
            try store.read { try $0.execute(sql: "DELETE FROM people") }
        }
        #expect(throws: DatabaseError.self) {
            try store.write { tx in try tx.query { try $0.execute(sql: "UPDATE people SET role = 'auditor'") } }
        }
        #expect(try store.people().first?.role == .lead)
    }

    @Test func theLogIsAppendOnlyEvenForSQL() throws {
        let dir = TemporaryDirectory()
        _ = try Store(path: dir.file("a.db"), identity: lead)
        let raw = try DatabaseQueue(path: dir.file("a.db"))
        #expect(throws: DatabaseError.self) { try raw.write { try $0.execute(sql: "UPDATE audit_log SET user_name = 'x'") } }
        #expect(throws: DatabaseError.self) { try raw.write { try $0.execute(sql: "DELETE FROM audit_log") } }
    }

    /// The digest layout in docs/schema.md, computed by hand.
    @Test func rowDigestFollowsTheDocumentedByteLayout() throws {
        let row: Row = ["id": 7, "name": "Zoë", "score": 2.5, "note": nil, "data": Data([1, 2])]
        func be(_ v: UInt64) -> [UInt8] { (0..<8).reversed().map { UInt8((v >> (UInt64($0) * 8)) & 0xff) } }
        func text(_ s: String) -> [UInt8] { be(UInt64(s.utf8.count)) + Array(s.utf8) }
        var bytes: [UInt8] = []
        bytes += text("id") + [1] + be(7)
        bytes += text("name") + [3] + text("Zoë")
        bytes += text("score") + [2] + be(2.5.bitPattern)
        bytes += text("note") + [0]
        bytes += text("data") + [4] + be(2) + [1, 2]
        let expected = SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
        #expect(RowDigest.sha256(of: row) == expected)
    }
}
