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
    /// True when the file could not be written by this process and was opened read-only.
    public let isReadOnly: Bool
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
        // A file this process may not write (a copy handed to an inspector, a read-only
        // mount) is opened read-only, so reading and `verify` still work; writes then fail
        // with a clear message (StoreFailure) rather than at opening.
        self.isReadOnly = !wasCreated && access(path, W_OK) != 0
        let config = Self.configuration(isReadOnly: isReadOnly)
        do {
            let migrator = Migrations.migrator
            queue = try Self.openQueue(path, config, isReadOnly: isReadOnly)
            try queue.read { db in try Self.checkIsAssayDatabase(db, path: path, migrator: migrator) }
            if isReadOnly {
                guard try queue.read(migrator.hasCompletedMigrations) else {
                    throw AssayFailure("\(path) was written by an older Assay and must be upgraded, which needs write access; it is read-only for \(Identity.osLoginName()). Nothing was changed.")
                }
                return
            }
            try migrator.migrate(queue)
        } catch let error as DatabaseError {
            throw AssayFailure("\(path): \(StoreFailure.explain(error))")
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

    private static func configuration(isReadOnly: Bool) -> Configuration {
        var config = Configuration()
        config.journalMode = isReadOnly ? .default : .wal
        config.readonly = isReadOnly
        config.busyMode = .timeout(TimeInterval(Self.busyTimeoutSeconds()))
        config.foreignKeysEnabled = true
        config.label = "assay"
        // Reads the first 256 MB through memory-mapped pages rather than a read() copy of each
        // page: a draw or a trend report scans a million rows, and the copies were half its time
        // (docs/performance.md). Mapped pages count as resident memory, hence the cap.
        config.prepareDatabase { db in try db.execute(sql: "PRAGMA mmap_size = 268435456") }
        return config
    }

    /// Runs `body` for parts 0..<count at once, each in a read transaction on a connection of
    /// its own (part 0 on this store's), so that a scan of a million rows can use every core.
    ///
    /// The parts see one state of the database: every write Assay commits appends to the
    /// audit log, so parts whose transactions found the same last log entry read the same
    /// records. When a write landed between them, or another connection cannot be opened (a
    /// read-only copy opened `immutable`), the parts run one after another in one read
    /// transaction on this store's connection.
    public func readInParts<T: Sendable>(_ count: Int, _ body: @escaping @Sendable (_ part: Int, Database) throws -> T) throws -> [T] {
        var queues = [queue]
        if !isReadOnly {
            for _ in 1..<max(count, 1) {
                // A connection that cannot read (e.g. no shared-memory file it may use) is
                // not used: the parts then run on this store's connection.
                guard let extra = try? DatabaseQueue(path: path, configuration: Self.configuration(isReadOnly: true)),
                      (try? extra.read({ try Int.fetchOne($0, sql: "SELECT count(*) FROM sqlite_master") })) != nil
                else { break }
                queues.append(extra)
            }
        }
        if count > 1, queues.count == count {
            let parts = try Parallel.map(count) { [queues] part in
                try queues[part].read { db in (head: try Int64.fetchOne(db, sql: "SELECT max(seq) FROM audit_log"), value: try body(part, db)) }
            }
            if Set(parts.map(\.head)).count == 1 { return parts.map(\.value) }
        }
        return try queue.read { db in try (0..<count).map { try body($0, db) } }
    }

    /// Opens the file. Reading a WAL database needs its shared-memory file (`-shm`), which a
    /// process that may not write the folder cannot create; such a file is then opened
    /// `immutable` (SQLite reads it as it stands, without locks: fine for a copy nobody else
    /// is writing, which is what a read-only file usually is).
    private static func openQueue(_ path: String, _ config: Configuration, isReadOnly: Bool) throws -> DatabaseQueue {
        guard isReadOnly else { return try DatabaseQueue(path: path, configuration: config) }
        do {
            let queue = try DatabaseQueue(path: path, configuration: config)
            _ = try queue.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM sqlite_master") }
            return queue
        } catch let error as DatabaseError where error.resultCode == .SQLITE_READONLY || error.resultCode == .SQLITE_CANTOPEN {
            var allowed = CharacterSet.urlPathAllowed
            allowed.remove(charactersIn: "?#%")
            let escaped = path.addingPercentEncoding(withAllowedCharacters: allowed) ?? path
            return try DatabaseQueue(path: "file:\(escaped)?immutable=1", configuration: config)
        }
    }

    private static func createPrivateFileIfMissing(_ path: String) throws -> Bool {
        if createPrivateFile(path) { return true }
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
