/// The statistical process control chart of the authority's monthly inadequate rate: a
/// p-chart with 3-sigma limits, and Laney's p′ chart beside it when the months are
/// over-dispersed.
///
/// A monthly rate moves every month. The chart separates the movement the sample sizes
/// explain (common-cause variation, inside the limits) from a month that needs a reason
/// (a special cause, outside them), so that leaders react to signals and not to noise.
///
/// **p-chart** (W. A. Shewhart; e.g. D. C. Montgomery, *Introduction to Statistical
/// Quality Control*, §7.2, variable sample size): with p̄ = Σk_i / Σn_i over the months
/// shown and σ_i = √(p̄(1 − p̄)/n_i), month i's limits are p̄ ± 3σ_i, clipped to [0, 1].
///
/// **p′ chart**: D. B. Laney (2002), "Improved control charts for attributes",
/// *Quality Engineering* 14(4), 531–537. When months differ by more than binomial chance
/// (case mix, who audited), p-chart limits from large monthly samples become so narrow
/// that most months signal. Laney measures the month-to-month variation of the
/// z-scores z_i = (p_i − p̄)/σ_i by their average moving range,
/// σ_z = mean |z_i − z_{i−1}| / 1.128 (1.128 = d₂ for ranges of two), and draws
/// p̄ ± 3·σ_i·σ_z, clipped to [0, 1].
///
/// **When to show the p′ chart.** Assay's rule: the months are over-dispersed when the
/// chi-squared test of homogeneity of the monthly rates rejects at α (X² = Σz_i² on m − 1
/// degrees of freedom, which is R's `chisq.test` on the months' 2 × m table) **and**
/// σ_z > 1. The test alone would also fire on a steady trend, which is a special cause
/// the p-chart should show, not hide; requiring σ_z > 1 as well means the extra variation
/// is also there from one month to the next, and that the p′ limits are wider than the
/// p-chart's. σ_z > 1 alone would fire in about half of all perfectly binomial series.
///
/// Months without audits are dropped; the moving range runs over consecutive months
/// shown. Limits are 3-sigma only: run rules (Western Electric) are not applied.
public struct ProcessChart: Sendable, Equatable {
    /// Where a month's rate lies against its limits.
    public enum Signal: String, Sendable, Equatable, CaseIterable {
        case above, within, below

        init(_ rate: Double, _ limits: ControlLimits) {
            self = limits.isAbove(rate) ? .above : limits.isBelow(rate) ? .below : .within
        }
    }

    /// One month of the chart.
    public struct Point: Sendable, Equatable {
        public let month: Int
        public let inadequate: Int
        public let audits: Int
        /// inadequate / audits.
        public let rate: Double
        /// σ_i = √(p̄(1 − p̄)/n_i), the binomial standard error at the centre line.
        public let sigma: Double
        /// z_i = (p_i − p̄)/σ_i; nil when p̄ is 0 or 1.
        public let zScore: Double?
        /// The p-chart's limits p̄ ± 3σ_i, clipped to [0, 1].
        public let limits: ControlLimits
        public let signal: Signal
        /// Laney's limits p̄ ± 3σ_i·σ_z; nil unless the months are over-dispersed.
        public let laneyLimits: ControlLimits?
        public let laneySignal: Signal?
    }

    /// Laney's d₂ = 1.128, the expected range of two standard normal values (2/√π,
    /// rounded as Laney and the SPC literature print it).
    public static let d2 = 1.128

    /// p̄, the centre line.
    public let centre: Double
    /// The months with audits, in calendar order.
    public let points: [Point]
    /// Laney's σ_z; nil with fewer than two months or p̄ at 0 or 1.
    public let sigmaZ: Double?
    /// X² = Σz_i², the chi-squared statistic of homogeneity; nil when σ_z is.
    public let dispersionStatistic: Double?
    /// m − 1.
    public let degreesOfFreedom: Int?
    /// P(χ²_{m−1} > X²).
    public let dispersionPValue: Double?
    /// Over-dispersed by the rule above: the p′ chart is shown beside the p-chart.
    public let isOverdispersed: Bool

    /// The chart of the given months. Nil when no month has an audit.
    public init?(months: [MonthlyCount], alpha: Double = 0.05) {
        let used = months.filter { $0.audits > 0 }.sorted { $0.month < $1.month }
        guard !used.isEmpty else { return nil }
        let centre = Double(used.reduce(0) { $0 + $1.inadequate }) / Double(used.reduce(0) { $0 + $1.audits })
        self.centre = centre
        let degenerate = centre == 0 || centre == 1
        let sigmas = used.map { (centre * (1 - centre) / Double($0.audits)).squareRoot() }
        let rates = used.map { Double($0.inadequate) / Double($0.audits) }
        let z: [Double]? = degenerate ? nil : rates.indices.map { (rates[$0] - centre) / sigmas[$0] }

        var sigmaZ: Double?
        if let z, z.count >= 2 {
            var ranges = 0.0
            for i in 1..<z.count { ranges += abs(z[i] - z[i - 1]) }
            sigmaZ = ranges / Double(z.count - 1) / ProcessChart.d2
            let statistic = z.reduce(0) { $0 + $1 * $1 }
            dispersionStatistic = statistic
            degreesOfFreedom = z.count - 1
            dispersionPValue = ChiSquared.survival(statistic, degreesOfFreedom: z.count - 1)
        } else {
            dispersionStatistic = nil
            degreesOfFreedom = nil
            dispersionPValue = nil
        }
        self.sigmaZ = sigmaZ
        let overdispersed = (dispersionPValue.map { $0 < alpha } ?? false) && (sigmaZ.map { $0 > 1 } ?? false)
        isOverdispersed = overdispersed

        points = used.indices.map { i in
            let limits = ProcessChart.limits(centre: centre, audits: used[i].audits)
            let laney = overdispersed ? ProcessChart.laneyLimits(centre: centre, audits: used[i].audits, sigmaZ: sigmaZ!) : nil
            return Point(month: used[i].month, inadequate: used[i].inadequate, audits: used[i].audits,
                         rate: rates[i], sigma: sigmas[i], zScore: z?[i], limits: limits,
                         signal: Signal(rates[i], limits), laneyLimits: laney,
                         laneySignal: laney.map { Signal(rates[i], $0) })
        }
    }

    /// The p-chart's limits p̄ ± 3·√(p̄(1 − p̄)/n), clipped to [0, 1].
    public static func limits(centre: Double, audits n: Int) -> ControlLimits {
        let width = 3 * (centre * (1 - centre) / Double(n)).squareRoot()
        return ControlLimits.clipped(lower: centre - width, upper: centre + width)
    }

    /// Laney's p′ limits p̄ ± 3·√(p̄(1 − p̄)/n)·σ_z, clipped to [0, 1].
    public static func laneyLimits(centre: Double, audits n: Int, sigmaZ: Double) -> ControlLimits {
        let width = 3 * (centre * (1 - centre) / Double(n)).squareRoot() * sigmaZ
        return ControlLimits.clipped(lower: centre - width, upper: centre + width)
    }
}
