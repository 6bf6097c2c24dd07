import AssayCore
import Foundation
import GRDB

/// Months' evidence pack for inspectors (docs/evidence-pack.md): enough to re-derive every
/// draw of its months with `Scripts/reproduce-draw PACK` and check the audit log with
/// `Scripts/verify-log`, without Assay and without the live database.
///
/// Everything is read in one read transaction, so the files agree with each other and with
/// the chain head they carry, however many auditors are writing meanwhile.
public struct EvidencePack {
    public let months: [Month]
    /// Every draw of the months, current and replaced, rendered by the caller (the draw
    /// format and `draw verify` live above the store).
    public let draws: [Draw]

    /// One draw as the pack carries it.
    public struct Draw: Sendable {
        public let id: Int64
        public let month: Month
        public let status: String
        /// The draw in the documented JSON draw format (docs/json.md, "Draws"), one line.
        public let json: String
        /// `draw verify`'s result for it.
        public let verification: String

        public init(id: Int64, month: Month, status: String, json: String, verification: String) {
            self.id = id
            self.month = month
            self.status = status
            self.json = json
            self.verification = verification
        }

        var file: String { "draw-\(id).json" }
    }

    public init(months: [Month], draws: [Draw]) {
        self.months = months
        self.draws = draws
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

    /// The pack's manifest format; docs/evidence-pack.md describes this one.
    public static let format = "assay-evidence-pack-2"

    public func write(from store: Store, to directory: String) throws -> Summary {
        try store.require([.lead], to: "export evidence packs")
        try PrivateFile.makeDirectory(directory)
        let integrity = try store.verify()
        let monthTexts = months.map(\.description)
        return try store.read { db in
            try checkDrawsUnchanged(db)
            let frameIDs = try Int64.fetchAll(db, sql: """
                SELECT DISTINCT frame_id FROM draw WHERE id IN (\(RecordScope.marks(draws.count))) ORDER BY frame_id
                """, arguments: StatementArguments(draws.map(\.id)))
            let scope = RecordScope(frameIDs: frameIDs, months: monthTexts)
            let path = { (name: String) in directory + "/" + name }
            let start = try scope.segmentStart(db)
            let head = try LogEntry.head(db)
            guard let headHash = head.hash else { throw StoreError.emptyLog }
            let chainHead = ChainHead(seq: head.seq, hash: headHash)
            let inMonths = "a.month IN (\(RecordScope.marks(months.count)))"

            try scope.writeRecords(db, to: path("records.db"))
            var frames: [PackFiles.FrameFile] = []
            for frameID in frameIDs {
                frames.append(try PackFiles.writeFrame(db, id: frameID, to: path(PackFiles.frameFile(frameID))))
            }
            for draw in draws { try PrivateFile.write(draw.json, to: path(draw.file)) }
            try PrivateFile.write(draws.isEmpty ? "No draw was made in \(monthTexts.joined(separator: ", ")).\n" : draws.map(\.verification).joined(),
                                  to: path("draw-verification.txt"))
            let audits = try PackFiles.writeCSV(db, to: path("audits.csv"), sql: """
                SELECT a.id AS audit_id, a.case_id, a.month, a.team, a.locality, a.service, a.draw_id, a.unsampled, a.reaudit,
                       a.template_id, a.template_version, a.auditor, a.status, a.suggested_overall, a.overall AS auditor_overall,
                       m.agreed_overall AS moderated_overall, \(AuditRules.officialOverall(audit: "a", moderation: "m")) AS official_overall,
                       a.overall_reason, a.submitted_at
                FROM audit a \(AuditRules.joinModeration(audit: "a", as: "m")) WHERE \(inMonths) ORDER BY a.id
                """, arguments: StatementArguments(monthTexts))
            _ = try PackFiles.writeCSV(db, to: path("answers.csv"), sql: """
                SELECT w.audit_id, a.case_id, w.question_id, w.value, w.grade, w.skipped, w.evidence, w.reason, w.answered_at, w.answered_by
                FROM audit_answer w JOIN audit a ON a.id = w.audit_id WHERE \(inMonths) ORDER BY w.audit_id, w.id
                """, arguments: StatementArguments(monthTexts))
            let entries = try PackFiles.writeLogSegment(db, from: start, to: path("audit-log.jsonl"))
            let previous = try String.fetchOne(db, sql: "SELECT chain_sha256 FROM audit_log WHERE seq = ?", arguments: [start - 1])
            try PrivateFile.write(try PackFiles.json([
                "first_seq": start, "previous_hash": previous ?? String(repeating: "0", count: 64),
                "head": ["seq": chainHead.seq, "hash": chainHead.hash], "entries": entries,
            ]) + "\n", to: path("log-segment.json"))
            try PrivateFile.write(try manifest(frames: frames, head: chainHead, made: Timestamp.iso8601(store.clock.now()), by: store.identity.name),
                                  to: path("pack.json"))
            try PrivateFile.write(integrity.text, to: path("verification.txt"))
            try PrivateFile.write("\(chainHead)\n", to: path("chain-head.txt"))
            try PrivateFile.write(PackReadme(months: monthTexts, draws: draws.map { ($0.id, $0.month.description, $0.status, $0.file) },
                                             frames: frames, head: chainHead, segmentStart: start).text, to: path("README.txt"))
            // The directory was new or empty, so what it holds now is what was written.
            let files = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
            return Summary(files: files, frameCases: frames.reduce(0) { $0 + $1.cases }, audits: audits, logEntries: entries,
                           segmentStart: start, head: chainHead)
        }
    }

    /// The draws were rendered before this transaction began; a draw made or replaced in
    /// between would leave the pack disagreeing with itself, so the export stops instead.
    private func checkDrawsUnchanged(_ db: Database) throws {
        let now = try Row.fetchAll(db, sql: """
            SELECT id, status FROM draw WHERE month IN (\(RecordScope.marks(months.count))) ORDER BY id
            """, arguments: StatementArguments(months.map(\.description))).map { "\($0["id"] as Int64) \($0["status"] as String)" }
        let rendered = draws.sorted { $0.id < $1.id }.map { "\($0.id) \($0.status)" }
        guard now == rendered else {
            throw StoreError.drawChangedDuringPack(months: months)
        }
    }

    /// pack.json: what the pack covers, so a checker knows which months' draws it holds.
    private func manifest(frames: [PackFiles.FrameFile], head: ChainHead, made: String, by user: String) throws -> String {
        try PackFiles.json([
            "format": Self.format,
            "months": months.map(\.description),
            "draws": draws.map { ["id": $0.id, "month": $0.month.description, "status": $0.status, "file": $0.file] as [String: Any] },
            "frames": frames.map { ["id": $0.id, "file": $0.file, "cases": $0.cases, "kept_attributes": $0.keptAttributes] as [String: Any] },
            "head": ["seq": head.seq, "hash": head.hash],
            "made_at": made, "made_by": user,
        ]) + "\n"
    }
}
