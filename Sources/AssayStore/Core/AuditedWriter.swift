import AssayCore
import Foundation
import GRDB

/// The one way to change Assay's records.
///
/// Every insert, update, redaction and delete goes through these methods, and each appends
/// an entry to `audit_log` in the same transaction: when, who (declared name and OS login),
/// which table and row, the operation, the names of the columns an update changed, the
/// SHA-256 of the row's values before and after (`RowDigest`), and the entry's chain hash
/// over the previous entry's (`LogEntry`, docs/integrity.md). Rows inserted one after another
/// into one table are logged together as one block entry (`LogBlock`, log format 2), written
/// when the run ends: at the transaction's end (`finish`), before any other kind of change
/// (so the log keeps the order in which a row was inserted and then changed), or when the
/// next id does not follow on or the block is full. Transactions are IMMEDIATE, so
/// no other writer can append between reading the chain head and committing. There is no public initializer and no access to the raw connection, so a
/// write that skips the log cannot be expressed through the store's API; reads inside the
/// transaction go through `query`, which SQLite itself holds to read-only.
public final class AuditedWriter {
    private let db: Database
    private let identity: Identity
    /// One timestamp for the whole transaction: its changes happened together.
    private let at: String
    /// The same moment as a `Date`, for rules that compare instants (an action's due date
    /// against the day it is raised).
    public let instant: Date
    /// The chain head as of this transaction's last entry; read on the first entry.
    private var head: (seq: Int64, hash: [UInt8])?
    /// Prepared once per transaction: the log's insert, each table's shape, each insert.
    private var logInsert: LogInsert?
    /// Runs of inserted rows not yet logged, one a table, in the order the runs began.
    private var runs: [InsertedRun] = []
    private var shapes: [String: TableShape] = [:]
    private var inserts: [InsertKey: PreparedInsert] = [:]

    init(db: Database, identity: Identity, at: Date) {
        self.db = db
        self.identity = identity
        self.at = Timestamp.iso8601(at)
        self.instant = at
    }

    /// The user this transaction is written for.
    public var user: Identity { identity }

    /// The transaction's one timestamp (ISO 8601 UTC with milliseconds, as `audit_log.at`).
    /// A row that records when it was made (`drawn_at`, `imported_at`, `closed_at`…) takes
    /// this rather than reading the clock again, so the row and its log entries agree.
    public var timestamp: String { at }

    /// Inserts a row (`AuditedRecord`, `AuditedRecords+*.swift`) and returns its id: one
    /// prepared statement per record type for the whole transaction, the values bound by
    /// position.
    @discardableResult
    public func insert<R: AuditedRecord>(_ record: R) throws -> Int64 {
        try insert(R.table, key: .record(ObjectIdentifier(R.self)), columns: R.columns, values: record.databaseValues)
    }

    /// Inserts a row given as column names and values. Internal: outside the store every
    /// write goes through a record, so each column name is spelled once; this stays for the
    /// store's tests, which write what no record can (a service code outside the list, a
    /// row as an old version of Assay wrote it before a migration).
    @discardableResult
    func insert(into table: AuditedTable, _ values: [(String, (any DatabaseValueConvertible)?)]) throws -> Int64 {
        let key = InsertKey.columns(table: table.name, names: values.map(\.0).joined(separator: ","))
        return try insert(table, key: key, columns: values.map(\.0), values: values.map { $0.1?.databaseValue ?? .null })
    }

    /// Every insert: the text check, the statement (prepared once per table and column list
    /// in this transaction), and the log entry with the row's digest computed from the values
    /// just bound. A STRICT table stores exactly a bound value of the column's type, so that
    /// digest is the one `verify` recomputes from the row; a value SQLite would convert, or a
    /// column left to its default, makes the writer read the row back instead.
    /// (`columns` is read only to prepare the statement or name a refused value: a record's
    /// list is built from its `Column` enum, which a million-row import need not do per row.)
    private func insert(_ table: AuditedTable, key: InsertKey, columns: @autoclosure () -> [String],
                        values: [DatabaseValue]) throws -> Int64 {
        try Self.checkText(values, names: columns(), table)
        let prepared = try preparedInsert(table, key: key, columns: columns())
        try prepared.statement.execute(arguments: StatementArguments(values))
        let id = db.lastInsertedRowID
        let digest = try prepared.digest(of: values, rowID: id) ?? row(table, id).map(RowDigest.raw(of:))
        #if DEBUG
        // Every debug build (so every test) checks the computed digest against the row read back.
        let readBack = try row(table, id).map(RowDigest.raw(of:))
        precondition(digest == readBack, "digest of bound values differs from \(table.name) row \(id) read back")
        #endif
        try logInserted(table, id: id, digest: digest)
        return id
    }

