import AssayCore
@testable import AssayStore
import Foundation
import GRDB
import Testing

/// What the audited write path refuses, as `StoreError` cases with their facts (issue 21):
/// a row that is not there to update or delete, and text that is never stored, whatever
/// path it took to the writer. Each refusal writes nothing, not even a log entry.
@Suite struct WriterRefusalTests {
    let dir = TemporaryDirectory()

    func store() throws -> (Store, Int64) {
        let store = try Store(path: dir.file("a.db"), identity: lead)
        try store.addPerson(name: "Ann", role: .auditor, team: "CP North")
        let id = try store.read { try Int64.fetchOne($0, sql: "SELECT id FROM people WHERE name = 'Ann'")! }
        return (store, id)
    }

    func logLength(_ store: Store) throws -> Int {
        try store.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM audit_log")! }
    }

    @Test func aRowThatIsNotThereIsNeitherUpdatedNorDeleted() throws {
        let (store, _) = try store()
        let before = try logLength(store)
        let update = #expect(throws: StoreError.self) { try store.write { tx in try tx.update(.people, id: 999, set: [("team", "CP South")]) } }
        #expect(update == .noRowToUpdate(table: "people", id: 999))
        let redact = #expect(throws: StoreError.self) { try store.write { tx in try tx.redact(.people, id: 999, set: [("team", nil)]) } }
        #expect(redact == .noRowToUpdate(table: "people", id: 999))
        let delete = #expect(throws: StoreError.self) { try store.write { tx in try tx.delete(from: .people, id: 999) } }
        #expect(delete == .noRowToDelete(table: "people", id: 999))
        #expect(update?.kind == .conflict && delete?.kind == .conflict, "a script sees a failure (1), as before")
        #expect(update?.description == "No row 999 in people to update.")
        #expect(try logLength(store) == before)
    }

    @Test func textWithAControlCharacterIsRefusedNamingTableAndColumn() throws {
        let (store, id) = try store()
        let before = try logLength(store)
        let refused = #expect(throws: StoreError.self) {
            try store.write { tx in try tx.update(.people, id: id, set: [("team", "CP\u{1B}[2J North")]) }
        }
        let problem = try #require(TextPolicy.problem(in: "CP\u{1B}[2J North", kind: .paragraph))
        #expect(refused == .refusedText(table: "people", column: "team", problem: problem))
        #expect(refused?.kind == .invalidInput && refused?.place == nil, "no place the shell could name: a failure (1), not a usage error")
        #expect(refused?.description == "Refused: the team of a people row \(problem). Nothing was written.")
        #expect(try store.read { try String.fetchOne($0, sql: "SELECT team FROM people WHERE id = ?", arguments: [id]) } == "CP North")
        #expect(try logLength(store) == before)
    }
}
