import AssayCore

/// `report domains`: for the authority and each group, the share of audits whose grade for
/// each domain (template section) was requires improvement or inadequate, and the three
/// weakest domains authority-wide (docs/reports.md).
///
/// Leaders ask not only how many cases are inadequate but what fails in them: the overall
/// grade says a case is inadequate, the domain grades say whether it is the plan, the
/// child's voice or management oversight. Findings "not collated effectively" (the 2011
/// and 2017 inspections) is what this report answers.
///
/// Raw shares, with no interval: domain grades describe the audits, and a domain's
/// audits are those whose template has that section, a subset the sample was not
/// designed for. The report points to where practice is weakest; the weighted rates and
/// their intervals stay with the overall grade (`report rates`).
public struct DomainsReport: Sendable {
    /// One domain of one group (or of the authority).
    public struct Row: Sendable, Equatable {
        public let group: ReportGroup
        /// The section id, as templates and imported history write it.
        public let domain: String
        /// Audits with a grade for this domain.
        public let audited: Int
        public let requiresImprovement: Int
        public let inadequate: Int
        /// The domain's authority-wide rank among the weakest (1–3), on its authority row
        /// and its group rows alike; nil for the other domains.
        public let weakest: Int?

        /// The share graded requires improvement or inadequate.
        public var shareRIOrInadequate: Double { Double(requiresImprovement + inadequate) / Double(audited) }
        public var shareInadequate: Double { Double(inadequate) / Double(audited) }
    }

    /// How many domains are named the weakest.
    public static let weakestCount = 3

    public let period: ReportPeriod
    public let grouping: ReportGrouping?
    /// The authority's domains first, then each group's by group name; within each, the
    /// domains in the authority's order, weakest first.
    public let rows: [Row]
    /// The weakest domains authority-wide, weakest first (at most three, and only domains
    /// that some audit graded requires improvement or inadequate).
    public let weakest: [String]
    /// Audits in the period, and how many of them carry no domain grade at all.
    public let audits: Int
    public let auditsWithoutDomainGrades: Int
    public let includesHistory: Bool

    /// One domain's tally in one group.
    struct Count: Sendable {
        var audited = 0, requiresImprovement = 0, inadequate = 0

        mutating func add(_ grade: Grade) {
            audited += 1
            if grade == .requiresImprovement { requiresImprovement += 1 }
            if grade == .inadequate { inadequate += 1 }
        }

        static func + (a: Count, b: Count) -> Count {
            Count(audited: a.audited + b.audited, requiresImprovement: a.requiresImprovement + b.requiresImprovement,
                  inadequate: a.inadequate + b.inadequate)
        }

        static func += (a: inout Count, b: Count) { a = a + b }
    }

    public init(audits: [ReportedAudit], period: ReportPeriod, grouping: ReportGrouping?) {
        var tally = DomainTally()
        for audit in audits where !audit.domainGrades.isEmpty {
            let slot = tally.slot(of: grouping?.group(of: audit))
            for (domain, grade) in audit.domainGrades { tally.add(slot: slot, domain: domain, grade: grade) }
        }
        self.init(counts: tally.counts, audits: audits.count, auditsWithoutDomainGrades: audits.filter(\.domainGrades.isEmpty).count,
                  includesHistory: audits.contains { $0.origin == .imported }, period: period, grouping: grouping)
    }

    /// From tallies already made: each group's (`.authority` for all audits) count of audits
    /// grading each domain, and of those grading it requires improvement or inadequate
    /// (`DomainTally`, filled from audits or, by `Store.domainsReport`, from the store).
    init(counts: [ReportGroup: [String: Count]], audits: Int, auditsWithoutDomainGrades: Int, includesHistory: Bool,
         period: ReportPeriod, grouping: ReportGrouping?) {
        self.period = period
        self.grouping = grouping
        self.audits = audits
        self.auditsWithoutDomainGrades = auditsWithoutDomainGrades
        self.includesHistory = includesHistory
        let authority = counts[.authority] ?? [:]
        // Weakest first: the larger share graded RI or inadequate, then the larger share
        // inadequate, then the id. Shares are compared as cross-products of the counts, so
        // equal fractions (2 of 4, 3 of 6) tie exactly.
        let order = authority.keys.sorted { a, b in
            let x = authority[a]!, y = authority[b]!
            let poor = (x.requiresImprovement + x.inadequate) * y.audited, otherPoor = (y.requiresImprovement + y.inadequate) * x.audited
            if poor != otherPoor { return poor > otherPoor }
            let bad = x.inadequate * y.audited, otherBad = y.inadequate * x.audited
            if bad != otherBad { return bad > otherBad }
            return a < b
        }
        weakest = Array(order.filter { authority[$0]!.requiresImprovement + authority[$0]!.inadequate > 0 }.prefix(Self.weakestCount))
        let rank = Dictionary(uniqueKeysWithValues: weakest.enumerated().map { ($1, $0 + 1) })
        let position = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })
        var rows: [Row] = []
        for group in [ReportGroup.authority] + counts.keys.filter({ !$0.isAuthority }).sorted() {
            let domains = counts[group] ?? [:]
            for domain in domains.keys.sorted(by: { position[$0]! < position[$1]! }) {
                let count = domains[domain]!
                rows.append(Row(group: group, domain: domain, audited: count.audited, requiresImprovement: count.requiresImprovement,
                                inadequate: count.inadequate, weakest: rank[domain]))
            }
        }
        self.rows = rows
    }

    public var footnotes: [String] {
        var notes = [
            "Raw shares of the audits that graded each domain (no weighting, no interval): domain grades describe the audits, "
                + "they do not estimate the authority's cases. Weighted rates with intervals: report rates.",
            "Weakest: among the domains graded in at least \(WeakestDomains.minimumGraded) audits of the period (a share from fewer "
                + "can lead on chance alone), the three with the largest share graded requires improvement or inadequate "
                + "authority-wide (ties: larger share inadequate, then id). Pool months (--from, --to) to rank more.",
        ]
        if auditsWithoutDomainGrades > 0 {
            notes.append("\(auditsWithoutDomainGrades) of \(audits) audits carry no domain grades (e.g. imported without domain columns) and are in no row.")
        }
        if includesHistory {
            notes.append("Includes audits imported from before Assay.")
        }
        notes.append("Only submitted audits of randomly drawn cases count; ad-hoc audits are left out.")
        return notes
    }
}
