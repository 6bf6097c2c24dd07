import AssayCore
import GRDB

// Assay's values as database values, converted here once rather than by hand at each query
// (`Month(row["month"] as String)!`, `month.description` as an argument). The stored forms
// are the ones every table already holds, byte for byte — the audit log hashes row contents,
// so these must never change (docs/schema.md, docs/integrity.md):
//
//   Month         TEXT `YYYY-MM`          CalendarDate  TEXT `YYYY-MM-DD`
//   Grade         INTEGER 1–4             Service       TEXT its code
//   Role          TEXT `auditor`, `moderator` or `lead`
//
// A value that does not read as one (text that is not a month) fails as GRDB fails any
// conversion: a fetch throws "could not decode", and `row[…] as Month` stops the program, as
// the force-unwraps it replaces did. Tests: Tests/AssayStoreTests/CoreValuesDatabaseTests.swift.

extension Month: DatabaseValueConvertible {
    public var databaseValue: DatabaseValue { description.databaseValue }

    public static func fromDatabaseValue(_ dbValue: DatabaseValue) -> Month? {
        String.fromDatabaseValue(dbValue).flatMap { Month($0) }
    }
}

extension CalendarDate: DatabaseValueConvertible {
    public var databaseValue: DatabaseValue { description.databaseValue }

    /// Only `YYYY-MM-DD`, as stored: `CalendarDate(parsing:)` also reads a register's
    /// `DD/MM/YYYY`, which no column holds.
    public static func fromDatabaseValue(_ dbValue: DatabaseValue) -> CalendarDate? {
        guard let text = String.fromDatabaseValue(dbValue), text.utf8.count == 10,
              let date = CalendarDate(parsing: text), date.description == text else { return nil }
        return date
    }
}

extension Grade: DatabaseValueConvertible {}
extension Service: DatabaseValueConvertible {}
extension Role: DatabaseValueConvertible {}
