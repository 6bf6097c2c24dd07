#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The direction of travel of one group's inadequate rate: the Cochran–Armitage test for
/// trend in proportions on the group's raw monthly counts.
///
/// A report has to say "improving", "worsening" or "no clear change" in words a scrutiny
/// committee can hold it to, and a month-on-month comparison of two small samples would
/// say something new every month. The Cochran–Armitage test uses every month at once and
/// asks one question: is there a linear trend in the rate over calendar time?
///
/// With months s_i (the calendar index, so a month without audits leaves a gap instead
/// of being renumbered), k_i inadequate of n_i audits, N = Σn_i, p̄ = Σk_i / N and
/// s̄ = Σn_i·s_i / N:
///
///     T = Σ k_i·(s_i − s̄),   S = Σ n_i·(s_i − s̄)²,   χ² = T² / (p̄(1 − p̄)·S)
///
/// on 1 degree of freedom. This is R's `prop.trend.test(k, n, score = s)` (which gets the
/// same number as the regression sum of squares of a weighted least-squares fit of the
/// monthly rates on s), and T / S is that fit's slope: the change in the rate per month.
///
/// References: W. G. Cochran (1954), "Some methods for strengthening the common χ²
/// tests", *Biometrics* 10, 417–451; P. Armitage (1955), "Tests for linear trends in
/// proportions and frequencies", *Biometrics* 11, 375–386.
public struct TrendTest: Sendable, Equatable {
    /// What the report says about the direction of travel.
    public enum Direction: String, Sendable, Equatable, CaseIterable {
        /// The inadequate rate falls over time, with two-sided p < α.
        case improving
        /// The inadequate rate rises over time, with two-sided p < α.
        case worsening
        /// No trend at level α, or nothing to test (see `pValue`).
        case noClearChange = "no clear change"
    }

    /// The Cochran–Armitage χ² on 1 degree of freedom; nil when there is nothing to test.
    public let chiSquared: Double?
    /// The two-sided p-value, P(χ²₁ > chiSquared). Nil when the test is degenerate: no
    /// inadequate audit, only inadequate audits, or fewer than two months with audits.
    public let pValue: Double?
    /// The weighted least-squares slope of the monthly rate on the month, T / S: the
    /// change in the inadequate rate per calendar month (−0.01 is one point a month
    /// better). Nil when degenerate.
    public let slopePerMonth: Double?
    /// Improving, worsening, or no clear change, read from the two-sided p at `alpha`.
    public let direction: Direction
    /// The months with audits that the test used, in calendar order.
    public let monthsUsed: Int
    /// The significance level the direction was read at.
    public let alpha: Double

    /// Tests the group's months for a linear trend in the inadequate rate.
    ///
    /// Months without audits are dropped (they carry no information) and the rest keep
    /// their calendar index. Two entries for the same month are two points at the same
    /// score, which the test handles as such; callers normally sum them first.
    ///
    /// - Parameter alpha: the two-sided level at which a trend is reported (0.05 by the
    ///   issue's rule; the Benjamini–Hochberg adjusted p is shown beside it, not used).
    public init(months: [MonthlyCount], alpha: Double = 0.05) {
        precondition(alpha > 0 && alpha < 1, "alpha must lie strictly between 0 and 1")
        self.alpha = alpha
        let used = months.filter { $0.audits > 0 }.sorted { $0.month < $1.month }
        monthsUsed = used.count
        let totalInadequate = used.reduce(0) { $0 + $1.inadequate }
        let totalAudits = used.reduce(0) { $0 + $1.audits }
        let distinctMonths = Set(used.map(\.month)).count
        guard distinctMonths >= 2, totalInadequate > 0, totalInadequate < totalAudits else {
            // All rates 0, all rates 1, or a single time point: no variation to test.
            chiSquared = nil
            pValue = nil
            slopePerMonth = nil
            direction = .noClearChange
            return
        }
        let n = Double(totalAudits)
        let pBar = Double(totalInadequate) / n
        // Centre the scores first, so large calendar indices (≈ 24,300) do not cost digits.
        let meanScore = used.reduce(0.0) { $0 + Double($1.audits) * Double($1.month) } / n
        var t = 0.0, s = 0.0
        for m in used {
            let centred = Double(m.month) - meanScore
            t += Double(m.inadequate) * centred
            s += Double(m.audits) * centred * centred
        }
        let statistic = t * t / (pBar * (1 - pBar) * s)
        let p = ChiSquared.survival(statistic, degreesOfFreedom: 1)
        chiSquared = statistic
        pValue = p
        slopePerMonth = t / s
        if p < alpha {
            direction = t < 0 ? .improving : .worsening
        } else {
            direction = .noClearChange
        }
    }
}
