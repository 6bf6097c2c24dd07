import AssayCore
import Crypto
import Foundation
import GRDB

/// The SHA-256 of a stored row's values, as the audit log records it before and after a
/// change. The byte layout (docs/schema.md, "Row digests") is fixed so that any tool can
/// recompute it from the row as SQLite returns it:
///
/// for each column in declaration order: the column name as UTF-8, length-prefixed; one
/// type byte (0 NULL, 1 INTEGER, 2 REAL, 3 TEXT, 4 BLOB); then the value — INTEGER as 8
/// bytes big-endian two's complement, REAL as the 8 big-endian bytes of its IEEE-754
/// binary64, TEXT and BLOB length-prefixed. Every length prefix is 8 bytes big-endian.
public enum RowDigest {
    public static func sha256(of row: Row) -> String {
        var hasher = SHA256()
        append(row, to: &hasher)
        return hasher.finalize().hexString
    }

    /// Feeds a row's canonical bytes to `hasher` (for digests over many rows).
    public static func append(_ row: Row, to hasher: inout SHA256) {
        for (column, value) in row {
            appendLength(column.utf8.count, to: &hasher)
            hasher.update(data: Array(column.utf8))
            switch value.storage {
            case .null:
                hasher.update(data: [0])
            case .int64(let i):
                hasher.update(data: [1])
                appendUInt64(UInt64(bitPattern: i), to: &hasher)
            case .double(let d):
                hasher.update(data: [2])
                appendUInt64(d.bitPattern, to: &hasher)
            case .string(let s):
                hasher.update(data: [3])
                appendLength(s.utf8.count, to: &hasher)
                hasher.update(data: Array(s.utf8))
            case .blob(let data):
                hasher.update(data: [4])
                appendLength(data.count, to: &hasher)
                hasher.update(data: data)
            }
        }
    }

    private static func appendLength(_ n: Int, to hasher: inout SHA256) {
        appendUInt64(UInt64(n), to: &hasher)
    }

    private static func appendUInt64(_ v: UInt64, to hasher: inout SHA256) {
        withUnsafeBytes(of: v.bigEndian) { hasher.update(bufferPointer: $0) }
    }
}
