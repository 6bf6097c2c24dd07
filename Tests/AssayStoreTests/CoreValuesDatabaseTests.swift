import AssayCore
import AssayStore
import GRDB
import Testing

/// Month, CalendarDate, Grade, Service and Role as database values (issue 21): each is stored
/// exactly as the tables have always held it — the audit log hashes those bytes, so a changed
/// form would make every existing database fail `verify` — and reads back as itself; text that
/// is not one is refused (GRDB's "could not decode"), never read as something near it.
@Suite struct CoreValuesDatabaseTests {
    let db = try! DatabaseQueue()

    /// SQLite's type and text of a bound value, as a column would store it.
    func stored(_ value: some DatabaseValueConvertible) throws -> String {
        try db.read { try String.fetchOne($0, sql: "SELECT typeof(?) || ' ' || ?", arguments: [value, value]) ?? "" }
    }

    @Test func eachIsStoredInTheFormTheTablesHold() throws {
        #expect(try stored(Month(year: 2026, month: 3)!) == "text 2026-03")
        #expect(try stored(CalendarDate(year: 2026, month: 11, day: 3)!) == "text 2026-11-03")
        #expect(try stored(Grade.inadequate) == "integer 4")
        #expect(try stored(Service.allCases[0]) == "text \(Service.allCases[0].code)")
        #expect(try stored(Role.moderator) == "text moderator")
    }

    @Test func eachReadsBackAsItselfAndNothingElseReadsAsOne() throws {
        try db.read { db in
            #expect(try Month.fetchOne(db, sql: "SELECT '2026-11'") == Month(year: 2026, month: 11))
            #expect(throws: (any Error).self) { try Month.fetchOne(db, sql: "SELECT '2026-13'") }
            #expect(try CalendarDate.fetchOne(db, sql: "SELECT '2026-11-03'") == CalendarDate(year: 2026, month: 11, day: 3))
            // A register's UK spelling is parsed on import, never stored, so never read.
            #expect(throws: (any Error).self) { try CalendarDate.fetchOne(db, sql: "SELECT '03/11/2026'") }
            #expect(throws: (any Error).self) { try CalendarDate.fetchOne(db, sql: "SELECT '2026-11-03T10:00'") }
            #expect(try Grade.fetchOne(db, sql: "SELECT 2") == .good)
            #expect(throws: (any Error).self) { try Grade.fetchOne(db, sql: "SELECT 5") }
            #expect(try Role.fetchOne(db, sql: "SELECT 'lead'") == .lead)
            #expect(try Service.fetchOne(db, sql: "SELECT ?", arguments: [Service.allCases.last!.code]) == Service.allCases.last)
            let row = try #require(try Row.fetchOne(db, sql: "SELECT '2026-11' AS month, NULL AS none"))
            #expect(row["month"] as Month == Month(year: 2026, month: 11)!)
            #expect(row["none"] as Month? == nil)
        }
    }
}
