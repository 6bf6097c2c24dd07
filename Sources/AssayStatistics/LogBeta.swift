#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// log B(a, b) and the Stirling-series remainder it is built from: the normalising
/// constant of the beta distribution, which the interval for an inadequate rate needs at
/// shapes from about 10⁻³ (a rate near 0 with a tiny effective sample size) to 10⁵ and
/// more (an authority-wide rate from a large, heavily corrected sample).
///
/// log B(a, b) = log Γ(a) + log Γ(b) − log Γ(a + b) loses digits to cancellation when the
/// shapes are large: at a = b = 10⁴ each log Γ is about 8·10⁴, so the difference keeps only
/// about 11 significant digits. Writing each log Γ as Stirling's formula plus a small
/// remainder δ(x) and cancelling the large terms analytically keeps full precision; R's
/// `lbeta` does the same (its `lgammacor`), and so does TOMS 708 (Didonato & Morris 1992).
enum LogBeta {
    /// log √(2π).
    static let logSqrtTwoPi = 0.918938533204672741780329736406

    /// δ(x) = log Γ(x) − [(x − ½)·log x − x + log √(2π)], the remainder of Stirling's
    /// formula, for x ≥ 8.
    ///
    /// The asymptotic series Σ B₂ₖ / (2k(2k − 1)·x²ᵏ⁻¹) (Abramowitz & Stegun 6.1.40) with
    /// eight terms: at x = 8 the first omitted term is below 10⁻¹⁶, so δ is exact to the
    /// last bit that matters in an exponent.
    static func stirlingRemainder(_ x: Double) -> Double {
        precondition(x >= 8, "the Stirling series is used for x ≥ 8 only")
        let inverse = 1 / x
        let square = inverse * inverse
        // B₂ₖ / (2k(2k − 1)) for k = 1 … 8.
        let series = 1.0 / 12
            + square * (-1.0 / 360
            + square * (1.0 / 1260
            + square * (-1.0 / 1680
            + square * (1.0 / 1188
            + square * (-691.0 / 360360
            + square * (1.0 / 156
            + square * (-3617.0 / 122400)))))))
        return series * inverse
    }

    /// log B(a, b) for a, b > 0, accurate to a few units in the last place of the
    /// exponent whatever the shapes. The three cases are R's `lbeta` (src/nmath/lbeta.c).
    static func logBeta(_ a: Double, _ b: Double) -> Double {
        let p = min(a, b), q = max(a, b)
        if p >= 10 {
            // Both large: cancel Stirling's leading terms analytically.
            let correction = stirlingRemainder(p) + stirlingRemainder(q) - stirlingRemainder(p + q)
            return -0.5 * log(q) + logSqrtTwoPi + correction
                + (p - 0.5) * log(p / (p + q)) + q * log1p(-p / (p + q))
        }
        if q >= 10 {
            // One large: only log Γ(q) − log Γ(p + q) would cancel.
            let correction = stirlingRemainder(q) - stirlingRemainder(p + q)
            return lgamma(p) + correction + p - p * log(p + q) + (q - 0.5) * log1p(-p / (p + q))
        }
        // Both small: every log Γ is below 13 in size, so nothing cancels badly.
        return lgamma(p) + lgamma(q) - lgamma(p + q)
    }
}
