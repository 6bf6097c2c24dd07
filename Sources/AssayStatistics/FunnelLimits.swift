import AssayCore
/// The limits of a funnel plot at one team size: exact binomial 95% and 99.8% limits
/// around the authority rate θ, and, when the teams are over-dispersed, the same limits
/// inflated by the factor φ.
///
/// A funnel plot draws every team's inadequate rate against its number of audits; the
/// limits narrow as audits grow, so a small team is not flagged for a rate that chance
/// alone explains, and a large one is not excused for a modest excess that is real.
///
/// **Exact limits.** D. J. Spiegelhalter (2005), "Funnel plots for comparing
/// institutional performance", *Statistics in Medicine* 24, 1185–1202, §A.1.1: for the
/// tail probability p (0.001, 0.025, 0.975, 0.999), take the binomial quantile
/// r = qbinom(p, n, θ) and interpolate between the discrete steps,
///
///     α = (P(X ≤ r) − p) / (P(X ≤ r) − P(X ≤ r − 1)),   limit = (r − α) / n,
///
/// so the limits are smooth curves instead of staircases. The interpolated limit lies in
/// ((r − 1)/n, r/n], so a lower limit can be just below 0 for small n: no rate can then
/// fall below it. `exactLimit` returns it unclipped (the value R's formula gives);
/// the stored limits are clipped to [0, 1]. The curves are for drawing: a team is
/// flagged by the exact binomial test they approximate (`FunnelFlag`), which differs
/// from "outside the curve" only for a count exactly at an upper quantile.
///
/// **Inflated limits.** D. J. Spiegelhalter (2005), "Handling over-dispersion of
/// performance indicators", *Quality and Safety in Health Care* 14, 347–351: the
/// multiplicative model, with variance φ·θ(1 − θ)/n, and normal limits
///
///     θ + Φ⁻¹(p)·√(φ·θ(1 − θ)/n).
///
/// When θ is 0 or 1 the binomial distribution has no spread: every limit is θ, and no
/// team can be flagged.
public struct FunnelLimits: Sendable, Equatable {
    /// The tail probabilities of the limits: 95% limits leave 2.5% in each tail, 99.8%
    /// limits 0.1%.
    public static let probabilities95 = (lower: 0.025, upper: 0.975)
    public static let probabilities998 = (lower: 0.001, upper: 0.999)

    /// n, the number of audits these limits are for.
    public let audits: Int
    /// Exact binomial 95% limits.
    public let exact95: ControlLimits
    /// Exact binomial 99.8% limits.
    public let exact998: ControlLimits
    /// Over-dispersion-inflated 95% limits; nil without a dispersion factor.
    public let inflated95: ControlLimits?
    /// Over-dispersion-inflated 99.8% limits; nil without a dispersion factor.
    public let inflated998: ControlLimits?

    /// The limits at n audits around the rate θ, and the inflated ones when `phi` is
    /// given (pass it only when the teams were found over-dispersed).
    public init(target theta: Double, audits n: Int, phi: Double? = nil) {
        precondition(n >= 1, "funnel limits need at least one audit")
        precondition(theta >= 0 && theta <= 1, "the target is a proportion")
        audits = n
        if theta == 0 || theta == 1 {
            let point = ControlLimits(lower: theta, upper: theta)
            exact95 = point
            exact998 = point
            inflated95 = phi.map { _ in point }
            inflated998 = phi.map { _ in point }
            return
        }
        let binomial = Binomial(trials: n, probability: theta)
        func exact(_ p: (lower: Double, upper: Double)) -> ControlLimits {
            ControlLimits.clipped(lower: FunnelLimits.exactLimit(binomial, probability: p.lower),
                                  upper: FunnelLimits.exactLimit(binomial, probability: p.upper))
        }
        exact95 = exact(Self.probabilities95)
        exact998 = exact(Self.probabilities998)
        func inflated(_ phi: Double, _ p: (lower: Double, upper: Double)) -> ControlLimits {
            ControlLimits.clipped(
                lower: FunnelLimits.inflatedLimit(target: theta, audits: n, phi: phi, probability: p.lower),
                upper: FunnelLimits.inflatedLimit(target: theta, audits: n, phi: phi, probability: p.upper))
        }
        inflated95 = phi.map { inflated($0, Self.probabilities95) }
        inflated998 = phi.map { inflated($0, Self.probabilities998) }
    }

    /// The limits at each of the given numbers of audits, for drawing the funnel: pass,
    /// say, every n from 1 to a little beyond the largest team. Each point's exact limits
    /// cost a binomial table of n + 1 terms, so a curve out to tens of thousands of audits
    /// (a locality over a year at a million audits) is worked out on every core; the points
    /// are independent, and come back in the order given.
    public static func curve(target theta: Double, at audits: [Int], phi: Double? = nil) -> [FunnelLimits] {
        Parallel.map(audits.count) { FunnelLimits(target: theta, audits: audits[$0], phi: phi) }
    }

    /// Spiegelhalter's interpolated exact limit for tail probability p, unclipped:
    /// (r − α)/n with r = qbinom(p, n, θ) and α as above. Needs 0 < θ < 1.
    public static func exactLimit(_ binomial: Binomial, probability p: Double) -> Double {
        precondition(p > 0 && p < 1, "a limit's tail probability lies strictly between 0 and 1")
        let r = binomial.quantile(p)!
        let atR = binomial.cdf(r)
        let belowR = binomial.cdf(r - 1)
        let alpha = (atR - p) / (atR - belowR)
        return (Double(r) - alpha) / Double(binomial.trials)
    }

    /// The multiplicative over-dispersion limit θ + Φ⁻¹(p)·√(φ·θ(1 − θ)/n), unclipped.
    public static func inflatedLimit(target theta: Double, audits n: Int, phi: Double, probability p: Double) -> Double {
        theta + NormalDistribution.quantile(p) * (phi * theta * (1 - theta) / Double(n)).squareRoot()
    }
}
