import AssayCore
import Foundation
import GRDB

/// One Assay database: a single SQLite file, opened for one user.
///
/// WAL mode so auditors can read while another writes; foreign keys on; a busy timeout so a
/// second process waits instead of failing; every write transaction begun IMMEDIATE so two
/// writers never deadlock upgrading a read lock. The file is created private (0600): it
/// holds data about children.
public final class Store: Sendable {
    public let path: String
    public let identity: Identity
    /// True when this open created the database (and made `identity` its lead).
    public let wasCreated: Bool
    let queue: DatabaseQueue

    /// Where the database is when nobody says: `--db`, else `$ASSAY_DB`, else `./assay.db`.
    public static func defaultPath(flag: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let flag, !flag.isEmpty { return flag }
        if let env = environment["ASSAY_DB"], !env.isEmpty { return env }
        return "assay.db"
    }

    /// Opens (creating if need be) and migrates the database at `path`.
    public init(path: String, identity: Identity) throws {
        self.path = path
        self.identity = identity
        self.wasCreated = try Self.createPrivateFileIfMissing(path)
        var config = Configuration()
        config.journalMode = .wal
        config.busyMode = .timeout(TimeInterval(Self.busyTimeoutSeconds()))
        config.foreignKeysEnabled = true
        config.label = "assay"
        do {
            queue = try DatabaseQueue(path: path, configuration: config)
            let migrator = Migrations.migrator
            try queue.read { db in try Self.checkIsAssayDatabase(db, path: path, migrator: migrator) }
            try migrator.migrate(queue)
        } catch let error as DatabaseError {
            throw AssayFailure("\(path): cannot open as an Assay database: \(StoreFailure.explain(error))")
        }
        if try read({ try Int.fetchOne($0, sql: "SELECT count(*) FROM people") ?? 0 }) == 0 {
            try write { tx in
                _ = try tx.insert(into: .people, [
                    ("name", identity.name), ("role", Role.lead.rawValue), ("team", nil),
                    ("added_at", Timestamp.iso8601(Date())), ("added_by", identity.name),
                ])
            }
        }
    }

    /// How long a writer waits for another's transaction before giving up: 30 seconds, or
    /// `$ASSAY_BUSY_TIMEOUT` seconds.
    public static func busyTimeoutSeconds(environment: [String: String] = ProcessInfo.processInfo.environment) -> Int {
        environment["ASSAY_BUSY_TIMEOUT"].flatMap { Int($0) }.flatMap { $0 >= 0 ? $0 : nil } ?? 30
    }

    /// Runs `body` in one IMMEDIATE transaction; all its writes go through the audited
    /// writer and commit together, or none do.
    public func write<T>(_ body: (AuditedWriter) throws -> T) throws -> T {
        try queue.writeWithoutTransaction { db in
            var result: T?
            try db.inTransaction(.immediate) {
                result = try body(AuditedWriter(db: db, identity: identity, at: Date()))
                return .commit
            }
            return result!
        }
    }

    /// Runs `body` with a read-only view of the database.
    public func read<T>(_ body: (Database) throws -> T) throws -> T {
        try queue.read(body)
    }

    private static func createPrivateFileIfMissing(_ path: String) throws -> Bool {
        let fd = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
        if fd >= 0 {
            close(fd)
            return true
        }
        if errno == EEXIST { return false }
        throw AssayFailure("\(path): cannot create the database: \(String(cString: strerror(errno)))")
    }

    private static func checkIsAssayDatabase(_ db: Database, path: String, migrator: DatabaseMigrator) throws {
        let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")
        if !tables.isEmpty && !tables.contains("grdb_migrations") {
            throw AssayFailure("\(path) is an SQLite database, but not an Assay database; nothing was changed.")
        }
        if try migrator.hasBeenSuperseded(db) {
            let known = Set(migrator.migrations)
            let unknown = try migrator.appliedIdentifiers(db).subtracting(known).sorted()
            throw AssayFailure("""
                \(path) was written by a newer version of Assay (schema \(unknown.joined(separator: ", ")) \
                is unknown to this one). Upgrade Assay to open it; nothing was changed.
                """)
        }
    }
}
