import AssayCore
import AssayStatistics

/// `report rates`: the inadequate rate of the authority and of each group (team, locality,
/// service, or team × locality) over a period, each a weighted estimate from the design
/// with its standard error, 95% interval and the rule that gave it, its raw counts (k of
/// n), and for groups a partially pooled rate beside it (docs/reports.md).
public struct RatesReport: Sendable {
    public struct Row: Sendable {
        public let group: ReportGroup
        public let estimate: RateEstimate
        /// Shrunk towards the authority's raw rate by beta-binomial empirical Bayes, so a
        /// team of three audits is not ranked on noise; nil for the authority row.
        public let pooledRate: Double?
    }

    public let period: ReportPeriod
    public let grouping: ReportGrouping?
    /// The authority first (always present when there are audits), then the groups by name.
    public let rows: [Row]
    /// Some audits are imported history, weighted 1 within their month.
    public let includesHistory: Bool
    /// Open challenges to grades of the period's audits (set by the caller; docs/audits.md,
    /// "Challenges"): footnoted, since a grade under challenge may yet change.
    public var openChallenges = 0

    public init(audits: [ReportedAudit], period: ReportPeriod, grouping: ReportGrouping?) throws {
        self.period = period
        self.grouping = grouping
        let design = try ReportDesign(audits)
        includesHistory = design.includesHistory
        guard let authority = try design.authority() else {
            rows = []
            return
        }
        var rows = [Row(group: .authority, estimate: authority, pooledRate: nil)]
        if let grouping {
            let estimates = try design.estimates(by: grouping)
            let groups = estimates.keys.sorted()
            let pooling = PartialPooling(groups: groups.map {
                GroupCount(label: $0.description, inadequate: estimates[$0]!.inadequate, audits: estimates[$0]!.audited)
            })
            let pooled = Dictionary(uniqueKeysWithValues: (pooling?.teams ?? []).map { ($0.label, $0.pooled) })
            rows += groups.map { Row(group: $0, estimate: estimates[$0]!, pooledRate: pooled[$0.description]) }
        }
        self.rows = rows
    }

    /// What a reader must know to read the figures right, in plain words first and the
    /// method's name after (docs/reports.md, "Numbers for people").
    public var footnotes: [String] {
        var notes = [
            "Rate: the estimated share of cases that are inadequate, weighted for how cases were drawn: an audit counts for "
                + "as many cases as its stratum (by default its team and locality) had for each case drawn from it, "
                + "so the rate can differ from inadequate ÷ audited. "
                + "Under \(ShareText.fewestForPercent) audits the counts are shown (\"1 of 3\"), not a percentage.",
            "95% interval: the range the true rate most likely lies in; the fewer the audits, the wider. It can start near 0% "
                + "(\"<1%\") even when an audit was inadequate, because one inadequate case among a few weighted audits "
                + "cannot rule out a true rate close to nothing. The interval method names the rule (docs/statistics.md).",
        ]
        if grouping != nil {
            notes.append("Pooled rate: each group's rate drawn towards the authority's, the more so the fewer its audits, "
                         + "so a team with few audits is not ranked on chance (beta-binomial empirical Bayes).")
        }
        if includesHistory {
            notes.append("Includes audits imported from before Assay: each counts as a simple random sample within its month (weight 1, no finite-population correction).")
        }
        notes.append("Only submitted audits of randomly drawn cases count; ad-hoc audits are left out.")
        if openChallenges > 0 {
            notes.append("\(openChallenges) open challenge\(openChallenges == 1 ? "" : "s") to grades of audits in \(period) (challenges --open): "
                         + "the grades stand as submitted until a challenge is resolved and the audit amended.")
        }
        return notes
    }
}
