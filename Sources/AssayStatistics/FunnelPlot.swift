/// The funnel-plot comparison of teams' inadequate rates: each team's rate and number of
/// audits, the limits at its size, and which limits flag it.
///
/// Performance differences "between teams … do not trigger sufficient analysis" (the
/// 2017 inspection). A league table ranks teams whose rates differ by chance; a funnel
/// plot asks of each team only whether its rate is surprising for its number of audits,
/// against the authority's rate. See `FunnelLimits` for the limits and `Overdispersion`
/// for when and how they are widened.
///
/// Teams without audits in the window have no rate and are left out. The target θ is the
/// pooled rate of the teams shown (Σk / Σn) unless one is given, say the authority rate
/// when the plot shows one locality's teams.
public struct FunnelPlot: Sendable, Equatable {
    /// One team's row of the comparison table.
    public struct Team: Sendable, Equatable {
        public let label: String
        public let inadequate: Int
        public let audits: Int
        /// inadequate / audits.
        public let rate: Double
        /// The limits at this team's number of audits (inflated ones when over-dispersed).
        public let limits: FunnelLimits
        /// Against the exact binomial limits, by the exact binomial test (see
        /// `FunnelFlag.init(inadequate:binomial:)` for the one case where this differs
        /// from the drawn interpolated curve).
        public let exact: FunnelFlag
        /// Against the inflated limits; nil when the teams are not over-dispersed.
        public let inflated: FunnelFlag?
    }

    /// θ, the rate the limits are drawn around.
    public let target: Double
    /// Whether θ was the teams' own pooled rate (true) or given.
    public let targetEstimated: Bool
    /// The over-dispersion estimate; nil with fewer than two teams with audits, or θ at 0
    /// or 1.
    public let overdispersion: Overdispersion?
    /// The teams with audits, in the order given.
    public let teams: [Team]

    /// The dispersion factor the limits were inflated by, or nil when the teams are not
    /// over-dispersed (then only the exact limits apply).
    public var inflationFactor: Double? {
        guard let overdispersion, overdispersion.isOverdispersed else { return nil }
        return overdispersion.phi
    }

    /// Compares the groups with audits against θ (their pooled rate unless given).
    ///
    /// Nil when no group has an audit: there is nothing to compare.
    public init?(groups: [GroupCount], target: Double? = nil, alpha: Double = 0.05) {
        let used = groups.filter { $0.audits > 0 }
        guard !used.isEmpty else { return nil }
        let theta = target ?? Double(used.reduce(0) { $0 + $1.inadequate }) / Double(used.reduce(0) { $0 + $1.audits })
        precondition(theta >= 0 && theta <= 1, "the target is a proportion")
        self.target = theta
        targetEstimated = target == nil
        let dispersion = Overdispersion(groups: used, target: theta, targetEstimated: target == nil, alpha: alpha)
        overdispersion = dispersion
        let phi = (dispersion?.isOverdispersed ?? false) ? dispersion?.phi : nil
        teams = used.map { g in
            let rate = Double(g.inadequate) / Double(g.audits)
            let limits = FunnelLimits(target: theta, audits: g.audits, phi: phi)
            let inflated = limits.inflated95.flatMap { l95 in
                limits.inflated998.map { FunnelFlag(rate: rate, limits95: l95, limits998: $0) }
            }
            let exact = FunnelFlag(inadequate: g.inadequate, binomial: Binomial(trials: g.audits, probability: theta))
            return Team(label: g.label, inadequate: g.inadequate, audits: g.audits, rate: rate, limits: limits,
                        exact: exact, inflated: inflated)
        }
    }

    /// The limit curves to draw, at each of the given numbers of audits, inflated ones
    /// included when the teams are over-dispersed.
    public func curve(at audits: [Int]) -> [FunnelLimits] {
        FunnelLimits.curve(target: target, at: audits, phi: inflationFactor)
    }
}
