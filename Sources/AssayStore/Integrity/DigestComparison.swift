import GRDB

/// One audited row whose current values and last logged digest disagree.
public struct DigestMismatch: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// The row is there but the log never recorded it (or recorded its deletion).
        case notInLog
        /// The log's last entry for the row has other values than the row now holds.
        case changed
        /// The log says the row exists but it is gone.
        case missing
    }
    public let table: String
    public let rowID: Int64
    public let kind: Kind
    public let logged: String?
    public let current: String?
    /// The row's last log entry, if any.
    public let loggedSeq: Int64?

    /// How a person reads it.
    public var explanation: String {
        switch kind {
        case .notInLog:
            "\(table) row \(rowID) is not in the audit log: it was inserted (or restored) outside Assay"
        case .changed:
            "\(table) row \(rowID) no longer matches its last logged values (log entry \(loggedSeq ?? 0)): it was changed outside Assay"
        case .missing:
            "\(table) row \(rowID) is gone, but the log's last entry for it (\(loggedSeq ?? 0)) is not a deletion: it was deleted outside Assay"
        }
    }
}

/// Compares every row of one audited table with the digest the audit log last recorded for
/// it. Both sides are read in row-id order and merged, so memory stays flat however large
/// the table (a million frame cases).
enum DigestComparison {
    /// One row (nil: not in the table) against its last logged digest (nil: never logged,
    /// or its last entry is a delete) and that entry's `seq` (nil: never logged).
    static func compare(table: String, rowID: Int64, row: Row?, logged: String?, seq: Int64?) -> DigestMismatch? {
        guard let row else {
            return logged.map { DigestMismatch(table: table, rowID: rowID, kind: .missing, logged: $0, current: nil, loggedSeq: seq) }
        }
        let digest = RowDigest.sha256(of: row)
        guard let logged else {
            return DigestMismatch(table: table, rowID: rowID, kind: .notInLog, logged: nil, current: digest, loggedSeq: seq)
        }
        return logged == digest ? nil : DigestMismatch(table: table, rowID: rowID, kind: .changed, logged: logged, current: digest, loggedSeq: seq)
    }

    static func mismatches(in table: String, _ db: Database, limit: Int = .max) throws -> [DigestMismatch] {
        // The last entry of each row: its digest after the change (nil after a delete).
        var logged = try LoggedDigests(table: table, db)
        let current = try Row.fetchCursor(db, sql: "SELECT * FROM \"\(table)\" ORDER BY id")
        var found: [DigestMismatch] = []
        var entry = try logged.next().map { (id: $0.rowID, digest: $0.digest, seq: $0.seq) }
        var row = try current.next()
        while found.count < limit, entry != nil || row != nil {
            let rowID: Int64? = row?["id"]
            let logID: Int64? = entry?.id
            if let logID, rowID == nil || logID < rowID! {
                // Logged but not in the table: fine when its last entry was its deletion.
                if let digest = entry!.digest {
                    found.append(DigestMismatch(table: table, rowID: logID, kind: .missing, logged: digest, current: nil, loggedSeq: entry!.seq))
                }
                entry = try logged.next().map { ($0.rowID, $0.digest, $0.seq) }
            } else if let rowID, logID == nil || rowID < logID! {
                found.append(DigestMismatch(table: table, rowID: rowID, kind: .notInLog, logged: nil, current: RowDigest.sha256(of: row!), loggedSeq: nil))
                row = try current.next()
            } else if let rowID {
                // The same row on both sides.
                let digest = RowDigest.sha256(of: row!)
                if entry!.digest == nil {
                    found.append(DigestMismatch(table: table, rowID: rowID, kind: .notInLog, logged: nil, current: digest, loggedSeq: entry!.seq))
                } else if entry!.digest != digest {
                    found.append(DigestMismatch(table: table, rowID: rowID, kind: .changed, logged: entry!.digest, current: digest, loggedSeq: entry!.seq))
                }
                entry = try logged.next().map { ($0.rowID, $0.digest, $0.seq) }
                row = try current.next()
            }
        }
        return found
    }
}
