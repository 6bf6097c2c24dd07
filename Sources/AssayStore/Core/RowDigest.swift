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
        // One buffer per row and one hasher update: this runs for every row an import writes.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(256)
        for (column, value) in row {
            appendLength(column.utf8.count, to: &bytes)
            bytes.append(contentsOf: column.utf8)
            switch value.storage {
            case .null:
                bytes.append(0)
            case .int64(let i):
                bytes.append(1)
                appendUInt64(UInt64(bitPattern: i), to: &bytes)
            case .double(let d):
                bytes.append(2)
                appendUInt64(d.bitPattern, to: &bytes)
            case .string(let s):
                bytes.append(3)
                appendLength(s.utf8.count, to: &bytes)
                bytes.append(contentsOf: s.utf8)
            case .blob(let data):
                bytes.append(4)
                appendLength(data.count, to: &bytes)
                bytes.append(contentsOf: data)
            }
        }
        hasher.update(data: bytes)
    }

    private static func appendLength(_ n: Int, to bytes: inout [UInt8]) {
        appendUInt64(UInt64(n), to: &bytes)
    }

    private static func appendUInt64(_ v: UInt64, to bytes: inout [UInt8]) {
        for shift in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: v >> UInt64(shift))) }
    }
}
