import AssayCore
import AssayStatistics
import AssayStore
import GRDB

/// One moderated audit's pairs: the first auditor's grade and the moderator's blind grade,
/// overall and per domain (both graded before either saw the other's).
public struct ModeratedPair: Sendable, Equatable {
    public let month: Month
    public let auditor: String
    public let overall: (first: Grade, moderator: Grade)?
    /// Section id → (first, moderator) where both graded the domain.
    public let domains: [String: (first: Grade, moderator: Grade)]

    public static func == (lhs: ModeratedPair, rhs: ModeratedPair) -> Bool {
        lhs.month == rhs.month && lhs.auditor == rhs.auditor && lhs.overall?.first == rhs.overall?.first
            && lhs.overall?.moderator == rhs.overall?.moderator && lhs.domains.keys.sorted() == rhs.domains.keys.sorted()
    }
}

/// `report agreement`: how far first auditors and moderators agree, overall and for each
/// domain — exact agreement, Cohen's kappa and quadratic-weighted kappa with intervals, and
/// the share of moderated audits whose overall grade moved better or worse
/// (docs/moderation.md, docs/statistics.md "Agreement: moderation").
public struct AgreementReport: Sendable {
    public struct Row: Sendable {
        /// "" for everyone, else the first auditor (`--by auditor`).
        public let auditor: String?
        /// nil for the overall grade, else a section id.
        public let domain: String?
        public let agreement: ModerationAgreement
    }

    public let period: ReportPeriod
    public let byAuditor: Bool
    public let rows: [Row]

    public init(pairs: [ModeratedPair], period: ReportPeriod, byAuditor: Bool) {
        self.period = period
        self.byAuditor = byAuditor
        var rows: [Row] = []
        var groups: [(String?, [ModeratedPair])] = [(nil, pairs)]
        if byAuditor {
            let auditors = Set(pairs.map(\.auditor)).sorted { $0.lowercased() < $1.lowercased() }
            groups += auditors.map { name in (name, pairs.filter { $0.auditor == name }) }
        }
        for (auditor, group) in groups {
            rows.append(Row(auditor: auditor, domain: nil, agreement: ModerationAgreement(group.compactMap(\.overall))))
            for domain in Set(group.flatMap(\.domains.keys)).sorted() {
                rows.append(Row(auditor: auditor, domain: domain, agreement: ModerationAgreement(group.compactMap { $0.domains[domain] })))
            }
        }
        self.rows = rows
    }
}

extension Store {
    /// The moderated audits of the months `from` through `through`, as grade pairs.
    public func moderatedPairs(from: Month, through: Month) throws -> [ModeratedPair] {
        try read { db in
            var domains: [Int64: [String: (first: Grade, moderator: Grade)]] = [:]
            let rows = try Row.fetchCursor(db, sql: """
                SELECT g.moderation_id, g.section_id, g.first_grade, g.blind_grade FROM moderation_section_grade g
                JOIN moderation m ON m.id = g.moderation_id JOIN audit a ON a.id = m.audit_id
                WHERE a.month BETWEEN ? AND ?
                """, arguments: [from.description, through.description])
            while let row = try rows.next() {
                if let first = (row["first_grade"] as Int?).flatMap(Grade.init(rawValue:)),
                   let blind = (row["blind_grade"] as Int?).flatMap(Grade.init(rawValue:)) {
                    domains[row["moderation_id"], default: [:]][row["section_id"]] = (first, blind)
                }
            }
            return try Row.fetchAll(db, sql: """
                SELECT m.id, a.month, a.auditor, m.first_overall, m.blind_overall FROM moderation m JOIN audit a ON a.id = m.audit_id
                WHERE a.month BETWEEN ? AND ? ORDER BY a.month, m.id
                """, arguments: [from.description, through.description]).compactMap { row in
                    guard let month = Month(row["month"] as String) else { return nil }
                    let first = (row["first_overall"] as Int?).flatMap(Grade.init(rawValue:))
                    let blind = (row["blind_overall"] as Int?).flatMap(Grade.init(rawValue:))
                    return ModeratedPair(month: month, auditor: row["auditor"],
                                         overall: first.flatMap { f in blind.map { (f, $0) } }, domains: domains[row["id"]] ?? [:])
                }
        }
    }
}