    /// Adds the row to its table's run, or starts one (logging the run it ends).
    private func logInserted(_ table: AuditedTable, id: Int64, digest: [UInt8]?) throws {
        if try !logCanHoldBlocks() {
            return try log(table: table, rowID: id, operation: .insert, changed: nil, before: nil, after: digest?.hexString)
        }
        let index = runs.firstIndex { $0.table.name == table.name }
        if let index, let digest, runs[index].canTake(id) {
            runs[index].append(digest)
            return
        }
        if let index { try logRun(runs.remove(at: index)) }
        if let digest {
            runs.append(InsertedRun(table: table, firstRowID: id, digest: digest))
        } else {
            try log(table: table, rowID: id, operation: .insert, changed: nil, before: nil, after: nil)
        }
    }

    /// Logs every run still open. `Store.write` calls it before the commit: a block's entry
    /// goes in the same transaction as its rows.
    func finish() throws {
        let open = runs
        runs = []
        for run in open { try logRun(run) }
    }

    /// One row's run as a plain entry (format 1, exactly as before blocks), more as a block.
    private func logRun(_ run: InsertedRun) throws {
        if run.count == 1 {
            try log(table: run.table, rowID: run.firstRowID, operation: .insert, changed: nil, before: nil,
                    after: run.digests.hexString)
        } else {
            try log(table: run.table, rowID: run.firstRowID, operation: .insert, changed: nil, before: nil,
                    after: LogBlock.root(of: run.digests).hexString, rowCount: Int64(run.count), rowDigests: run.digests)
        }
    }

    private func logCanHoldBlocks() throws -> Bool {
        if logInsert == nil { logInsert = try LogInsert(db) }
        return logInsert!.format2
    }

    private func preparedInsert(_ table: AuditedTable, key: InsertKey, columns: @autoclosure () -> [String]) throws -> PreparedInsert {
        if let prepared = inserts[key] { return prepared }
        let prepared = try PreparedInsert(table: table.name, columns: columns(), shape: try shape(table), db: db)
        inserts[key] = prepared
        return prepared
    }

    /// What a prepared insert is kept under: a record type (its table and columns are fixed),
    /// or a table and a column list; no string is spelled for every row inserted.
    private enum InsertKey: Hashable {
        case record(ObjectIdentifier)
        case columns(table: String, names: String)
    }

    private func shape(_ table: AuditedTable) throws -> TableShape {
        if let shape = shapes[table.name] { return shape }
        let shape = try TableShape(table: table.name, db: db)
        shapes[table.name] = shape
        return shape
    }

    /// Updates the named columns of one row: `tx.update(ChallengeRecord.self, id: id, set: [(.status, …)])`.
    public func update<R: AuditedRecord>(_ record: R.Type, id: Int64, set values: [(R.Column, (any DatabaseValueConvertible)?)]) throws {
        try change(R.table, id: id, set: values.map { ($0.0.rawValue, $0.1) }, as: .update)
    }

    /// Blanks or corrects text to erase personal data. Logged as a `redact` entry, which
    /// `verify` reports as a redaction rather than tampering; the caller records why.
    public func redact<R: AuditedRecord>(_ record: R.Type, id: Int64, set values: [(R.Column, (any DatabaseValueConvertible)?)]) throws {
        try change(R.table, id: id, set: values.map { ($0.0.rawValue, $0.1) }, as: .redact)
    }

    /// Updates and redacts columns named as text. Internal, as `insert(into:_:)` is: for the
    /// store's tests (`AuditedRecordTests` writes each change both ways and compares).
    func update(_ table: AuditedTable, id: Int64, set values: [(String, (any DatabaseValueConvertible)?)]) throws {
        try change(table, id: id, set: values, as: .update)
    }

    func redact(_ table: AuditedTable, id: Int64, set values: [(String, (any DatabaseValueConvertible)?)]) throws {
        try change(table, id: id, set: values, as: .redact)
    }

    /// Reads the row before (its digest and the columns that change need it) but not after:
    /// the row after is the row before with the bound values, when the table stores them as
    /// bound (as for inserts); otherwise it is read back.
    private func change(_ table: AuditedTable, id: Int64, set values: [(String, (any DatabaseValueConvertible)?)],
                        as operation: LogEntry.Operation) throws {
        let bound = values.map { $0.1?.databaseValue ?? .null }
        try Self.checkText(bound, names: values.map(\.0), table)
        try finish()
        guard let before = try row(table, id) else {
            throw StoreError.noRowToUpdate(table: table.name, id: id)
        }
        let assignments = values.map { "\(Self.quoted($0.0)) = ?" }.joined(separator: ", ")
        let statement = try db.cachedStatement(sql: "UPDATE \(Self.quoted(table.name)) SET \(assignments) WHERE id = ?")
        try statement.execute(arguments: StatementArguments(bound + [id.databaseValue]))
        let after = try valuesAfter(table, before: before, set: values.map(\.0), to: bound) ?? Array(row(table, id)!)
        #if DEBUG
        let readBack = try row(table, id)!
        precondition(after.elementsEqual(readBack, by: { $0.0 == $1.0 && $0.1 == $1.1 }),
                     "\(table.name) row \(id) after the update differs from the row read back")
        #endif
        let changed = zip(before, after).filter { $0.1 != $1.1 }.map(\.0.0)
        try log(table: table, rowID: id, operation: operation, changed: changed.joined(separator: ","),
                before: RowDigest.sha256(of: before), after: RowDigest.sha256(of: after))
    }

