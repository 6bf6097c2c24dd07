import AssayCore
import Foundation
import GRDB

/// A month's evidence pack for inspectors (docs/integrity.md, "Evidence packs"): enough to
/// re-derive the draw with `Scripts/reproduce-draw` and check the audit log with
/// `Scripts/verify-log`, without Assay and without the live database.
///
/// Everything is read in one read transaction, so the files agree with each other and with
/// the chain head they carry, however many auditors are writing meanwhile.
public struct EvidencePack {
    public let month: Month
    public let drawID: Int64
    /// `draw verify`'s result, worked out by the caller (sampling lives above the store).
    public let drawVerification: String

    public init(month: Month, drawID: Int64, drawVerification: String) {
        self.month = month
        self.drawID = drawID
        self.drawVerification = drawVerification
    }

    /// What was written.
    public struct Summary: Sendable {
        public let files: [String]
        public let frameCases: Int
        public let audits: Int
        public let logEntries: Int
        public let segmentStart: Int64
        public let head: ChainHead
    }

    public func write(from store: Store, to directory: String) throws -> Summary {
        try store.require([.lead], to: "export evidence packs")
        try PrivateFile.makeDirectory(directory)
        let integrity = try store.verify()
        return try store.read { db in
            guard let frameID = try Int64.fetchOne(db, sql: "SELECT frame_id FROM draw WHERE id = ?", arguments: [drawID]) else {
                throw AssayFailure.notFound("No draw \(drawID).")
            }
            let scope = RecordScope(frameID: frameID, month: month.description)
            let path = { (name: String) in directory + "/" + name }
            let start = try scope.segmentStart(db)
            let head = try LogEntry.head(db)
            guard let headHash = head.hash else { throw AssayFailure("The audit log is empty.") }
            let chainHead = ChainHead(seq: head.seq, hash: headHash)

            try scope.writeRecords(db, to: path("records.db"))
            let frameCases = try writeCSV(db, to: path("frame.csv"), sql: """
                SELECT case_id, team, locality, service, worker, opened, source_line FROM frame_case WHERE frame_id = ? ORDER BY id
                """, arguments: [frameID])
            try PrivateFile.write(try drawRecord(db), to: path("draw.json"))
            try PrivateFile.write(drawVerification, to: path("draw-verification.txt"))
            let audits = try writeCSV(db, to: path("audits.csv"), sql: """
                SELECT a.id AS audit_id, a.case_id, a.month, a.team, a.locality, a.service, a.draw_id, a.unsampled, a.reaudit,
                       a.template_id, a.template_version, a.auditor, a.status, a.suggested_overall, a.overall AS auditor_overall,
                       m.agreed_overall AS moderated_overall, coalesce(m.agreed_overall, a.overall) AS official_overall,
                       a.overall_reason, a.submitted_at
                FROM audit a LEFT JOIN moderation m ON m.audit_id = a.id WHERE a.month = ? ORDER BY a.id
                """, arguments: [month.description])
            _ = try writeCSV(db, to: path("answers.csv"), sql: """
                SELECT w.audit_id, a.case_id, w.question_id, w.value, w.grade, w.skipped, w.evidence, w.reason, w.answered_at, w.answered_by
                FROM audit_answer w JOIN audit a ON a.id = w.audit_id WHERE a.month = ? ORDER BY w.audit_id, w.id
                """, arguments: [month.description])
            let entries = try writeLogSegment(db, from: start, to: path("audit-log.jsonl"))
            let previous = try String.fetchOne(db, sql: "SELECT chain_sha256 FROM audit_log WHERE seq = ?", arguments: [start - 1])
            try PrivateFile.write(try json([
                "first_seq": start, "previous_hash": previous ?? String(repeating: "0", count: 64),
                "head": ["seq": chainHead.seq, "hash": chainHead.hash], "entries": entries,
            ]) + "\n", to: path("log-segment.json"))
            try PrivateFile.write(integrity.text, to: path("verification.txt"))
            try PrivateFile.write("\(chainHead)\n", to: path("chain-head.txt"))
            try PrivateFile.write(readme(head: chainHead, start: start), to: path("README.txt"))
            // The directory was new or empty, so what it holds now is what was written.
            let files = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
            return Summary(files: files, frameCases: frameCases, audits: audits, logEntries: entries, segmentStart: start, head: chainHead)
        }
    }

