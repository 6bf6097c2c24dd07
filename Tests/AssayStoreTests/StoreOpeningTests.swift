import AssayCore
@testable import AssayStore
import Foundation
import GRDB
import Testing

@Suite struct StoreOpeningTests {
    @Test func createsAPrivateWALDatabaseWithForeignKeysAndStrictTables() throws {
        let dir = TemporaryDirectory()
        let store = try Store(path: dir.file("a.db"), identity: lead)
        #expect(store.wasCreated)
        let mode = try FileManager.default.attributesOfItem(atPath: dir.file("a.db"))[.posixPermissions] as? Int
        #expect(mode == 0o600)
        try store.read { db in
            #expect(try String.fetchOne(db, sql: "PRAGMA journal_mode") == "wal")
            #expect(try Int.fetchOne(db, sql: "PRAGMA foreign_keys") == 1)
            let loose = try String.fetchAll(db, sql: """
                SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table'
                AND strict = 0 AND name NOT LIKE 'sqlite_%' AND name != 'grdb_migrations'
                """)
            #expect(loose == [])
        }
    }

    @Test func theFirstUserOfANewDatabaseIsItsLead() throws {
        let dir = TemporaryDirectory()
        let store = try Store(path: dir.file("a.db"), identity: lead)
        #expect(try store.people().map(\.name) == ["Lena Lead"])
        #expect(try store.person(named: "lena lead")?.role == .lead)
        let again = try Store(path: dir.file("a.db"), identity: Identity(name: "Someone Else", osLogin: "x"))
        #expect(!again.wasCreated)
        #expect(try again.people().count == 1)
    }

    @Test func refusesADatabaseFromANewerAssayAndLeavesItUntouched() throws {
        let dir = TemporaryDirectory()
        _ = try Store(path: dir.file("a.db"), identity: lead)
        let raw = try DatabaseQueue(path: dir.file("a.db"))
        try raw.write { try $0.execute(sql: "INSERT INTO grdb_migrations VALUES ('v99-from-the-future')") }
        try raw.close()
        let before = try logicalDump(dir.file("a.db"))
        #expect {
            _ = try Store(path: dir.file("a.db"), identity: lead)
        } throws: { error in
            (error as? StoreError)?.description.contains("newer version of Assay") == true
                && (error as? StoreError)?.description.contains("v99-from-the-future") == true
        }
        #expect(try logicalDump(dir.file("a.db")) == before)
    }

    @Test func refusesAnSQLiteFileThatIsNotAnAssayDatabase() throws {
        let dir = TemporaryDirectory()
        let raw = try DatabaseQueue(path: dir.file("other.db"))
        try raw.write { try $0.execute(sql: "CREATE TABLE t (x)") }
        try raw.close()
        #expect(throws: StoreError.self) { _ = try Store(path: dir.file("other.db"), identity: lead) }
        let tables = try DatabaseQueue(path: dir.file("other.db")).read {
            try String.fetchAll($0, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")
        }
        #expect(tables == ["t"])
    }

    @Test func migrationsAreRecordedAndReopeningIsIdempotent() throws {
        let dir = TemporaryDirectory()
        _ = try Store(path: dir.file("a.db"), identity: lead)
        let store = try Store(path: dir.file("a.db"), identity: lead)
        let applied = try store.read { try String.fetchAll($0, sql: "SELECT identifier FROM grdb_migrations") }
        #expect(applied == Migrations.migrator.migrations)
    }

    @Test func defaultPathIsFlagThenEnvironmentThenWorkingDirectory() {
        #expect(Store.defaultPath(flag: "x.db", environment: ["ASSAY_DB": "y.db"]) == "x.db")
        #expect(Store.defaultPath(flag: nil, environment: ["ASSAY_DB": "y.db"]) == "y.db")
        #expect(Store.defaultPath(flag: nil, environment: [:]) == "assay.db")
    }
}

/// Every table's schema and rows, as text: "exactly as it was" for a database, whatever
/// SQLite does with free pages.
func logicalDump(_ path: String) throws -> String {
    let db = try DatabaseQueue(path: path)
    defer { try? db.close() }
    return try db.read { db in
        var out = ""
        for (name, sql) in try Row.fetchAll(db, sql: "SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY name").map({ ($0[0] as String, $0[1] as String) }) {
            out += sql + "\n"
            if try String.fetchOne(db, sql: "SELECT type FROM sqlite_master WHERE name = ?", arguments: [name]) == "table" {
                // A table WITHOUT ROWID (`audit_tally`) is read in its key's order.
                let withoutRowID = try Bool.fetchOne(db, sql: "SELECT wr FROM pragma_table_list WHERE schema = 'main' AND name = ?", arguments: [name]) ?? false
                for row in try Row.fetchAll(db, sql: "SELECT * FROM \"\(name)\"\(withoutRowID ? "" : " ORDER BY rowid")") { out += row.description + "\n" }
            }
        }
        return out
    }
}