    /// The row `before` with `columns` set to `values`, as a STRICT table stores them; nil
    /// when some value is one SQLite would convert (the caller reads the row back).
    private func valuesAfter(_ table: AuditedTable, before: Row, set columns: [String],
                             to values: [DatabaseValue]) throws -> [(String, DatabaseValue)]? {
        let shape = try shape(table)
        guard shape.strict, shape.columns.count == before.count else { return nil }
        var updated: [String: DatabaseValue] = [:]
        for (column, value) in zip(columns, values) { updated[column] = value }
        var after: [(String, DatabaseValue)] = []
        for (column, (name, old)) in zip(shape.columns, before) {
            guard column.name == name else { return nil }
            if let value = updated[name] {
                guard TableShape.storesExactly(value, as: column.type) else { return nil }
                after.append((name, value))
            } else {
                after.append((name, old))
            }
        }
        return after
    }

    /// Deletes one row.
    public func delete(from table: AuditedTable, id: Int64) throws {
        try finish()
        guard let before = try row(table, id).map(RowDigest.sha256(of:)) else {
            throw StoreError.noRowToDelete(table: table.name, id: id)
        }
        try db.cachedStatement(sql: "DELETE FROM \(Self.quoted(table.name)) WHERE id = ?").execute(arguments: [id])
        try log(table: table, rowID: id, operation: .delete, changed: nil, before: before, after: nil)
    }

    /// Gives this connection a 64 MB page cache for the rest of its life, for a transaction
    /// that writes many thousands of rows (a register import, a bulk load of audits). With
    /// SQLite's default 2 MB, the pages of one large transaction spill to the WAL before the
    /// commit, writing the database 2–3 times over (docs/performance.md). The cache is memory
    /// used only as pages are touched, so a small command pays nothing for it.
    public func useBulkCache() throws {
        try db.execute(sql: "PRAGMA cache_size = -65536")
    }

    /// Reads inside the write transaction (sees its own changes). SQLite refuses writes here.
    public func query<T>(_ body: (Database) throws -> T) throws -> T {
        try db.readOnly { try body(db) }
    }

    /// The row as it stands (copied: the statement is reused).
    private func row(_ table: AuditedTable, _ id: Int64) throws -> Row? {
        let statement = try db.cachedStatement(sql: "SELECT * FROM \(Self.quoted(table.name)) WHERE id = ?")
        return try Row.fetchOne(statement, arguments: [id])
    }

    private func log(table: AuditedTable, rowID: Int64, operation: LogEntry.Operation, changed: String?,
                     before: String?, after: String?, rowCount: Int64? = nil, rowDigests: [UInt8]? = nil) throws {
        if head == nil {
            let (seq, hex) = try LogEntry.head(db)
            head = (seq, hex.flatMap(LogEntry.bytes(hex:)) ?? LogEntry.genesis)
        }
        let (seq, previous) = head!
        let entry = LogEntry(seq: seq + 1, at: at, userName: identity.name, osLogin: identity.osLogin, tableName: table.name,
                             rowID: rowID, operation: operation, changedColumns: changed, beforeSHA256: before, afterSHA256: after,
                             rowCount: rowCount, rowDigests: rowDigests)
        let insert = try logInsert ?? LogInsert(db)
        logInsert = insert
        head = (entry.seq, try entry.append(afterBytes: previous, with: insert).bytes)
    }

    /// The last line of defence of `TextPolicy`: whatever path a value took (a loader, a
    /// command argument, a future import), text with NUL or terminal control characters is
    /// never written. Loaders check first, naming file, line and field; this names the
    /// column. Line feeds and tabs pass here (free text); single-line fields are held to
    /// the stricter rule where they are read.
    private static func checkText(_ values: [DatabaseValue], names: @autoclosure () -> [String], _ table: AuditedTable) throws {
        for (i, value) in values.enumerated() {
            guard case .string(let text) = value.storage, let problem = TextPolicy.problem(in: text, kind: .paragraph) else { continue }
            throw StoreError.refusedText(table: table.name, column: names()[i], problem: problem)
        }
    }

    /// Table and column names come from Assay's own code, never from input; quoting them
    /// keeps SQL keywords safe. (Plain concatenation: this runs for every row an import writes.)
    static func quoted(_ identifier: String) -> String {
        precondition(!identifier.utf8.contains(UInt8(ascii: "\"")), "identifier with a quote: \(identifier)")
        return "\"" + identifier + "\""
    }
}
