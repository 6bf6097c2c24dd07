import AssayCore
import Crypto
import Foundation
import GRDB

/// The SHA-256 of a stored row's values, as the audit log records it before and after a
/// change: the row's columns in declaration order (as `SELECT *` returns them) spelled as
/// `CanonicalBytes` (docs/integrity.md, "Row digests"), so any tool can recompute it from
/// the row as SQLite returns it.
public enum RowDigest {
    public static func sha256(of row: Row) -> String {
        raw(of: row).hexString
    }

    /// The digest of a row given as its (column, value) pairs in declaration order.
    static func sha256(of row: [(String, DatabaseValue)]) -> String {
        var bytes = CanonicalBytes()
        for (column, value) in row { bytes.append(column, value) }
        return sha256(of: bytes)
    }

    /// The digest of a row already spelled as canonical bytes.
    static func sha256(of bytes: CanonicalBytes) -> String {
        raw(of: bytes).hexString
    }

    /// The same digest as its 32 bytes, as a block of the log keeps it (`LogBlock`):
    /// `AuditedWriter` spells the values it has just bound, instead of reading the row back.
    static func raw(of bytes: CanonicalBytes) -> [UInt8] {
        Array(SHA256.hash(data: bytes.bytes))
    }

    /// A stored row's digest as its 32 bytes.
    static func raw(of row: Row) -> [UInt8] {
        var hasher = SHA256()
        append(row, to: &hasher)
        return Array(hasher.finalize())
    }

    /// Feeds a row's canonical bytes to `hasher` (for digests over many rows).
    public static func append(_ row: Row, to hasher: inout SHA256) {
        // One buffer per row and one hasher update: this runs for every row an import writes.
        var bytes = CanonicalBytes()
        for (column, value) in row { bytes.append(column, value) }
        hasher.update(data: bytes.bytes)
    }
}
