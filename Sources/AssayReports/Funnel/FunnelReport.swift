import AssayCore
import AssayStatistics
import Foundation

/// `report funnel`: each team's (or locality's) inadequate rate over a window of months,
/// set against its number of audits, with exact binomial 95% and 99.8% limits around the
/// authority rate and, when the groups vary more than chance allows, limits inflated for
/// over-dispersion; each row says which limits flag the group (docs/reports.md).
///
/// Performance differences "between teams … do not trigger sufficient analysis" (the 2017
/// inspection), and a league table ranks teams whose rates differ by chance. A funnel plot
/// asks of each group only whether its rate is surprising for its size.
///
/// Raw counts, not weighted estimates: the limits are binomial statements about the
/// audited cases themselves ("the groups differ only by chance"), so every audit in the
/// window counts once, imported history included. A window of months (default 12) gives
/// small teams enough audits for the limits to say something.
///
/// The target is the authority's raw rate over the window. Every audit has a team and a
/// locality, so that rate is also the groups' own pooled rate, and the over-dispersion
/// test spends a degree of freedom on it; that is why grouping by service (which some
/// audits lack) is refused.
public struct FunnelReport: Sendable {
    /// One group's row: its counts, its limits and flags (`FunnelPlot.Team`).
    public struct Row: Sendable {
        public let group: ReportGroup
        /// The group's counts, rate, limits at its size, and flags against the exact and
        /// (when over-dispersed) the inflated limits.
        public let funnel: FunnelPlot.Team
    }

    public let period: ReportPeriod
    public let grouping: ReportGrouping
    /// All audits in the window, and how many were judged inadequate.
    public let audited: Int
    public let inadequate: Int
    /// The comparison; nil when the window has no audits.
    public let plot: FunnelPlot?
    /// The groups with audits, by name.
    public let rows: [Row]
    /// Some audits are imported history (they count once each, as every audit does here).
    public let includesHistory: Bool

    /// The rate the limits are drawn around: the authority's raw rate over the window.
    public var target: Double? { plot?.target }

    /// Spiegelhalter's φ from 10%-winsorised z-scores; nil with fewer than two groups, or
    /// a target of 0 or 1.
    public var phi: Double? { plot?.overdispersion?.phi }

    /// Whether the groups are over-dispersed (then the inflated limits and flags apply).
    public var isOverdispersed: Bool { plot?.inflationFactor != nil }

    /// How many of the groups would lie outside each pair of limits by chance alone, were
    /// every group's true rate the authority's: at most one in 20 outside the 95% limits (one
    /// in 40 on each side) and one in 500 outside the 99.8% limits. "At most": exact binomial
    /// limits on counts are conservative, so fewer stray by chance than these shares.
    public var expectedByChance: (outside95: Double, outside998: Double) {
        (0.05 * Double(rows.count), 0.002 * Double(rows.count))
    }

    /// The groups, as a reader names them: "team" and "teams", "locality" and "localities".
    public var groupNoun: (one: String, many: String) {
        switch grouping.fields {
        case [.team]: ("team", "teams")
        case [.locality]: ("locality", "localities")
        default: ("group", "groups")
        }
    }

    /// The flags chance alone would raise, in words: a reader who sees one team outside the
    /// 95% limits among twenty should know that one is what chance gives.
    public var chanceNote: String {
        let (outside95, outside998) = expectedByChance
        func about(_ x: Double) -> String {
            x < 0.01 ? "under 0.01" : "about " + x.formatted(.number.precision(.fractionLength(x < 0.1 ? 2 : x < 10 ? 1 : 0)).grouping(.never))
        }
        return "By chance alone, even if every \(groupNoun.one) had the authority's rate, up to 1 \(groupNoun.one) in 20 would lie "
            + "outside the 95% limits (1 in 40 above, 1 in 40 below) and 1 in 500 outside the 99.8% limits: "
            + "of these \(rows.count) \(rows.count == 1 ? groupNoun.one : groupNoun.many), \(about(outside95)) and \(about(outside998)). "
            + "A flag is a reason to look at the cases, not a verdict."
    }

    /// The groupings a funnel accepts: those every audit belongs to.
    public static func check(_ grouping: ReportGrouping) throws {
        guard !grouping.fields.contains(.service) else { throw ReportError.funnelByService }
    }

    public init(audits: [ReportedAudit], period: ReportPeriod, grouping: ReportGrouping = .team) throws {
        try self.init(counts: RawCounts(audits: audits, grouping: grouping), period: period)
    }

    /// The report from counts already made (`Store.rawCounts` folds them in SQLite); their
    /// grouping is the report's.
    public init(counts: RawCounts, period: ReportPeriod) throws {
        guard let grouping = counts.grouping else { throw ReportError.funnelUngrouped }
        try Self.check(grouping)
        self.period = period
        self.grouping = grouping
        includesHistory = counts.includesHistory
        audited = counts.audited
        inadequate = counts.inadequate
        let groups = counts.groupTotals
        // θ left to FunnelPlot: the groups' pooled rate, which is the authority's raw rate
        // because every audit is in one group (so the test has I − 1 degrees of freedom).
        let plot = FunnelPlot(groups: groups.map { GroupCount(label: $0.group.description, inadequate: $0.inadequate, audits: $0.audited) })
        self.plot = plot
        rows = zip(groups, plot?.teams ?? []).map { Row(group: $0.group, funnel: $1) }
    }

    /// The limit curves to draw at each of the given numbers of audits (inflated ones
    /// included when the groups are over-dispersed); empty when there are no audits.
    public func curve(at audits: [Int]) -> [FunnelLimits] {
        plot?.curve(at: audits.filter { $0 >= 1 }) ?? []
    }

    /// The curves at every n from 1 to a tenth beyond the largest group, enough to draw
    /// the funnel behind every point.
    public func curve() -> [FunnelLimits] {
        let largest = rows.map(\.funnel.audits).max() ?? 0
        guard largest > 0 else { return [] }
        return curve(at: Array(1...max(largest + 1, Int((Double(largest) * 1.1).rounded(.up)))))
    }

    public var footnotes: [String] {
        var notes = [
            "More than expected: more inadequate audits than the authority's rate would give a \(groupNoun.one) of that many audits, "
                + "beyond what chance explains; fewer than expected: fewer, beyond chance (good practice to learn from, or kinder grading: "
                + "worth a look, not an alarm). Raw counts over the window, each audit once. Limits: exact binomial 95% and 99.8% "
                + "around the authority's rate, with Spiegelhalter's interpolation (2005); a group is flagged by the exact binomial test "
                + "the limits draw.",
        ]
        if !rows.isEmpty { notes.append(chanceNote) }
        if let od = plot?.overdispersion {
            if od.isOverdispersed {
                notes.append("Over-dispersed: the \(groupNoun.many) differ among themselves more than chance allows, so wider limits "
                    + "allowing for that spread show which stand out even so (inflated limits: normal, variance × φ, φ from "
                    + "10%-winsorised z-scores, I·φ against χ² at p < 0.05; flag_inflated reads against them).")
            } else {
                notes.append("Not over-dispersed: the \(groupNoun.many) differ no more than chance allows (I·φ against χ² at p < 0.05), "
                    + "so the exact limits apply, with no inflated ones.")
            }
        } else if plot != nil {
            notes.append("Fewer than two groups, or an authority rate of 0 or 1: no over-dispersion to estimate.")
        }
        if includesHistory {
            notes.append("Includes audits imported from before Assay.")
        }
        notes.append("Only submitted audits of randomly drawn cases count; ad-hoc audits are left out.")
        return notes
    }
}
