import GRDB

extension Store {
    /// The audit log's last entry (nil for an empty log).
    public func chainHead() throws -> ChainHead? {
        try read { db in
            let (seq, hash) = try LogEntry.head(db)
            return hash.map { ChainHead(seq: seq, hash: $0) }
        }
    }

    /// Recomputes the hash chain, compares every audited row with its last logged digest,
    /// runs SQLite's integrity and foreign-key checks and, when given, checks a published
    /// head (docs/integrity.md, "verify"). Reads only; one read transaction, so a
    /// concurrent writer cannot make a consistent file look inconsistent.
    public func verify(publishedHead: ChainHead? = nil, limit: Int = 50) throws -> IntegrityReport {
        try read { db in
            var report = IntegrityReport()
            try Self.walkChain(db, after: nil, into: &report, limit: limit) { _ in }
            let (seq, hash) = try LogEntry.head(db)
            report.head = hash.map { ChainHead(seq: seq, hash: $0) }
            for table in AuditedTable.all {
                report.tablesChecked += 1
                report.rowsChecked += try Int.fetchOne(db, sql: "SELECT count(*) FROM \"\(table.name)\"") ?? 0
                report.rowMismatches += try DigestComparison.mismatches(in: table.name, db, limit: limit)
            }
            report.integrityProblems = try String.fetchAll(db, sql: "PRAGMA integrity_check").filter { $0 != "ok" }
            report.tallyProblems = try TallyComparison.problems(db, limit: limit)
            report.schemaProblems = schemaRecord.problems + (schemaRecord.isComplete && schemaRecord.gaps.isEmpty ? try SchemaComparison.problems(db) : [])
            report.foreignKeyProblems = try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").map { row in
                "\(row[0] as String) row \(row[1] as Int64? ?? 0) refers to a missing \(row[2] as String) row"
            }
            if let publishedHead {
                let found = try String.fetchOne(db, sql: "SELECT chain_sha256 FROM audit_log WHERE seq = ?", arguments: [publishedHead.seq])
                let check: IntegrityReport.PublishedHeadCheck = if let found {
                    found == publishedHead.hash ? .matches : .contradicts(found: found)
                } else {
                    .beyondLog(lastSeq: report.head?.seq ?? 0)
                }
                report.published = (publishedHead, check)
            }
            report.redactions = try Row.fetchAll(db, sql: """
                SELECT audit_id, question_id, reason, redacted_at, redacted_by FROM redaction ORDER BY id
                """).map { IntegrityReport.Redaction(auditID: $0[0], questionID: $0[1], reason: $0[2], at: $0[3], by: $0[4]) }
            return report
        }
    }

    /// Recomputes each entry's chain hash from its content and the stored hash before it,
    /// so one altered entry is named alone rather than breaking every later one; from the
    /// first entry, or from the entry after `start` (an incremental verify). `visit` sees
    /// every entry that parses.
    static func walkChain(_ db: Database, after start: ChainHead?, into report: inout IntegrityReport, limit: Int,
                          visit: (LogEntry) -> Void) throws {
        // Read by position, and the previous hash kept as its 32 bytes: this runs for every
        // entry of the log (4 million at 100,000 audits).
        let entries = try Row.fetchCursor(db, sql: "SELECT \(LogEntry.orderedColumns) FROM audit_log WHERE seq > ? ORDER BY seq",
                                          arguments: [start?.seq ?? 0])
        var previous: [UInt8] = start.flatMap { LogEntry.bytes(hex: $0.hash) } ?? LogEntry.genesis
        var expectedSeq: Int64 = (start?.seq ?? 0) + 1
        while let row = try entries.next() {
            let seq: Int64 = row[0]
            let stored = (row[10] as String?).flatMap(LogEntry.bytes(hex:))   // nil: not 64 lower-case hex digits, so no hash matches it
            report.entries += 1
            do {
                let entry = try LogEntry(orderedRow: row)
                visit(entry)
                if entry.operation == .migrate { report.rebaselined += 1 }
                if seq != expectedSeq {
                    report.chainBreaks.append(.init(seq: seq, explanation: "entries \(expectedSeq) to \(seq - 1) are missing from the log"))
                } else if entry.chainDigest(after: previous) != stored {
                    report.chainBreaks.append(.init(seq: seq, explanation: "its hash does not follow from its content and the entry before: the entry was altered, inserted or one before it removed"))
                } else if let problem = entry.blockProblem {
                    report.chainBreaks.append(.init(seq: seq, explanation: "it logs a block of rows, but \(problem)"))
                }
            } catch {
                report.chainBreaks.append(.init(seq: seq, explanation: "\(error)"))
            }
            if report.chainBreaks.count >= limit { break }
            previous = stored ?? LogEntry.genesis
            expectedSeq = seq + 1
        }
    }
}