    private func drawRecord(_ db: Database) throws -> String {
        var record = try Self.objects(db, sql: "SELECT * FROM draw WHERE id = ?", arguments: [drawID]).first ?? [:]
        record["frame"] = try Self.objects(db, sql: "SELECT * FROM frame WHERE id = ?", arguments: [record["frame_id"] as? Int64 ?? 0]).first
        record["strata"] = try Self.objects(db, sql: "SELECT * FROM draw_stratum WHERE draw_id = ? ORDER BY position", arguments: [drawID])
        record["exclusions"] = try Self.objects(db, sql: "SELECT case_id, excluded_by_month FROM draw_exclusion WHERE draw_id = ? ORDER BY case_id", arguments: [drawID])
        record["cases"] = try Self.objects(db, sql: "SELECT case_id, stratum_position, ticket FROM draw_case WHERE draw_id = ? ORDER BY id", arguments: [drawID])
        record["reaudits"] = try Self.objects(db, sql: "SELECT case_id, last_audit_id, last_month FROM draw_reaudit WHERE draw_id = ? ORDER BY id", arguments: [drawID])
        return try json(record) + "\n"
    }

    private func writeCSV(_ db: Database, to path: String, sql: String, arguments: StatementArguments) throws -> Int {
        let statement = try db.makeStatement(sql: sql)
        var text = CSVText.line(statement.columnNames)
        var count = 0
        let rows = try Row.fetchCursor(statement, arguments: arguments)
        while let row = try rows.next() {
            // Text (SQLite TEXT storage, and BLOBs as base64) is neutralised against
            // spreadsheet formulas; integers and reals are written as numbers.
            text += CSVText.line(row.databaseValues.map { value -> CSVText.Field in
                switch value.storage {
                case .null: .null
                case .int64(let i): .number(String(i))
                case .double(let d): .number(String(d))
                case .string(let s): .text(s)
                case .blob(let data): .text(data.base64EncodedString())
                }
            })
            count += 1
        }
        try PrivateFile.write(text, to: path)
        return count
    }

    /// One JSON object per entry, NULL kept distinct from empty text (the chain hashes tell them apart).
    private func writeLogSegment(_ db: Database, from start: Int64, to path: String) throws -> Int {
        var text = ""
        var count = 0
        let rows = try Row.fetchCursor(db, sql: "SELECT * FROM audit_log WHERE seq >= ? ORDER BY seq", arguments: [start])
        while let row = try rows.next() {
            text += try json(Self.object(row)) + "\n"
            count += 1
        }
        try PrivateFile.write(text, to: path)
        return count
    }

    private func readme(head: ChainHead, start: Int64) -> String {
        """
        Assay evidence pack: \(month), draw \(drawID)

        Made with `assay export evidence-pack \(month)`. Every file is private (0600): it names
        children's cases. The chain head of the audit log when it was made: \(head)

          chain-head.txt         the audit log's head, SEQ:HASH
          verification.txt       `assay verify` on the whole database when the pack was made
          draw.json              the month's draw record: seed, algorithm, allocation, strata,
                                 exclusions (with the month that excluded each case), cases and tickets
          draw-verification.txt  `assay draw verify`: the draw re-derived from its stored inputs
          frame.csv              the register frame the draw was made from
          audits.csv, answers.csv  the month's audits with real case ids, their grades (the
                                 auditor's, the moderated and the official one) and every answer
          audit-log.jsonl        the audit log from entry \(start) to the head, one entry a line
          log-segment.json       the segment's first entry, the hash before it, and the head
          records.db             the same records as SQLite rows, exactly as logged (frame, frame
                                 cases, draws, audits, answers, grades, moderation, templates, people)

        In the CSV files, a text value that a spreadsheet would run as a formula (it begins with
        = + - @, a tab or a carriage return), or that begins with an apostrophe, has one more
        apostrophe before it: remove one leading ' to get the value as stored. records.db holds
        every value exactly.

        To check, with Python 3 and nothing else (docs/integrity.md, docs/sampling.md):

          Scripts/reproduce-draw records.db \(month)     re-derives the draw: "identical: …"
          Scripts/verify-log .                          recomputes the log segment's hash chain,
                                                        checks it ends at the head, and that every
                                                        row in records.db is the one last logged
          Scripts/verify-log . --head SEQ:HASH          also checks a head published earlier

        """
    }

    private func json(_ object: Any) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
    }

    static func object(_ row: Row) -> [String: Any] {
        var object: [String: Any] = [:]
        for (column, value) in row {
            switch value.storage {
            case .null: object[column] = NSNull()
            case .int64(let i): object[column] = i
            case .double(let d): object[column] = d
            case .string(let s): object[column] = s
            case .blob(let data): object[column] = data.base64EncodedString()
            }
        }
        return object
    }

    static func objects(_ db: Database, sql: String, arguments: StatementArguments) throws -> [[String: Any]] {
        try Row.fetchAll(db, sql: sql, arguments: arguments).map(object)
    }
}
