import AssayCore
@testable import AssayStore
import Foundation
import GRDB
@_exported import AssayTestSupport

let lead = Identity(name: "Lena Lead", osLogin: "lena")

/// A database as an older Assay left it: migrated only up to `migration`, with its lead and
/// whatever `write` adds written through the audited writer as that version's log had them
/// (so before `v19-log-blocks`, one entry a row). Returns the open queue, for the test to
/// read what the file held before a `Store` upgrades it; close it first.
func olderDatabase(_ path: String, upTo migration: String,
                   _ write: (AuditedWriter, Database) throws -> Void) throws -> DatabaseQueue {
    let raw = try DatabaseQueue(path: path)
    try Migrations.migrator.migrate(raw, upTo: migration)
    try raw.write { db in
        let tx = AuditedWriter(db: db, identity: lead, at: Date())
        _ = try tx.insert(into: .people, [("name", "Lena Lead"), ("role", "lead"), ("team", nil), ("added_at", "t"), ("added_by", "Lena Lead")])
        try write(tx, db)
        try tx.finish()
    }
    return raw
}
