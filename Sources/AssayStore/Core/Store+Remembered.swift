import Foundation
import GRDB

/// The state of the database file as this store's connection last saw it: when all three
/// are as they were, no transaction has committed since, by Assay or by anyone else.
///
/// - `dataVersion`: SQLite's `PRAGMA data_version`, which changes on this connection when
///   any other connection — another Assay, `sqlite3`, a restore — commits to the file.
/// - `ownChanges`: the rows this connection itself has inserted, updated or deleted
///   (`sqlite3_total_changes`), which `data_version` does not count.
/// - `logHead`: the last entry of the audit log, which every write Assay commits appends
///   to; a third witness, so a figure is never kept past a write even if one of the others
///   missed it.
struct DatabaseState: Equatable, Sendable {
    let dataVersion: Int64
    let ownChanges: Int
    let logHead: Int64
}

/// Results worked out from the database, kept while the database is as it was when they
/// were read (`DatabaseState`), so that a shell session paging through team after team
/// does not read the same ten thousand audits again for each page (docs/performance.md,
/// "The shell at 100,000 audits"). Any commit, Assay's or anyone's, forgets them all.
///
/// Bounded: a few entries, and a value is kept only when the caller says it is small
/// enough (`Store.remembered(_:keepIf:_:)`), so a session that once reported on ten years
/// of a region does not hold a million audits afterwards.
final class RememberedResults: @unchecked Sendable {
    private let lock = NSLock()
    private var state: DatabaseState?
    private var values: [String: any Sendable] = [:]
    static let capacity = 16

    func value(_ key: String, at state: DatabaseState) -> (any Sendable)? {
        lock.withLock { self.state == state ? values[key] : nil }
    }

    func keep(_ value: any Sendable, _ key: String, at state: DatabaseState) {
        lock.withLock {
            if self.state != state || values.count >= Self.capacity {
                values.removeAll()
                self.state = state
            }
            values[key] = value
        }
    }
}

extension Store {
    /// What this store's connection sees of the file now (see `DatabaseState`).
    func databaseState() throws -> DatabaseState {
        try read { db in
            DatabaseState(dataVersion: try Int64.fetchOne(db, sql: "PRAGMA data_version") ?? 0,
                          ownChanges: db.totalChangesCount,
                          logHead: try Int64.fetchOne(db, sql: "SELECT seq FROM audit_log ORDER BY seq DESC LIMIT 1") ?? 0)
        }
    }

    /// `compute`'s value, or the one it gave last time for `key` when the database has not
    /// changed since (`RememberedResults`). `key` must name everything the value depends on
    /// besides the database (the months, the grouping). `keepIf` decides whether a value is
    /// small enough to keep.
    ///
    /// The state is read before `compute` reads, so a value is never filed under a state
    /// older than what it saw: a commit in between only makes the next call read again.
    public func remembered<T: Sendable>(_ key: String, keepIf: (T) -> Bool = { _ in true }, _ compute: () throws -> T) throws -> T {
        let state = try databaseState()
        if let known = rememberedResults.value(key, at: state) as? T { return known }
        let value = try compute()
        if keepIf(value) { rememberedResults.keep(value, key, at: state) }
        return value
    }
}
