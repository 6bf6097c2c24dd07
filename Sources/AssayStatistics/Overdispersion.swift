/// Whether the teams of a funnel plot vary more than binomial chance allows, and by how
/// much: Spiegelhalter's multiplicative over-dispersion factor φ from winsorised
/// z-scores.
///
/// Teams differ in caseload and context that no audit adjusts for, so their rates often
/// vary more than the binomial limits assume; then a quarter of the teams can sit outside
/// the 99.8% limits, and the funnel plot stops separating the unusual from the ordinary.
/// D. J. Spiegelhalter (2005), "Handling over-dispersion of performance indicators",
/// *Quality and Safety in Health Care* 14, 347–351, estimates a factor φ robustly and
/// widens the limits by √φ:
///
/// 1. z_i = (y_i − θ) / √(θ(1 − θ)/n_i) for each team's rate y_i = k_i / n_i;
/// 2. winsorise at 10%: z-scores below the 10th percentile of the z's are set to it, and
///    above the 90th to that (percentiles as R's default `quantile`, type 7: the value at
///    position 1 + (I − 1)·q of the sorted z's, interpolating linearly), so that the very
///    teams one is looking for do not inflate φ and hide themselves;
/// 3. φ = (1/I)·Σ z_w²;
/// 4. over-dispersed when I·φ exceeds the 95th percentile of χ² on I − 1 degrees of
///    freedom (on I when the target is given rather than estimated from these teams).
///
/// Step 4 is a Pearson-type test of homogeneity: without over-dispersion I·φ is
/// approximately χ², and a degree of freedom is spent on θ when θ is the teams' own
/// pooled rate. Because the 95th percentile of χ² on d degrees of freedom exceeds d + 1,
/// a team set flagged as over-dispersed always has φ > 1, so the inflated limits are
/// always wider than the exact ones.
public struct Overdispersion: Sendable, Equatable {
    /// z-scores before winsorising, in the order of the groups with audits.
    public let zScores: [Double]
    /// z-scores after winsorising, same order.
    public let winsorisedZScores: [Double]
    /// The 10th and 90th percentiles of the z-scores (type 7), the winsorising cuts.
    public let lowerCut: Double
    public let upperCut: Double
    /// φ = (1/I)·Σ z_w², the multiplicative factor on the binomial variance.
    public let phi: Double
    /// I·φ, compared with χ² on `degreesOfFreedom`.
    public let statistic: Double
    public let degreesOfFreedom: Int
    /// P(χ² > I·φ).
    public let pValue: Double
    /// Whether p < `alpha` (equivalently I·φ > the χ² quantile at 1 − α).
    public let isOverdispersed: Bool

    /// Estimates φ for the groups with audits around the rate θ. Nil with fewer than two
    /// such groups, or when θ is 0 or 1 (no binomial variance to compare with).
    ///
    /// - Parameters:
    ///   - targetEstimated: whether θ is these groups' pooled rate (I − 1 degrees of
    ///     freedom) or given from outside (I).
    ///   - winsorising: the share winsorised at each end, 0.1 by Spiegelhalter's choice.
    public init?(groups: [GroupCount], target theta: Double, targetEstimated: Bool = true,
                 winsorising fraction: Double = 0.1, alpha: Double = 0.05) {
        precondition(fraction >= 0 && fraction < 0.5, "winsorise less than half at each end")
        let used = groups.filter { $0.audits > 0 }
        guard used.count >= 2, theta > 0, theta < 1 else { return nil }
        let count = used.count
        let z = used.map { g in
            (Double(g.inadequate) / Double(g.audits) - theta) / (theta * (1 - theta) / Double(g.audits)).squareRoot()
        }
        let sorted = z.sorted()
        let low = Overdispersion.percentile(sorted, fraction)
        let high = Overdispersion.percentile(sorted, 1 - fraction)
        let winsorised = z.map { min(max($0, low), high) }
        let phi = winsorised.reduce(0) { $0 + $1 * $1 } / Double(count)
        zScores = z
        winsorisedZScores = winsorised
        lowerCut = low
        upperCut = high
        self.phi = phi
        statistic = Double(count) * phi
        degreesOfFreedom = targetEstimated ? count - 1 : count
        pValue = ChiSquared.survival(statistic, degreesOfFreedom: degreesOfFreedom)
        isOverdispersed = pValue < alpha
    }

    /// R's `quantile(x, q, type = 7)` of sorted values: with h = (I − 1)·q, the value
    /// (1 − f)·x₍⌊h⌋₎ + f·x₍⌊h⌋+1₎ with f = h − ⌊h⌋ (zero-based), written as R writes it.
    static func percentile(_ sorted: [Double], _ q: Double) -> Double {
        let index = 1 + Double(sorted.count - 1) * q     // R's 1-based position
        let lo = Int(index.rounded(.down))
        let hi = Int(index.rounded(.up))
        let atLo = sorted[lo - 1]
        guard index > Double(lo), sorted[hi - 1] != atLo else { return atLo }
        let f = index - Double(lo)
        return (1 - f) * atLo + f * sorted[hi - 1]
    }
}
