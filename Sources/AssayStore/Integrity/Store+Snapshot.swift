import AssayCore
import GRDB

extension Store {
    /// Runs `body` — a report's reads, each in its own read transaction — so that its figures
    /// and the chain head printed with them describe one state of the record.
    ///
    /// Every write Assay commits appends to the audit log, so when the head is the same
    /// before and after `body`, no write landed between its reads: they all saw the state
    /// that head names. Entries the report wrote itself (`onlyReportBookkeeping`: the
    /// pseudonyms' secret made on first use) change no figure, so they count as no write.
    /// When another write did land, `body` runs again, up to `attempts` times; a record that
    /// keeps changing is refused in words rather than printed as a mix of two states
    /// (docs/integrity.md, "Anchoring").
    public func consistently<T>(attempts: Int = 3, _ body: () throws -> T) throws -> (value: T, head: ChainHead?) {
        var last: (ChainHead?, ChainHead?) = (nil, nil)
        for _ in 0..<max(1, attempts) {
            let before = try chainHead()
            let value = try body()
            let after = try chainHead()
            if try before == after || onlyReportBookkeeping(since: before) { return (value, after) }
            last = (before, after)
        }
        throw StoreError.readChanging(attempts: attempts, before: last.0?.description ?? "none", after: last.1?.description ?? "none")
    }
}

extension Store {
    /// Tables a report writes to itself, which no figure is counted from: the log of a
    /// `--reveal` (written before the report shows a case id) and the pseudonyms' secret
    /// (made the first time a report names cases).
    static let reportBookkeeping: [AuditedTable] = [.revealLog, .reportSecret]

    /// Whether every log entry after `head` is the report's own bookkeeping, so figures read
    /// at `head` still describe the state after them: a lead's `--reveal` must not be told
    /// that the record changed under the report that logged it.
    public func onlyReportBookkeeping(since head: ChainHead?) throws -> Bool {
        let tables = Self.reportBookkeeping.map(\.name)
        return try read { db in
            try Int.fetchOne(db, sql: """
                SELECT count(*) FROM audit_log WHERE seq > ? AND table_name NOT IN (\(tables.map { _ in "?" }.joined(separator: ", ")))
                """, arguments: StatementArguments([head?.seq ?? 0] as [any DatabaseValueConvertible] + tables)) == 0
        }
    }
}
