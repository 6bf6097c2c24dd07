#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Student's t distribution with ν degrees of freedom.
///
/// Assay needs its quantile for the degrees-of-freedom factor of the Korn–Graubard
/// interval, (t_{n−1} / t_df)², which R's `svyciprop(method = "beta")` applies: a monthly
/// sample with many one-audit strata has few degrees of freedom left, and the interval
/// must widen to say so.
public enum StudentT {
    /// The p-quantile t with P(T ≤ t) = p for T ~ t(ν): R's `qt(p, df)`.
    ///
    /// Computed exactly through the beta distribution rather than by an approximation:
    /// T²/(ν + T²) ~ Beta(½, ν/2), so P(|T| > t) = 2·min(p, 1 − p) is an upper-tail
    /// probability of that beta distribution (and, with x = ν/(ν + T²) ~ Beta(ν/2, ½), a
    /// lower-tail one). Whichever of y = t²/(ν + t²) and x = 1 − y is the smaller is
    /// solved for, so that t = √(ν·y/x) keeps its relative precision whether t is near 0
    /// (y small) or huge (x small, few degrees of freedom and a far tail).
    ///
    /// ν may be any positive real; ν = ∞ is the normal distribution. Returns −∞ at 0 and
    /// +∞ at 1, and NaN for p outside [0, 1], ν ≤ 0 or NaN, as R does (R's `qt(p, 0)` is
    /// NaN, which is why a domain with no degrees of freedom needs a rule of its own).
    public static func quantile(_ p: Double, degreesOfFreedom nu: Double) -> Double {
        guard p >= 0 && p <= 1 && nu > 0 else { return .nan }
        if p == 0 { return -.infinity }
        if p == 1 { return .infinity }
        if p == 0.5 { return 0 }
        if nu.isInfinite { return NormalDistribution.quantile(p) }
        if let t = largeDegreesOfFreedomQuantile(p, nu) { return t }

        // tail = min(p, 1 − p) < ½, so 1 − p is exact and 2·tail < 1 is exact.
        let tail = p < 0.5 ? p : 1 - p
        let twoTail = 2 * tail
        var y = BetaDistribution.upperQuantile(twoTail, a: 0.5, b: nu / 2)
        var x: Double
        if y <= 0.5 {
            x = 1 - y
        } else {
            // t is large: x = ν/(ν + t²) is small and must be found directly, since
            // 1 − y would have lost its digits.
            x = BetaDistribution.quantile(twoTail, a: nu / 2, b: 0.5)
            y = 1 - x
        }
        let t = (nu * y / x).squareRoot()
        return p < 0.5 ? -t : t
    }

    /// The Cornish–Fisher expansion of the t quantile in powers of 1/ν (Abramowitz & Stegun
    /// 26.7.5), t = z + g₁(z)/ν + g₂(z)/ν² + g₃(z)/ν³ + g₄(z)/ν⁴ with z = Φ⁻¹(p), where it
    /// is exact to the last bit; nil elsewhere.
    ///
    /// The beta route loses about ν·ε relatively for large ν, because y = t²/(ν + t²) then
    /// lies above the mean of Beta(½, ν/2) and the continued fraction has to be evaluated
    /// at 1 − y, which is rounded (1e−11 at ν = 10⁴ and p = 0.025, 5e−11 at ν = 10⁷). The
    /// expansion's truncation error is below 3e−6·(1 + |z|)¹¹/ν⁵ relatively (checked
    /// against 50-digit arithmetic for ν from 10³ to 10⁵ and p from 10⁻¹⁵ to ½: where
    /// that bound is below 10⁻¹⁶, the error was at most 6e−17), so it is used there: for
    /// p = 0.025 from ν ≈ 1,350, for p = 10⁻¹² from ν ≈ 1.3·10⁴.
    static func largeDegreesOfFreedomQuantile(_ p: Double, _ nu: Double) -> Double? {
        guard nu >= 1000 else { return nil }
        let z = NormalDistribution.quantile(p)
        guard log(3e-6) + 11 * log1p(abs(z)) - 5 * log(nu) <= log(1e-16) else { return nil }
        let z2 = z * z
        let g1 = (z2 + 1) * z / 4
        let g2 = ((5 * z2 + 16) * z2 + 3) * z / 96
        let g3 = (((3 * z2 + 19) * z2 + 17) * z2 - 15) * z / 384
        let g4 = ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945) * z / 92160
        return z + (g1 + (g2 + (g3 + g4 / nu) / nu) / nu) / nu
    }

    /// The upper quantile t₁₋ₜ with P(T > t) = tail, computed without forming 1 − tail:
    /// R's `qt(tail, df, lower.tail = FALSE)`.
    public static func upperQuantile(_ tail: Double, degreesOfFreedom nu: Double) -> Double {
        -quantile(tail, degreesOfFreedom: nu)
    }
}
