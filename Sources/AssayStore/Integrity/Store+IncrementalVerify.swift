import AssayCore
import GRDB

extension Store {
    /// `verify --since SEQ:HASH`: checks what changed after a head that a full `verify`
    /// found intact (docs/integrity.md, "Incremental verify"), in time that grows with the
    /// entries since, not with the database:
    ///
    /// - entry SEQ must still have HASH (else the chain was rebuilt since, as `--head` says);
    /// - the entries after it must chain from HASH, with `seq` running on without a gap;
    /// - every row those entries name must match its last entry (or be gone after a delete);
    /// - no audited table may hold a row beyond the highest id the log names for it (a row
    ///   inserted behind Assay's back since);
    /// - the schema must be Assay's.
    ///
    /// Not checked: rows not changed since SEQ, and SQLite's integrity and foreign-key checks
    /// (a full scan each): those are what the full `verify` is for.
    public func verify(since base: ChainHead, limit: Int = 50) throws -> IntegrityReport {
        try read { db in
            var report = IntegrityReport()
            report.since = base
            let found = try String.fetchOne(db, sql: "SELECT chain_sha256 FROM audit_log WHERE seq = ?", arguments: [base.seq])
            let (lastSeq, lastHash) = try LogEntry.head(db)
            report.head = lastHash.map { ChainHead(seq: lastSeq, hash: $0) }
            guard let found, found == base.hash else {
                report.published = (base, found.map { .contradicts(found: $0) } ?? .beyondLog(lastSeq: lastSeq))
                return report
            }
            report.published = (base, .matches)
            var touched: [String: Set<Int64>] = [:]
            try Self.walkChain(db, after: base, into: &report, limit: limit) { entry in
                touched[entry.tableName, default: []].insert(entry.rowID)
            }
            for table in AuditedTable.all {
                report.tablesChecked += 1
                let quoted = "\"\(table.name)\""
                let lastEntry = try db.cachedStatement(sql: """
                    SELECT after_sha256, seq FROM audit_log WHERE table_name = ? AND row_id = ? ORDER BY seq DESC LIMIT 1
                    """)
                let currentRow = try db.cachedStatement(sql: "SELECT * FROM \(quoted) WHERE id = ?")
                for id in (touched[table.name] ?? []).sorted() {
                    report.rowsChecked += 1
                    let last = try Row.fetchOne(lastEntry, arguments: [table.name, id])
                    let row = try Row.fetchOne(currentRow, arguments: [id])
                    if let mismatch = DigestComparison.compare(table: table.name, rowID: id, row: row,
                                                               logged: last?["after_sha256"], seq: last?["seq"]) {
                        report.rowMismatches.append(mismatch)
                    }
                }
                let highest = try Int64.fetchOne(db, sql: "SELECT max(row_id) FROM audit_log WHERE table_name = ?", arguments: [table.name]) ?? 0
                let unlogged = try Row.fetchAll(db, sql: "SELECT * FROM \(quoted) WHERE id > ? ORDER BY id LIMIT ?", arguments: [highest, limit])
                report.rowMismatches += unlogged.map { row in
                    DigestMismatch(table: table.name, rowID: row["id"], kind: .notInLog, logged: nil, current: RowDigest.sha256(of: row), loggedSeq: nil)
                }
            }
            report.schemaProblems = schemaRecord.problems + (schemaRecord.isComplete && schemaRecord.gaps.isEmpty ? try SchemaComparison.problems(db) : [])
            return report
        }
    }
}
