#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The chi-squared distribution with a whole number of degrees of freedom: the p-value of
/// the trend test (1 degree of freedom) and of the over-dispersion tests of the funnel
/// plot and the process chart (one fewer than the number of teams or months).
///
/// Every test Assay runs has whole degrees of freedom, so the upper tail has a closed
/// form in elementary functions, with no incomplete-gamma iteration to tune:
///
/// - k even: Q(x; k) = e^(−h) · Σ_{j=0}^{k/2−1} h^j / j!,  with h = x/2;
/// - k odd:  Q(x; k) = erfc(√h) + e^(−h) · Σ_{j=1}^{(k−1)/2} h^(j−½) / Γ(j + ½)
///
/// (Abramowitz & Stegun 26.4.4 and 26.4.5; Q(x; 1) = erfc(√(x/2)) is 2·(1 − Φ(√x)),
/// the two-sided normal tail). Every term is positive, so nothing cancels; each is
/// formed as exp(log term) so that e^(−h) cannot underflow on its own when k is large.
public enum ChiSquared {
    /// P(X > x) for X ~ χ²(k): the p-value of an observed statistic x. R's
    /// `pchisq(x, k, lower.tail = FALSE)`; agrees with it to 1e−12 relative on the
    /// reference values (docs/statistics.md).
    public static func survival(_ x: Double, degreesOfFreedom k: Int) -> Double {
        precondition(k >= 1, "chi-squared needs at least one degree of freedom")
        if x.isNaN { return .nan }
        if x <= 0 { return 1 }
        if x == .infinity { return 0 }
        let h = x / 2
        let logH = log(h)
        var sum: Double
        if k % 2 == 0 {
            sum = 0
            for j in 0..<(k / 2) {
                sum += exp(-h + Double(j) * logH - lgamma(Double(j) + 1))
            }
        } else {
            sum = erfc(h.squareRoot())
            if k > 1 {
                for j in 1...((k - 1) / 2) {
                    sum += exp(-h + (Double(j) - 0.5) * logH - lgamma(Double(j) + 0.5))
                }
            }
        }
        return min(sum, 1)
    }
}
