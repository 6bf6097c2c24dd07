import GRDB

/// The fixed byte spelling of named SQLite values that row digests and the log's hash chain
/// are computed over (docs/integrity.md, "Canonical bytes"). Written once so the two cannot
/// drift apart, and simple enough that an inspector's script can rebuild it.
///
/// For each (name, value): the name in UTF-8, length-prefixed; one type byte (0 NULL,
/// 1 INTEGER, 2 REAL, 3 TEXT, 4 BLOB); then the value — INTEGER as 8 bytes big-endian two's
/// complement, REAL as the 8 big-endian bytes of its IEEE-754 binary64, TEXT and BLOB
/// length-prefixed. Every length prefix is 8 bytes big-endian.
struct CanonicalBytes {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 256) { bytes.reserveCapacity(capacity) }

    mutating func append(_ name: String, _ value: DatabaseValue) {
        appendLength(name.utf8.count)
        bytes.append(contentsOf: name.utf8)
        switch value.storage {
        case .null:
            bytes.append(0)
        case .int64(let i):
            bytes.append(1)
            appendUInt64(UInt64(bitPattern: i))
        case .double(let d):
            bytes.append(2)
            appendUInt64(d.bitPattern)
        case .string(let s):
            bytes.append(3)
            appendLength(s.utf8.count)
            bytes.append(contentsOf: s.utf8)
        case .blob(let data):
            bytes.append(4)
            appendLength(data.count)
            bytes.append(contentsOf: data)
        }
    }

    mutating func append(_ name: String, _ value: String?) {
        append(name, value?.databaseValue ?? .null)
    }

    mutating func append(_ name: String, _ value: Int64) {
        append(name, value.databaseValue)
    }

    private mutating func appendLength(_ n: Int) { appendUInt64(UInt64(n)) }

    private mutating func appendUInt64(_ v: UInt64) {
        withUnsafeBytes(of: v.bigEndian) { bytes.append(contentsOf: $0) }
    }
}
