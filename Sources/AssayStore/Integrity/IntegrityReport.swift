/// What `verify` found: the chain, the rows against their last logged digests, SQLite's own
/// checks, and a published head if one was given. Intact only when every part is.
public struct IntegrityReport: Sendable {
    /// A log entry whose chain hash does not follow from its content and predecessor.
    public struct ChainBreak: Sendable, Equatable {
        public let seq: Int64
        public let explanation: String
    }

    /// A redaction: logged, with its reason, and not tampering.
    public struct Redaction: Sendable, Equatable {
        public let auditID: Int64
        public let questionID: String
        public let reason: String
        public let at: String
        public let by: String
    }

    public enum PublishedHeadCheck: Sendable, Equatable {
        case matches
        /// The log holds another hash at that sequence number: the chain was rebuilt.
        case contradicts(found: String)
        /// The log is shorter than the published head: entries were removed.
        case beyondLog(lastSeq: Int64)
    }

    public var entries: Int64 = 0
    public var head: ChainHead?
    public var chainBreaks: [ChainBreak] = []
    public var rowMismatches: [DigestMismatch] = []
    /// Rows found not to match, counted up to `limit` per table.
    public var tablesChecked = 0
    public var rowsChecked = 0
    public var integrityProblems: [String] = []
    public var foreignKeyProblems: [String] = []
    /// The schema differs from the one Assay's migrations make, or its upgrade record was edited.
    public var schemaProblems: [String] = []
    /// A monthly tally (`audit_tally`, `audit_domain_tally`) that differs from a recount of
    /// its audits (`TallyComparison`); checked by a full verify only.
    public var tallyProblems: [String] = []
    public var published: (head: ChainHead, check: PublishedHeadCheck)?
    public var redactions: [Redaction] = []
    /// Rows whose digests a schema migration re-baselined (`migrate` entries).
    public var rebaselined = 0
    /// For an incremental verify (`verify --since`): the head it started from. The chain and
    /// rows are then checked only after it, and SQLite's own checks are not run.
    public var since: ChainHead?

    public var isIntact: Bool {
        chainBreaks.isEmpty && rowMismatches.isEmpty && integrityProblems.isEmpty && foreignKeyProblems.isEmpty
            && schemaProblems.isEmpty && tallyProblems.isEmpty
            && (published.map { $0.check == .matches } ?? true)
    }

    /// Every problem in the order a reader should meet them: the first is the one to chase.
    public var problems: [String] {
        var lines: [String] = []
        if let published {
            switch published.check {
            case .matches: break
            case .contradicts(let found):
                lines.append("the published head \(published.head) contradicts this log: entry \(published.head.seq) has hash \(found) (the chain was rebuilt after that head was published)")
            case .beyondLog(let last):
                lines.append("the published head \(published.head) is beyond this log's last entry \(last): entries were removed")
            }
        }
        lines += schemaProblems.map { "schema: \($0)" }
        lines += chainBreaks.map { "audit_log entry \($0.seq): \($0.explanation)" }
        lines += rowMismatches.map(\.explanation)
        lines += tallyProblems
        lines += integrityProblems.map { "SQLite integrity check: \($0)" }
        lines += foreignKeyProblems.map { "foreign key check: \($0)" }
        return lines
    }
}

extension IntegrityReport {
    /// The report as `verify` prints it and an evidence pack stores it.
    public var text: String {
        var lines: [String] = []
        let head = self.head.map { "\($0)" } ?? "none (empty log)"
        if isIntact, let since {
            lines.append("Intact since \(since.seq): that entry still has the hash given; the \(entries) log entries after it chain correctly; the \(rowsChecked) rows they changed match their last logged values; no audited table holds a row beyond the last id the log records for it; the schema is Assay's. (Incremental: rows unchanged since, and SQLite's integrity and foreign-key checks, are checked by a full verify.)")
        } else if isIntact {
            lines.append("Intact: \(entries) log entries chain correctly; all \(rowsChecked) rows of \(tablesChecked) audited tables match their last logged values; SQLite integrity and foreign-key checks pass; the schema is Assay's.")
        } else {
            let all = problems
            lines.append("NOT INTACT: \(all.count) problem\(all.count == 1 ? "" : "s") found. The first: \(all[0]).")
            if all.count > 1 {
                lines.append("All problems found:")
                lines += all.map { "  - \($0)" }
            }
        }
        lines.append("Chain head: \(head)")
        if let published, published.check == .matches, since == nil {
            lines.append("Published head \(published.head): matches this log.")
        }
        if !redactions.isEmpty {
            lines.append("Redactions (logged; not tampering): \(redactions.count)")
            lines += redactions.map { "  - audit \($0.auditID), question \($0.questionID): by \($0.by) at \($0.at): \($0.reason)" }
        }
        if rebaselined > 0 {
            lines.append("Rows re-baselined by a schema migration (the chain vouches for them from then on): \(rebaselined)")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
