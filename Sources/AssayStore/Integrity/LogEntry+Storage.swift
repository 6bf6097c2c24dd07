import GRDB

extension LogEntry {
    static let insertSQL = """
        INSERT INTO audit_log (seq, at, user_name, os_login, table_name, row_id, operation, changed_columns,
                               before_sha256, after_sha256, chain_sha256)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """

    /// Writes the entry chained after `previous` with a prepared `insertSQL` statement, and
    /// returns its chain hash (the new head).
    func append(after previous: String?, with statement: Statement) throws -> String {
        try append(afterBytes: previous.flatMap(Self.bytes(hex:)) ?? Self.genesis, with: statement).hex
    }

    /// The same, chained after the previous hash's 32 bytes; returns the new head both ways.
    func append(afterBytes previous: [UInt8], with statement: Statement) throws -> (hex: String, bytes: [UInt8]) {
        let digest = chainDigest(after: previous)
        let hash = digest.hexString
        try statement.execute(arguments: [
            seq, at, userName, osLogin, tableName, rowID, operation.rawValue,
            changedColumns, beforeSHA256, afterSHA256, hash,
        ])
        return (hash, digest)
    }

    /// The log's last entry as (seq, chain hash); (0, nil) for an empty log.
    static func head(_ db: Database) throws -> (seq: Int64, hash: String?) {
        guard let row = try Row.fetchOne(db, sql: "SELECT seq, chain_sha256 FROM audit_log ORDER BY seq DESC LIMIT 1") else {
            return (0, nil)
        }
        return (row[0], row[1])
    }
}
