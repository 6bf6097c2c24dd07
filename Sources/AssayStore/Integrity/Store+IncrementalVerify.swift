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
            // Every row an entry since the base names, with the last of those entries: it is
            // the row's last entry of all, so no lookup in the older log is needed.
            var touched: [String: [Int64: (digest: String?, seq: Int64)]] = [:]
            try Self.walkChain(db, after: base, into: &report, limit: limit) { entry in
                for id in entry.rowID...entry.lastRowID {
                    touched[entry.tableName, default: [:]][id] = (entry.digest(ofRow: id), entry.seq)
                }
            }
            for table in AuditedTable.all {
                report.tablesChecked += 1
                let quoted = "\"\(table.name)\""
                let currentRow = try db.cachedStatement(sql: "SELECT * FROM \(quoted) WHERE id = ?")
                for (id, last) in (touched[table.name] ?? [:]).sorted(by: { $0.key < $1.key }) {
                    report.rowsChecked += 1
                    let row = try Row.fetchOne(currentRow, arguments: [id])
                    if let mismatch = DigestComparison.compare(table: table.name, rowID: id, row: row, logged: last.digest, seq: last.seq) {
                        report.rowMismatches.append(mismatch)
                    }
                }
                let highest = try LogEntry.highestRowID(in: table.name, db)
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
