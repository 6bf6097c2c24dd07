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
    /// The user: as declared, or, on a database that binds logins, the person bound to the
    /// process's login (`Store+Logins.swift`).
    public let identity: Identity
    /// True when this open created the database (and made `identity` its lead).
    public let wasCreated: Bool
    /// True when the file could not be written by this process and was opened read-only.
    public let isReadOnly: Bool
    /// What the file's schema record said when it was opened (`verify` reports its problems).
    let schemaRecord: SchemaRecord
    let queue: DatabaseQueue
    /// Reports' reads kept while the file is unchanged (`Store+Remembered.swift`).
    let rememberedResults = RememberedResults()
    /// Where this store reads the time: each write transaction takes one instant from it
    /// (`AuditedWriter.timestamp`), used for the log's `at` and every `…_at` column the
    /// transaction writes. The system clock, or a fixed one in tests (`Clock.fixed`).
    public let clock: Clock

    /// Where the database is when nobody says: `--db`, else `$ASSAY_DB`, else `./assay.db`.
    public static func defaultPath(flag: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let flag, !flag.isEmpty { return flag }
        if let env = environment["ASSAY_DB"], !env.isEmpty { return env }
        return "assay.db"
    }

    /// Opens the database at `path`, creating it when there is nothing there yet.
    ///
    /// A new database is made whole before it appears under its name: schema, `identity` as
    /// its first lead, and whatever `setUp` adds (the shipped templates) are written to a
    /// hidden staging file, which is then linked into place (`Store+Creation.swift`). A
    /// command killed half-way leaves no database at `path`, never a half-made one that the
    /// next person to arrive would adopt.
    public convenience init(path: String, identity: Identity, clock: Clock = .system, setUp: (Store) throws -> Void = { _ in }) throws {
        let path = DatabaseFile.plainPath(path)
        let created = DatabaseFile.state(of: path) == .missing
            ? try Self.create(at: path, identity: identity, clock: clock, setUp: setUp)
            : false
        try self.init(opening: path, identity: identity, wasCreated: created, mode: .normal, checksLogin: true, clock: clock)
    }

    /// Opens a database that must already exist and be a complete Assay database; never
    /// creates one. With `readOnly`, the file is not changed in any way either: no schema
    /// upgrade, no switch to WAL (what `verify` and a backup's check use).
    public convenience init(existing path: String, identity: Identity, readOnly: Bool = false, clock: Clock = .system) throws {
        let path = DatabaseFile.plainPath(path)
        guard DatabaseFile.state(of: path) != .missing else {
            throw StoreError.noDatabase(path: path)
        }
        try self.init(opening: path, identity: identity, wasCreated: false, mode: readOnly ? .inspect : .normal, checksLogin: true, clock: clock)
    }

    /// How an open treats the file.
    enum OpeningMode {
        /// Upgrade the schema and use WAL when the file may be written.
        case normal
        /// Never change the file; report a damaged schema record instead of refusing it.
        case inspect
        /// A new staging file being created: schema only, with a rollback journal (no WAL
        /// file to lose when it is linked into place), and no lead yet.
        case staging
    }

    /// `checksLogin`: the user is resolved against the logins the database binds (every open
    /// for a person; not a staging copy's, whose people are not yet the live database's).
    init(opening path: String, identity: Identity, wasCreated: Bool, mode: OpeningMode, checksLogin: Bool = false, clock: Clock = .system) throws {
        self.path = path
        self.clock = clock
        self.wasCreated = wasCreated
        if mode == .staging {
            self.identity = identity
            // A new, empty file of this process's own: the schema goes straight in.
            isReadOnly = false
            schemaRecord = SchemaRecord(applied: [])
            do {
                queue = try DatabaseQueue(path: path, configuration: Self.configuration(isReadOnly: false, journal: .default))
                try Migrations.migrator.migrate(queue)
            } catch let error as DatabaseError {
                throw StoreError.databaseFailed(path: path, explanation: StoreFailure.explain(error))
            }
            return
        }
        if case .unusable(let why) = DatabaseFile.state(of: path) {
            throw StoreError.unusableDatabase(path: path, why: why)
        }
        // A shared database whose folder or files let others in, or are not its group's,
        // is refused before anything is read (docs/deployment.md).
        if checksLogin, let problem = SharedFolder.problem(for: path) { throw StoreError.sharedFileProblem(problem) }
        DatabaseFile.sweepLeftovers(in: DatabaseFile.folder(of: path))
        // A file this process may not write (a copy handed to an inspector, a read-only
        // mount, a folder where SQLite cannot make its companion files) is opened read-only,
        // so reading and `verify` still work; writes then fail with a clear message.
        self.isReadOnly = mode == .inspect || !DatabaseFile.isWritable(path) || !DatabaseFile.folderIsWritable(path)
        do {
            // Look before touching: the schema record is read on a read-only connection, so
            // a file that is not Assay's, or is newer, or damaged, is refused unchanged
            // (opening with WAL configured would already have switched its journal mode).
            let look = try Self.openQueue(path, Self.configuration(isReadOnly: true, journal: .default), isReadOnly: true)
            let record = try look.read { db in try SchemaRecord(db) }
            try look.close()
            self.schemaRecord = record
            if let refusal = record.refusal(path: path) {
                guard mode == .inspect, record.isAssay, !record.isNewer else { throw StoreError.refusedDatabase(refusal) }
            }
            if isReadOnly {
                guard record.isComplete || !record.problems.isEmpty else {
                    throw StoreError.needsUpgrade(path: path, inspecting: mode == .inspect, login: Identity.osLoginName())
                }
                let queue = try Self.openQueue(path, Self.configuration(isReadOnly: true, journal: .default), isReadOnly: true)
                self.queue = queue
                self.identity = try Self.resolved(identity, path: path, queue, checks: checksLogin)
                return
            }
            queue = try DatabaseQueue(path: path, configuration: Self.configuration(isReadOnly: false))
            if !record.isComplete { try Migrations.migrator.migrate(queue) }
            self.identity = try Self.resolved(identity, path: path, queue, checks: checksLogin)
        } catch let error as DatabaseError {
            throw StoreError.databaseFailed(path: path, explanation: StoreFailure.explain(error))
        }
        if mode == .normal, try read({ try Int.fetchOne($0, sql: "SELECT count(*) FROM people") ?? 0 }) == 0 {
            try? queue.close()
            throw StoreError.unfinishedDatabase(path: path)
        }
    }

    /// `identity` as the database at `queue` sees it (`resolveLogin`), when `checks`.
    private static func resolved(_ identity: Identity, path: String, _ queue: DatabaseQueue, checks: Bool) throws -> Identity {
        guard checks else { return identity }
        do {
            return try queue.read { try resolveLogin(identity, path: path, $0) }
        } catch {
            try? queue.close()
            throw error
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
                let writer = AuditedWriter(db: db, identity: identity, at: clock.now())
                result = try body(writer)
                try writer.finish()
                return .commit
            }
            return result!
        }
    }

    /// Runs `body` with a read-only view of the database.
    public func read<T>(_ body: (Database) throws -> T) throws -> T {
        try queue.read(body)
    }

    static func configuration(isReadOnly: Bool, journal: Configuration.JournalModeConfiguration = .wal) -> Configuration {
        var config = Configuration()
        config.journalMode = isReadOnly ? .default : journal
        config.readonly = isReadOnly
        config.busyMode = .timeout(TimeInterval(Self.busyTimeoutSeconds()))
        config.foreignKeysEnabled = true
        config.label = "assay"
        // No memory-mapped reads (SQLite's default): a draw from a million-case register had
        // mapped 256 MB of it, which counts as the process's resident memory (401 MB peak
        // against 93 MB without), and paired runs on a quiet machine found the mapping no
        // faster: the draw 0.74 against 0.80 s, `report trend` and `report html` over 100,000
        // audits the same (docs/performance.md, "The draw"). Said explicitly, whatever the
        // system's SQLite was built with.
        //
        // A 16 MB page cache (SQLite's default is 2 MB): a shell session's commands read the
        // same pages again and again (the month's draw, its audits, the report indexes), and
        // at 100,000 audits `sample` alone touches more than 2 MB, so each command read its
        // pages back from the operating system (a tenth of its time in `pread`). The cache
        // holds only pages read, and is kept between read transactions while the file is
        // unchanged, so a small command pays nothing for it.
        config.prepareDatabase { db in try db.execute(sql: "PRAGMA mmap_size = 0; PRAGMA cache_size = -16384") }
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
    static func openQueue(_ path: String, _ config: Configuration, isReadOnly: Bool) throws -> DatabaseQueue {
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
}
