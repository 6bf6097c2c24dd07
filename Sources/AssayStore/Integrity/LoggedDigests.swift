import GRDB

/// Each row's last logged digest in one audited table, in row-id order: what `verify`
/// compares the table with (`DigestComparison`).
///
/// A row's last entry is either a plain entry naming it (format 1, and every update,
/// redaction, migration and deletion) or a block that inserted it (format 2, `LogBlock`);
/// whichever came later (the higher `seq`) wins. Both kinds are read in row-id order and
/// merged as they come, so memory stays flat however large the table: the plain entries one
/// per row (the last of each), the blocks by first id, each block's rows taken in turn while
/// the merge passes through its ids. Blocks of one table overlap only where SQLite reused the
/// id of a deleted last row; the merge keeps every block that covers the current id.
struct LoggedDigests {
    struct Logged {
        let rowID: Int64
        /// nil: the last entry is a deletion.
        let digest: String?
        let seq: Int64
    }

    private let singles: RowCursor
    private let blocks: RowCursor?
    private var nextSingle: Logged?
    private var nextBlock: LogEntry?
    /// Blocks that cover ids from `position` on, with the next id each will give.
    private var open: [(block: LogEntry, next: Int64)] = []

    init(table: String, _ db: Database) throws {
        if try LogEntry.hasBlocks(db) {
            singles = try Row.fetchCursor(db, sql: """
                SELECT row_id, after_sha256, seq FROM audit_log
                WHERE seq IN (SELECT max(seq) FROM audit_log WHERE table_name = ? AND row_count IS NULL GROUP BY row_id)
                ORDER BY row_id
                """, arguments: [table])
            blocks = try Row.fetchCursor(db, sql: """
                SELECT \(LogEntry.orderedColumns) FROM audit_log
                WHERE table_name = ? AND row_count IS NOT NULL ORDER BY row_id, seq
                """, arguments: [table])
        } else {
            // A migration before v19-log-blocks: format 1 only.
            singles = try Row.fetchCursor(db, sql: """
                SELECT row_id, after_sha256, seq FROM audit_log
                WHERE seq IN (SELECT max(seq) FROM audit_log WHERE table_name = ? GROUP BY row_id)
                ORDER BY row_id
                """, arguments: [table])
            blocks = nil
        }
        nextSingle = try singles.next().map(Self.logged)
        nextBlock = try blocks?.next().map(LogEntry.init(orderedRow:))
    }

    private static func logged(_ row: Row) -> Logged {
        Logged(rowID: row[0], digest: row[1], seq: row[2])
    }

    /// The next row the log names, with its last digest; nil when none is left.
    mutating func next() throws -> Logged? {
        // The lowest id any of them names next (no array a row: this runs for every row).
        var lowest = nextSingle?.rowID
        if let first = nextBlock?.rowID { lowest = min(lowest ?? first, first) }
        for block in open { lowest = min(lowest ?? block.next, block.next) }
        guard let id = lowest else { return nil }
        var best: Logged?
        func consider(_ logged: Logged) {
            if best == nil || logged.seq > best!.seq { best = logged }
        }
        if let single = nextSingle, single.rowID == id {
            consider(single)
            nextSingle = try singles.next().map(Self.logged)
        }
        while let block = nextBlock, block.rowID == id {
            open.append((block, id))
            nextBlock = try blocks?.next().map(LogEntry.init(orderedRow:))
        }
        for index in open.indices where open[index].next == id {
            let block = open[index].block
            consider(Logged(rowID: id, digest: block.digest(ofRow: id), seq: block.seq))
            open[index].next += 1
        }
        open.removeAll { $0.next > $0.block.lastRowID }
        return best
    }
}
