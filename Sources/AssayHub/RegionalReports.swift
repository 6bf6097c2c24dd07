import AssayCore
import AssayStatistics

/// `hub report rates`: each authority's (or neighbour group's) inadequate rate over a
/// period, design-based from its returns' N_h and n_h by `StratifiedEstimator`, and the
/// region's, with the strata that small-count suppression kept out (docs/regional.md).
public struct RegionalRates: Sendable {
    public struct Row: Sendable {
        /// nil for the region.
        public let group: String?
        public let estimate: RateEstimate
        /// Strata of the group left out because the return hid n_h, k_h or N_h.
        public let hiddenStrata: Int
    }

    public let strata: RegionalStrata
    /// The region first, then the groups by name.
    public let rows: [Row]

    public enum Grouping: String, Sendable, CaseIterable {
        case authority, neighbours
    }

    public init(_ strata: RegionalStrata, by grouping: Grouping = .authority) throws {
        self.strata = strata
        guard let region = try StratifiedEstimator.estimate(strata.counts) else {
            rows = []
            return
        }
        // Groups by number, not name, for the estimator: a name hashed for each of 360,000
        // strata was a tenth of a ten-year report.
        let names = strata.authorities.map { grouping == .authority ? $0.name : ($0.neighbours ?? "") }
        let groups = Array(Set(names)).sorted()
        let place = Dictionary(uniqueKeysWithValues: groups.enumerated().map { ($1, $0) })
        let groupOf = names.map { place[$0]! }
        let estimates = try StratifiedEstimator.estimates(strata.counts) { groupOf[$0.stratum.authority] }
        var hidden = [Int](repeating: 0, count: groups.count)
        for (authority, group) in zip(strata.authorities, groupOf) { hidden[group] += authority.hiddenStrata }
        rows = [Row(group: nil, estimate: region, hiddenStrata: hidden.reduce(0, +))]
            + groups.indices.compactMap { g in estimates[g].map { Row(group: groups[g], estimate: $0, hiddenStrata: hidden[g]) } }
    }
}

/// `hub report funnel`: authorities' raw inadequate counts against the region's rate, with
/// exact binomial limits and, when the authorities are over-dispersed, Spiegelhalter's
/// inflated limits: `FunnelPlot`, exactly as `report funnel` compares teams. The counts are
/// summed by PostgreSQL (`Hub.authorityCounts`).
public struct RegionalFunnel: Sendable {
    public let plot: FunnelPlot?

    public init(_ authorities: [GroupCount]) {
        plot = FunnelPlot(groups: authorities)
    }
}

/// `hub report trend`: each authority's and the region's monthly rate (design-based, as
/// above), and each one's direction of travel by the Cochran–Armitage test on raw monthly
/// counts, as `report trend` reads a team's.
public struct RegionalTrend: Sendable {
    public struct Point: Sendable {
        public let month: Month
        public let estimate: RateEstimate
    }

    public struct Series: Sendable {
        /// nil for the region.
        public let authority: String?
        public let points: [Point]
        public let trend: TrendTest
    }

    public let series: [Series]

    public init(_ strata: RegionalStrata) throws {
        // Each stratum is in two domains, its authority's month and the region's month:
        // one pass over the strata for both. (An authority by its place in `authorities`,
        // the region as −1.)
        struct Key: Hashable { let authority: Int; let month: Month }
        let estimates = try StratifiedEstimator.estimates(strata.counts) { row in
            let whole = DomainCount(inDomain: row.audited, inadequate: row.inadequate)
            return [(Key(authority: row.stratum.authority, month: row.stratum.month), whole), (Key(authority: -1, month: row.stratum.month), whole)]
        }
        var points = [[Point]](repeating: [], count: strata.authorities.count + 1)
        for (key, estimate) in estimates { points[key.authority + 1].append(Point(month: key.month, estimate: estimate)) }
        series = points.indices.map { i in
            let sorted = points[i].sorted { $0.month < $1.month }
            let trend = TrendTest(months: sorted.map {
                MonthlyCount(month: $0.month, inadequate: $0.estimate.inadequate, audits: $0.estimate.audited)
            })
            return Series(authority: i == 0 ? nil : strata.authorities[i - 1].name, points: sorted, trend: trend)
        }
    }
}

/// `hub report domains`: for each domain (template section), each authority's graded
/// audits and how many were graded requires improvement or inadequate, raw counts summed
/// over the period's shown figures, with the region's beside them.
public struct RegionalDomains: Sendable {
    public struct Row: Sendable, Equatable {
        public let section: String
        /// nil for the region.
        public let authority: String?
        public let graded: Int
        public let requiresImprovement: Int
        public let inadequate: Int
        /// Rows of the tally with a grade hidden ([c]): the counts here leave them out.
        public let hiddenRows: Int
    }

    public let rows: [Row]

    public init(rows: [Row]) { self.rows = rows }
}

extension Hub {
    public func domains(from: Month, to: Month, neighbours: String? = nil) throws -> RegionalDomains {
        // From each current return's month-and-section totals (made at import), not its
        // tallies one by one: 90,000 rows for ten years of a region rather than 1.8 million.
        let result = try db.query("""
            SELECT d.section, a.name, sum(d.graded) AS graded, sum(d.requires_improvement) AS ri,
                   sum(d.inadequate) AS inadequate, sum(d.hidden_rows) AS hidden
            FROM authority_month m
            JOIN return_domain_month d ON d.return_id = m.return_id AND d.month = m.month
            JOIN authority a ON a.id = m.authority_id
            WHERE m.month BETWEEN $1 AND $2 AND ($3::text IS NULL OR a.neighbours = $3)
            GROUP BY GROUPING SETS ((d.section, a.name), (d.section))
            ORDER BY d.section, a.name NULLS FIRST
            """, [from.description, to.description, neighbours])
        return RegionalDomains(rows: (0..<result.count).map { i in
            RegionalDomains.Row(section: result.value(i, "section")!, authority: result.value(i, "name"),
                                graded: Int(result.value(i, "graded")!)!, requiresImprovement: Int(result.value(i, "ri")!)!,
                                inadequate: Int(result.value(i, "inadequate")!)!, hiddenRows: Int(result.value(i, "hidden")!)!)
        })
    }
}
