import Foundation
import GRDB

extension LogEntry {
    /// Format 2's insert (migration `v19-log-blocks` added `row_count` and `row_digests`).
    static let insertSQL = """
        INSERT INTO audit_log (seq, at, user_name, os_login, table_name, row_id, operation, changed_columns,
                               before_sha256, after_sha256, chain_sha256, row_count, row_digests)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """

    /// Format 1's insert, for the migrations that run before `v19-log-blocks` (v11 rebuilds the
    /// log; later ones append `migrate` entries): their log has no block columns yet.
    static let insertSQLFormat1 = """
        INSERT INTO audit_log (seq, at, user_name, os_login, table_name, row_id, operation, changed_columns,
                               before_sha256, after_sha256, chain_sha256)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """

    /// Whether this database's log can hold blocks (format 2's columns are there). Only a
    /// migration running before `v19-log-blocks` sees false.
    static func hasBlocks(_ db: Database) throws -> Bool {
        try db.columns(in: "audit_log").contains { $0.name == "row_count" }
    }

    /// Writes the entry chained after `previous` (64 hex digits, nil before the first entry)
    /// and returns its chain hash (the new head).
    func append(after previous: String?, with insert: LogInsert) throws -> String {
        try append(afterBytes: previous.flatMap(Self.bytes(hex:)) ?? Self.genesis, with: insert).hex
    }

    /// The same, chained after the previous hash's 32 bytes; returns the new head both ways.
    func append(afterBytes previous: [UInt8], with insert: LogInsert) throws -> (hex: String, bytes: [UInt8]) {
        let digest = chainDigest(after: previous)
        let hash = digest.hexString
        if insert.format2 {
            try insert.statement.execute(arguments: [
                seq, at, userName, osLogin, tableName, rowID, operation.rawValue,
                changedColumns, beforeSHA256, afterSHA256, hash, rowCount, rowDigests.map { Data($0) },
            ])
        } else {
            precondition(rowCount == nil, "a block written to a log without format 2's columns")
            try insert.statement.execute(arguments: [
                seq, at, userName, osLogin, tableName, rowID, operation.rawValue,
                changedColumns, beforeSHA256, afterSHA256, hash,
            ])
        }
        return (hash, digest)
    }

    /// The highest row id of `table` the log names (0 for none): the largest `row_id`, or the
    /// last row of a block that starts within a block's length below it (found through the
    /// `(table_name, row_id)` index, not a scan of the table's entries).
    static func highestRowID(in table: String, _ db: Database) throws -> Int64 {
        guard let largest = try Int64.fetchOne(db, sql: "SELECT max(row_id) FROM audit_log WHERE table_name = ?", arguments: [table]) else {
            return 0
        }
        guard try hasBlocks(db) else { return largest }
        return try Int64.fetchOne(db, sql: """
            SELECT max(row_id + coalesce(row_count, 1) - 1) FROM audit_log WHERE table_name = ? AND row_id >= ?
            """, arguments: [table, largest - Int64(LogBlock.maximumRows) + 1]) ?? largest
    }

    /// The log's last entry as (seq, chain hash); (0, nil) for an empty log.
    static func head(_ db: Database) throws -> (seq: Int64, hash: String?) {
        guard let row = try Row.fetchOne(db, sql: "SELECT seq, chain_sha256 FROM audit_log ORDER BY seq DESC LIMIT 1") else {
            return (0, nil)
        }
        return (row[0], row[1])
    }
}

/// The log's insert prepared once, in the format this database's log has.
struct LogInsert {
    let statement: Statement
    let format2: Bool

    init(_ db: Database) throws {
        format2 = try LogEntry.hasBlocks(db)
        statement = try db.makeStatement(sql: format2 ? LogEntry.insertSQL : LogEntry.insertSQLFormat1)
    }
}
