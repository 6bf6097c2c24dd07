import AssayCore
import GRDB

/// How a backup's audit log relates to the live database's, and what restoring it would
/// lose. The hash chain makes this exact: a backup taken from this database holds the live
/// log's first entries unchanged, so its last entry's chain hash is found at the same
/// sequence number in the live log.
public struct LogComparison: Sendable {
    public enum Relation: Sendable, Equatable {
        /// The backup holds the live log as it stands.
        case same
        /// The backup is an earlier state: the live log continues it.
        case earlier
        /// The backup continues the live log (a later copy): nothing is lost.
        case later
        /// The two logs part, or the backup is another database's.
        case unrelated
    }

    public let relation: Relation
    /// What restoring would discard from the live database.
    public let loss: Loss
    /// For `unrelated`: where the logs part, in words.
    public let explanation: String

    /// Live log entries that restoring would discard, summarised for a person.
    public struct Loss: Sendable {
        /// Rows changed (a block entry counts each row it inserted).
        public var entries: Int64 = 0
        public var firstSeq: Int64 = 0
        public var lastSeq: Int64 = 0
        public var from: String?
        public var to: String?
        public var people: [String] = []
        /// (table, operation, count), in table order.
        public var changes: [(table: String, operation: String, count: Int)] = []

        /// "no changes", or "37 changes made after the backup (log entries 1201–1237, …)".
        public var plainWords: String {
            guard entries > 0 else { return "no changes" }
            let when = from.map { f in to.map { t in f.prefix(10) == t.prefix(10) ? " on \(f.prefix(10))" : " from \(f.prefix(10)) to \(t.prefix(10))" } ?? "" } ?? ""
            let who = people.isEmpty ? "" : ", by \(people.joined(separator: ", "))"
            let what = changes.map { "\($0.table) \($0.count) \($0.operation)\($0.operation.hasSuffix("e") ? "d" : "ed")" }.joined(separator: ", ")
            let noun = entries == 1 ? "change" : "changes"
            return "\(entries) logged \(noun) (entries \(firstSeq)–\(lastSeq)\(when)\(who): \(what))"
        }
    }

    /// `backupHead` is the backup's last entry before any upgrade; `backup` is the staged
    /// copy, whose earlier entries an upgrade leaves as they were.
    init(live: Store, backup: Store, backupHead: (seq: Int64, hash: String?)) throws {
        let liveHead = try live.read(LogEntry.head)
        let hashAt = { (store: Store, seq: Int64) in
            try store.read { try String.fetchOne($0, sql: "SELECT chain_sha256 FROM audit_log WHERE seq = ?", arguments: [seq]) }
        }
        // Chain hashes cover everything before them: logs that agree at entry k agree up to k.
        var common: Int64 = 0
        var low: Int64 = 1, high = min(liveHead.seq, backupHead.seq)
        while low <= high {
            let middle = low + (high - low) / 2
            let same = try hashAt(live, middle).map { $0 == (try hashAt(backup, middle)) } ?? false
            if same { common = middle; low = middle + 1 } else { high = middle - 1 }
        }
        if common == backupHead.seq {
            relation = common == liveHead.seq ? .same : .earlier
            explanation = ""
        } else if common == liveHead.seq {
            relation = .later
            explanation = ""
        } else {
            relation = .unrelated
            explanation = common == 0
                ? "their audit logs share no entry"
                : "their audit logs agree up to entry \(common) and then part (the backup has \(backupHead.seq) entries, this database \(liveHead.seq))"
        }
        loss = try live.read { db in try Self.loss(db, after: common) }
    }

    private static func loss(_ db: Database, after seq: Int64) throws -> Loss {
        var loss = Loss()
        guard let row = try Row.fetchOne(db, sql: "SELECT coalesce(sum(coalesce(row_count, 1)), 0), min(seq), max(seq), min(at), max(at) FROM audit_log WHERE seq > ?", arguments: [seq]) else { return loss }
        loss.entries = row[0]
        guard loss.entries > 0 else { return loss }
        loss.firstSeq = row[1]
        loss.lastSeq = row[2]
        loss.from = row[3]
        loss.to = row[4]
        loss.people = try String.fetchAll(db, sql: "SELECT DISTINCT user_name FROM audit_log WHERE seq > ? ORDER BY user_name", arguments: [seq])
        loss.changes = try Row.fetchAll(db, sql: """
            SELECT table_name, operation, sum(coalesce(row_count, 1)) FROM audit_log WHERE seq > ? GROUP BY table_name, operation ORDER BY min(seq)
            """, arguments: [seq]).map { (table: $0[0], operation: $0[1], count: $0[2]) }
        return loss
    }
}
