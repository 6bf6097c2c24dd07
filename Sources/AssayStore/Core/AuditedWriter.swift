import AssayCore
import Foundation
import GRDB

/// The one way to change Assay's records.
///
/// Every insert, update and delete goes through these three methods, and each appends a row
/// to `audit_log` in the same transaction: when, who (declared name and OS login), which
/// table and row, the operation, and the SHA-256 of the row's values before and after
/// (`RowDigest`). There is no public initializer and no access to the raw connection, so a
/// write that skips the log cannot be expressed through the store's API; reads inside the
/// transaction go through `query`, which SQLite itself holds to read-only.
public final class AuditedWriter {
    private let db: Database
    private let identity: Identity
    /// One timestamp for the whole transaction: its changes happened together.
    private let at: String

    init(db: Database, identity: Identity, at: Date) {
        self.db = db
        self.identity = identity
        self.at = Timestamp.iso8601(at)
    }

    /// The user this transaction is written for.
    public var user: Identity { identity }

    /// Inserts a row and returns its id.
    @discardableResult
    public func insert(into table: AuditedTable, _ values: [(String, (any DatabaseValueConvertible)?)]) throws -> Int64 {
        let columns = values.map { Self.quoted($0.0) }.joined(separator: ", ")
        let marks = Array(repeating: "?", count: values.count).joined(separator: ", ")
        let statement = try db.cachedStatement(sql: "INSERT INTO \(Self.quoted(table.name)) (\(columns)) VALUES (\(marks))")
        try statement.execute(arguments: StatementArguments(values.map { $0.1 } as [(any DatabaseValueConvertible)?]))
        let id = db.lastInsertedRowID
        try log(table: table, rowID: id, operation: "insert", before: nil, after: try digest(table, id))
        return id
    }

    /// Updates the named columns of one row.
    public func update(_ table: AuditedTable, id: Int64, set values: [(String, (any DatabaseValueConvertible)?)]) throws {
        guard let before = try digest(table, id) else {
            throw AssayFailure("No row \(id) in \(table.name) to update.")
        }
        let assignments = values.map { "\(Self.quoted($0.0)) = ?" }.joined(separator: ", ")
        let statement = try db.cachedStatement(sql: "UPDATE \(Self.quoted(table.name)) SET \(assignments) WHERE id = ?")
        try statement.execute(arguments: StatementArguments(values.map { $0.1 } + [id] as [(any DatabaseValueConvertible)?]))
        try log(table: table, rowID: id, operation: "update", before: before, after: try digest(table, id))
    }

    /// Deletes one row.
    public func delete(from table: AuditedTable, id: Int64) throws {
        guard let before = try digest(table, id) else {
            throw AssayFailure("No row \(id) in \(table.name) to delete.")
        }
        try db.cachedStatement(sql: "DELETE FROM \(Self.quoted(table.name)) WHERE id = ?").execute(arguments: [id])
        try log(table: table, rowID: id, operation: "delete", before: before, after: nil)
    }

    /// Reads inside the write transaction (sees its own changes). SQLite refuses writes here.
    public func query<T>(_ body: (Database) throws -> T) throws -> T {
        try db.readOnly { try body(db) }
    }

    private func digest(_ table: AuditedTable, _ id: Int64) throws -> String? {
        let statement = try db.cachedStatement(sql: "SELECT * FROM \(Self.quoted(table.name)) WHERE id = ?")
        return try Row.fetchOne(statement, arguments: [id]).map(RowDigest.sha256(of:))
    }

    private func log(table: AuditedTable, rowID: Int64, operation: String, before: String?, after: String?) throws {
        let statement = try db.cachedStatement(sql: """
            INSERT INTO audit_log (at, user_name, os_login, table_name, row_id, operation, before_sha256, after_sha256)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        try statement.execute(arguments: [at, identity.name, identity.osLogin, table.name, rowID, operation, before, after])
    }

    /// Table and column names come from Assay's own code, never from input; quoting them
    /// keeps SQL keywords safe. (Plain concatenation: this runs for every row an import writes.)
    private static func quoted(_ identifier: String) -> String {
        precondition(!identifier.utf8.contains(UInt8(ascii: "\"")), "identifier with a quote: \(identifier)")
        return "\"" + identifier + "\""
    }
}
