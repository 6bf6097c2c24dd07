/// Where a team's rate lies against one set of funnel limits: the words a comparison
/// table prints beside the team.
///
/// Above means a higher inadequate rate than the authority's (worse); below means lower
/// (better). Lying outside the 99.8% limits implies lying outside the 95% ones, so one
/// value says both.
public enum FunnelFlag: String, Sendable, Equatable, CaseIterable {
    /// Above the upper 99.8% limit: about 1 in 1,000 teams would be there by chance.
    case above998 = "above 99.8%"
    /// Above the upper 95% limit but not the 99.8% one: 1 in 40 by chance.
    case above95 = "above 95%"
    /// Within the 95% limits.
    case within
    /// Below the lower 95% limit but not the 99.8% one.
    case below95 = "below 95%"
    /// Below the lower 99.8% limit.
    case below998 = "below 99.8%"

    /// The flag of a count of `inadequate` audits against the exact binomial limits of its
    /// team size: the exact one-sided binomial test at each tail probability.
    ///
    /// With r_p = qbinom(p, n, θ), the team is above at p = 0.975 or 0.999 when k > r_p
    /// (that is, P(X ≥ k) ≤ 1 − p), and below at p = 0.025 or 0.001 when k < r_p (that is,
    /// P(X ≤ k) < p). Below, this is exactly "under the drawn (interpolated) lower
    /// limit". Above, it differs from "over the drawn upper limit" in one case: a count
    /// equal to r_p lies above the interpolated limit (r_p − α)/n, yet P(X ≥ r_p) exceeds
    /// 1 − p, often by far. At n = 1 and θ = 0.18 the drawn 99.8% limit is 0.994, and
    /// 1 inadequate audit of 1, which happens 18% of the time, would be flagged
    /// "above 99.8%". Spiegelhalter's interpolation is a device for drawing smooth
    /// curves, so Assay flags by the exact test that the curves approximate.
    public init(inadequate k: Int, binomial: Binomial) {
        let p95 = FunnelLimits.probabilities95, p998 = FunnelLimits.probabilities998
        if k > binomial.quantile(p998.upper)! {
            self = .above998
        } else if k > binomial.quantile(p95.upper)! {
            self = .above95
        } else if k < binomial.quantile(p998.lower)! {
            self = .below998
        } else if k < binomial.quantile(p95.lower)! {
            self = .below95
        } else {
            self = .within
        }
    }

    /// The flag of `rate` against continuous limits (the over-dispersion-inflated ones):
    /// strictly outside a limit is outside, and a rate exactly on a limit is inside.
    public init(rate: Double, limits95: ControlLimits, limits998: ControlLimits) {
        if limits998.isAbove(rate) {
            self = .above998
        } else if limits95.isAbove(rate) {
            self = .above95
        } else if limits998.isBelow(rate) {
            self = .below998
        } else if limits95.isBelow(rate) {
            self = .below95
        } else {
            self = .within
        }
    }
}
