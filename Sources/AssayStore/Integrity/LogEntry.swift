import AssayCore
import Crypto
import Foundation
import GRDB

/// One row of `audit_log`: one inserted, updated, redacted or deleted row of an audited table.
///
/// Its chain hash is SHA-256 over the previous entry's chain hash (32 raw bytes; 32 zero bytes
/// before the first entry) followed by the entry's canonical content (`CanonicalBytes` of the
/// fields below, in this order). The content holds digests of the changed row's values, never
/// the values, so a value can later be corrected or erased (a redaction) without breaking the
/// chain. docs/integrity.md gives the byte layout and a worked example.
public struct LogEntry: Sendable, Equatable {
    public enum Operation: String, Sendable, CaseIterable {
        case insert, update, delete
        /// An update that blanks text to erase or correct personal data (`redact`).
        case redact
        /// A schema migration changed the row's shape (a new column); the row's digest is
        /// re-baselined to what the migration left.
        case migrate
    }

    public var seq: Int64
    public var at: String
    public var userName: String
    public var osLogin: String
    public var tableName: String
    public var rowID: Int64
    public var operation: Operation
    /// For an update, redaction or migration: the names of the columns whose values changed,
    /// comma-separated, in declaration order. The names, never the values.
    public var changedColumns: String?
    public var beforeSHA256: String?
    /// The row's digest after the change; for a block (`rowCount` set), the root of the hash
    /// tree over its rows' digests (`LogBlock`).
    public var afterSHA256: String?
    /// Log format 2 (`LogBlock`): set on a block, the number of consecutive rows from
    /// `rowID` it inserted; nil on every other entry, which is then exactly a format 1 entry.
    public var rowCount: Int64? = nil
    /// A block's rows' 32-byte digests in id order (`32 × rowCount` bytes); nil otherwise.
    public var rowDigests: [UInt8]? = nil

    /// The last row id the entry names (`rowID` but for a block).
    public var lastRowID: Int64 { rowID + (rowCount ?? 1) - 1 }

    /// The digest the entry gives row `id` after it (nil after a delete, or for a row it does
    /// not name): `afterSHA256`, or for a block the row's own leaf.
    public func digest(ofRow id: Int64) -> String? {
        guard id >= rowID, id <= lastRowID else { return nil }
        guard rowCount != nil, let rowDigests, rowDigests.count == Int(lastRowID - rowID + 1) * 32 else {
            return rowCount == nil ? afterSHA256 : nil
        }
        return LogBlock.digest(Int(id - rowID), in: rowDigests)
    }

    /// What is wrong with a block's own parts, worded for `verify`; nil when the entry is not
    /// a block or its digests hash to its root.
    public var blockProblem: String? {
        guard let rowCount else { return rowDigests == nil ? nil : "it carries row digests but no row count" }
        guard operation == .insert, rowCount >= 2, rowCount <= LogBlock.maximumRows else {
            return "a block must insert 2 to \(LogBlock.maximumRows) rows"
        }
        guard let rowDigests, rowDigests.count == Int(rowCount) * 32 else {
            return "its row digests are not 32 bytes for each of its \(rowCount) rows: they were altered"
        }
        guard LogBlock.root(of: rowDigests).hexString == afterSHA256 else {
            return "its row digests do not hash to the root it was chained with: they were altered"
        }
        return nil
    }

    /// The hash a chain whose previous head is `previous` (64 hex digits, or nil before the
    /// first entry) gives this entry.
    public func chainHash(after previous: String?) -> String {
        chainDigest(after: previous.flatMap(Self.bytes(hex:)) ?? Self.genesis).hexString
    }

    /// The chain hash as 32 bytes, after the previous entry's 32 bytes (the writer keeps the
    /// head so, rather than parse its hex again for every entry).
    func chainDigest(after previous: [UInt8]) -> [UInt8] {
        var content = CanonicalBytes()
        content.append("seq", seq)
        content.append("at", at)
        content.append("user_name", userName)
        content.append("os_login", osLogin)
        content.append("table_name", tableName)
        content.append("row_id", rowID)
        content.append("operation", operation.rawValue)
        content.append("changed_columns", changedColumns)
        content.append("before_sha256", beforeSHA256)
        content.append("after_sha256", afterSHA256)
        // Format 2: a block's row count follows; the digests are covered by the root above.
        if let rowCount { content.append("row_count", rowCount) }
        var hasher = SHA256()
        hasher.update(data: previous)
        hasher.update(data: content.bytes)
        return Array(hasher.finalize())
    }

    /// The 32 zero bytes the first entry is chained to.
    static let genesis = [UInt8](repeating: 0, count: 32)

    static func bytes(hex: String) -> [UInt8]? {
        let digits = Array(hex.utf8)
        guard digits.count == 64 else { return nil }
        var out = [UInt8]()
        out.reserveCapacity(32)
        var i = 0
        while i < 64 {
            guard let high = nibble(digits[i]), let low = nibble(digits[i + 1]) else { return nil }
            out.append(high << 4 | low)
            i += 2
        }
        return out
    }

    private static func nibble(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
        default: nil
        }
    }
}

extension LogEntry: FetchableRecord {
    /// The log's columns in the order `init(orderedRow:)` reads them, the chain hash last.
    static let orderedColumns = """
        seq, at, user_name, os_login, table_name, row_id, operation, changed_columns, before_sha256, after_sha256, chain_sha256, \
        row_count, row_digests
        """

    /// The columns every version of the log has had since v11 (format 1), for comparing logs
    /// across an upgrade that added columns.
    static let format1Columns = "seq, at, user_name, os_login, table_name, row_id, operation, changed_columns, before_sha256, after_sha256, chain_sha256"

    /// An entry from a row of `SELECT \(orderedColumns)`, read by position rather than by
    /// name (`verify` reads every entry of the log).
    init(orderedRow row: Row) throws {
        seq = row[0]
        at = row[1]
        userName = row[2]
        osLogin = row[3]
        tableName = row[4]
        rowID = row[5]
        let name: String = row[6]
        guard let operation = Operation(rawValue: name) else {
            throw StoreError.unknownLogOperation(seq: seq, name: name)
        }
        self.operation = operation
        changedColumns = row[7]
        beforeSHA256 = row[8]
        afterSHA256 = row[9]
        if row.count > 12 {
            rowCount = row[11]
            rowDigests = (row[12] as Data?).map(Array.init)
        }
    }

    public init(row: Row) throws {
        seq = row["seq"]
        at = row["at"]
        userName = row["user_name"]
        osLogin = row["os_login"]
        tableName = row["table_name"]
        rowID = row["row_id"]
        let name: String = row["operation"]
        guard let operation = Operation(rawValue: name) else {
            throw StoreError.unknownLogOperation(seq: seq, name: name)
        }
        self.operation = operation
        changedColumns = row["changed_columns"]
        beforeSHA256 = row["before_sha256"]
        afterSHA256 = row["after_sha256"]
        rowCount = row["row_count"]
        rowDigests = (row["row_digests"] as Data?).map(Array.init)
    }
}
