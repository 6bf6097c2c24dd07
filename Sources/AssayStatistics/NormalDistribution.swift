#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The standard normal distribution, N(0, 1): the z in every sample-size formula and
/// every normal-approximation interval Assay reports.
///
/// Plans and reports are checked against R, so the quantile is R's own algorithm rather
/// than a cheaper approximation: a plan that differs from R's by one audit is a plan
/// somebody has to explain to a scrutiny committee.
public enum NormalDistribution {
    /// Φ(x), the probability that a standard normal value is at most `x`.
    ///
    /// Computed as ½·erfc(−x/√2) rather than ½·(1 + erf(x/√2)) so that the lower tail keeps
    /// its relative accuracy (erf would round Φ(−10) ≈ 7.6e−24 to 0). Rounding x/√2 costs
    /// about x²·2⁻⁵³ relatively in the far tails (1e−13 at x = −37, 3e−15 at x = −5), far
    /// below anything a plan or a report shows; R's `pnorm` (Cody 1969) agrees to 1e−12.
    public static func cdf(_ x: Double) -> Double {
        0.5 * erfc(-x / 2.0.squareRoot())
    }

    /// Φ⁻¹(p), the z with Φ(z) = p: accurate to about 1 part in 10¹⁶.
    ///
    /// Wichura, M. J. (1988), "Algorithm AS 241: The percentage points of the normal
    /// distribution", *Applied Statistics* 37(3), 477–484, function PPND16: rational
    /// approximations of degree 7 in three regions (|p − ½| ≤ 0.425; then r = √(−log
    /// min(p, 1 − p)) ≤ 5; then r > 5). It is the algorithm of R's `qnorm`, so Assay's z
    /// values agree with R's to the last bit or two.
    ///
    /// Returns −∞ at 0, +∞ at 1, and NaN outside [0, 1] or for NaN, as R does: callers
    /// validate probabilities where they come from a person, with the option's name.
    public static func quantile(_ p: Double) -> Double {
        guard p >= 0 && p <= 1 else { return .nan }
        if p == 0 { return -.infinity }
        if p == 1 { return .infinity }

        let q = p - 0.5
        if abs(q) <= 0.425 {
            // Central region, 0.075 ≤ p ≤ 0.925: a rational function of r = 0.425² − q².
            let r = 0.180625 - q * q
            let numerator = ((((((r * 2509.0809287301226727
                + 33430.575583588128105) * r + 67265.770927008700853) * r
                + 45921.953931549871457) * r + 13731.693765509461125) * r
                + 1971.5909503065514427) * r + 133.14166789178437745) * r
                + 3.387132872796366608
            let denominator = ((((((r * 5226.495278852854561
                + 28729.085735721942674) * r + 39307.89580009271061) * r
                + 21213.794301586595867) * r + 5394.1960214247511077) * r
                + 687.1870074920579083) * r + 42.313330701600911252) * r
                + 1.0
            return q * numerator / denominator
        }

        // Tails: work with the smaller of p and 1 − p, so min(p, 1 − p) = exp(−r²).
        var r = (-log(q < 0 ? p : 1 - p)).squareRoot()
        let value: Double
        if r <= 5 {
            // exp(−25) ≈ 1.39e−11 ≤ min(p, 1 − p) < 0.075.
            r -= 1.6
            let numerator = ((((((r * 7.7454501427834140764e-4
                + 0.0227238449892691845833) * r + 0.24178072517745061177) * r
                + 1.27045825245236838258) * r + 3.64784832476320460504) * r
                + 5.7694972214606914055) * r + 4.6303378461565452959) * r
                + 1.42343711074968357734
            let denominator = ((((((r * 1.05075007164441684324e-9
                + 5.475938084995344946e-4) * r + 0.0151986665636164571966) * r
                + 0.14810397642748007459) * r + 0.68976733498510000455) * r
                + 1.6763848301838038494) * r + 2.05319162663775882187) * r
                + 1.0
            value = numerator / denominator
        } else {
            // The far tails, min(p, 1 − p) < exp(−25).
            r -= 5
            let numerator = ((((((r * 2.01033439929228813265e-7
                + 2.71155556874348757815e-5) * r + 0.0012426609473880784386) * r
                + 0.026532189526576123093) * r + 0.29656057182850489123) * r
                + 1.7848265399172913358) * r + 5.4637849111641143699) * r
                + 6.6579046435011037772
            let denominator = ((((((r * 2.04426310338993978564e-15
                + 1.4215117583164458887e-7) * r + 1.8463183175100546818e-5) * r
                + 7.868691311456132591e-4) * r + 0.0148753612908506148525) * r
                + 0.13692988092273580531) * r + 0.59983220655588793769) * r
                + 1.0
            value = numerator / denominator
        }
        return q < 0 ? -value : value
    }

    /// Φ⁻¹(1 − tail), the z that leaves `tail` above it (1.96 for tail 0.025).
    ///
    /// Computed as −Φ⁻¹(tail) so a small tail keeps its precision (1 − 1e−12 would already
    /// have lost four digits); R's `qnorm(tail, lower.tail = FALSE)` does the same.
    static func upperQuantile(_ tail: Double) -> Double {
        -quantile(tail)
    }
}
