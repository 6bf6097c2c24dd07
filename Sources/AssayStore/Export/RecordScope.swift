import AssayCore
import GRDB

/// The rows an evidence pack carries: the frames its draws were made from and their cases,
/// every draw (earlier months' draws decide the exclusions), the months' audits with
/// everything hanging off them, and the templates and people they name. One list, used both
/// to copy the rows and to find where the log segment that vouches for them must start.
struct RecordScope {
    let frameIDs: [Int64]
    let months: [String]

    /// (table, WHERE clause, arguments) for each table copied.
    var tables: [(String, String, StatementArguments)] {
        let inMonths = "month IN (\(Self.marks(months.count)))"
        let monthArguments = StatementArguments(months)
        let audits = "audit_id IN (SELECT id FROM audit WHERE \(inMonths))"
        let moderations = "moderation_id IN (SELECT id FROM moderation WHERE \(audits))"
        let frames = StatementArguments(frameIDs)
        return [
            ("people", "1", []), ("template", "1", []),
            ("frame", "id IN (\(Self.marks(frameIDs.count)))", frames), ("frame_case", "frame_id IN (\(Self.marks(frameIDs.count)))", frames),
            ("draw", "1", []), ("draw_stratum", "1", []), ("draw_exclusion", "1", []), ("draw_case", "1", []), ("draw_reaudit", "1", []),
            ("audit", inMonths, monthArguments),
            ("audit_answer", audits, monthArguments), ("audit_section_grade", audits, monthArguments), ("audit_action", audits, monthArguments),
            ("audit_amendment", audits, monthArguments), ("escalation", audits, monthArguments), ("challenge", audits, monthArguments),
            ("moderation", audits, monthArguments), ("moderation_answer", moderations, monthArguments),
            ("moderation_section_grade", moderations, monthArguments), ("redaction", audits, monthArguments),
        ]
    }

    /// `?,?,…` for an IN list of `count` values (`NULL` for none, which matches nothing).
    static func marks(_ count: Int) -> String {
        count == 0 ? "NULL" : Array(repeating: "?", count: count).joined(separator: ",")
    }

    /// The earliest of the last log entries of every copied row: from there to the head,
    /// the log vouches for each of them.
    func segmentStart(_ db: Database) throws -> Int64 {
        var start = Int64.max
        for (table, condition, arguments) in tables {
            // A row's entries: plain ones naming it, and blocks (log format 2) covering it,
            // which start at most a block's length below it.
            let last = try Int64.fetchOne(db, sql: """
                SELECT min(last) FROM (SELECT max(l.seq) AS last FROM "\(table)" t JOIN audit_log l
                    ON l.table_name = ? AND l.row_id BETWEEN t.id - \(LogBlock.maximumRows - 1) AND t.id
                    AND l.row_id + coalesce(l.row_count, 1) > t.id
                WHERE \(condition) GROUP BY t.id)
                """, arguments: [table] + arguments)
            if let last { start = min(start, last) }
        }
        return start == .max ? 1 : start
    }

    /// Copies the rows, with their tables' own definitions (so `SELECT *` and the row digests
    /// come out as in Assay's database), into a new private SQLite file.
    func writeRecords(_ source: Database, to path: String) throws {
        guard DatabaseFile.createPrivate(path) else {
            throw StoreError.cannotCreate(path: path)
        }
        var config = Configuration()
        config.foreignKeysEnabled = false  // the pack holds a subset: some references point outside it
        let destination = try DatabaseQueue(path: path, configuration: config)
        try destination.write { db in
            for (table, condition, arguments) in tables {
                guard let create = try String.fetchOne(source, sql: "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", arguments: [table]) else { continue }
                try db.execute(sql: create)
                let rows = try Row.fetchCursor(source, sql: "SELECT * FROM \"\(table)\" WHERE \(condition) ORDER BY id", arguments: arguments)
                var insert: Statement?
                while let row = try rows.next() {
                    if insert == nil {
                        let marks = Array(repeating: "?", count: row.count).joined(separator: ",")
                        insert = try db.makeStatement(sql: "INSERT INTO \"\(table)\" VALUES (\(marks))")
                    }
                    try insert!.execute(arguments: StatementArguments(row.databaseValues))
                }
            }
        }
        try destination.close()
    }
}
