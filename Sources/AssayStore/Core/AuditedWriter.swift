import AssayCore
import Foundation
import GRDB

/// The one way to change Assay's records.
///
/// Every insert, update, redaction and delete goes through these methods, and each appends
/// an entry to `audit_log` in the same transaction: when, who (declared name and OS login),
/// which table and row, the operation, the names of the columns an update changed, the
/// SHA-256 of the row's values before and after (`RowDigest`), and the entry's chain hash
/// over the previous entry's (`LogEntry`, docs/integrity.md). Transactions are IMMEDIATE, so
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
    private var head: (seq: Int64, hash: String?)?

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

    /// Inserts a row and returns its id.
    @discardableResult
    public func insert(into table: AuditedTable, _ values: [(String, (any DatabaseValueConvertible)?)]) throws -> Int64 {
        try Self.checkText(values, table)
        let columns = values.map { Self.quoted($0.0) }.joined(separator: ", ")
        let marks = Array(repeating: "?", count: values.count).joined(separator: ", ")
        let statement = try db.cachedStatement(sql: "INSERT INTO \(Self.quoted(table.name)) (\(columns)) VALUES (\(marks))")
        try statement.execute(arguments: StatementArguments(values.map { $0.1 } as [(any DatabaseValueConvertible)?]))
        let id = db.lastInsertedRowID
        try log(table: table, rowID: id, operation: .insert, changed: nil, before: nil, after: try row(table, id).map(RowDigest.sha256(of:)))
        return id
    }

    /// Updates the named columns of one row.
    public func update(_ table: AuditedTable, id: Int64, set values: [(String, (any DatabaseValueConvertible)?)]) throws {
        try change(table, id: id, set: values, as: .update)
    }

    /// Blanks or corrects text to erase personal data. Logged as a `redact` entry, which
    /// `verify` reports as a redaction rather than tampering; the caller records why.
    public func redact(_ table: AuditedTable, id: Int64, set values: [(String, (any DatabaseValueConvertible)?)]) throws {
        try change(table, id: id, set: values, as: .redact)
    }

    private func change(_ table: AuditedTable, id: Int64, set values: [(String, (any DatabaseValueConvertible)?)],
                        as operation: LogEntry.Operation) throws {
        try Self.checkText(values, table)
        guard let before = try row(table, id) else {
            throw AssayFailure("No row \(id) in \(table.name) to update.")
        }
        let assignments = values.map { "\(Self.quoted($0.0)) = ?" }.joined(separator: ", ")
        let statement = try db.cachedStatement(sql: "UPDATE \(Self.quoted(table.name)) SET \(assignments) WHERE id = ?")
        try statement.execute(arguments: StatementArguments(values.map { $0.1 } + [id] as [(any DatabaseValueConvertible)?]))
        let after = try row(table, id)!
        let changed = after.columnNames.filter { before[$0] as DatabaseValue != after[$0] as DatabaseValue }
        try log(table: table, rowID: id, operation: operation, changed: changed.joined(separator: ","),
                before: RowDigest.sha256(of: before), after: RowDigest.sha256(of: after))
    }

    /// Deletes one row.
    public func delete(from table: AuditedTable, id: Int64) throws {
        guard let before = try row(table, id).map(RowDigest.sha256(of:)) else {
            throw AssayFailure("No row \(id) in \(table.name) to delete.")
        }
        try db.cachedStatement(sql: "DELETE FROM \(Self.quoted(table.name)) WHERE id = ?").execute(arguments: [id])
        try log(table: table, rowID: id, operation: .delete, changed: nil, before: before, after: nil)
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
                     before: String?, after: String?) throws {
        let (seq, previous) = try head ?? LogEntry.head(db)
        let entry = LogEntry(seq: seq + 1, at: at, userName: identity.name, osLogin: identity.osLogin, tableName: table.name,
                             rowID: rowID, operation: operation, changedColumns: changed, beforeSHA256: before, afterSHA256: after)
        let hash = try entry.append(after: previous, with: try db.cachedStatement(sql: LogEntry.insertSQL))
        head = (entry.seq, hash)
    }

    /// The last line of defence of `TextPolicy`: whatever path a value took (a loader, a
    /// command argument, a future import), text with NUL or terminal control characters is
    /// never written. Loaders check first, naming file, line and field; this names the
    /// column. Line feeds and tabs pass here (free text); single-line fields are held to
    /// the stricter rule where they are read.
    private static func checkText(_ values: [(String, (any DatabaseValueConvertible)?)], _ table: AuditedTable) throws {
        for (column, value) in values {
            guard let text = value as? String, let problem = TextPolicy.problem(in: text, kind: .paragraph) else { continue }
            throw AssayFailure("Refused: the \(column) of a \(table.name) row \(problem). Nothing was written.")
        }
    }

    /// Table and column names come from Assay's own code, never from input; quoting them
    /// keeps SQL keywords safe. (Plain concatenation: this runs for every row an import writes.)
    private static func quoted(_ identifier: String) -> String {
        precondition(!identifier.utf8.contains(UInt8(ascii: "\"")), "identifier with a quote: \(identifier)")
        return "\"" + identifier + "\""
    }
}
