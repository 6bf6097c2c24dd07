#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The beta distribution Beta(a, b) on [0, 1]: its distribution function, the regularized
/// incomplete beta function I_x(a, b), and (in BetaDistribution+Quantile.swift) its
/// quantile.
///
/// Assay needs it for the beta (Korn–Graubard and Clopper–Pearson) intervals around an
/// inadequate rate, and, through the t distribution, for their degrees-of-freedom factor.
/// Those intervals are checked against R's `svyciprop`, which calls R's `qbeta`, so the
/// functions here are written to agree with R's `pbeta` and `qbeta` to about 1e−13, not
/// merely to the printed digits (docs/statistics.md names the few corners, far from the
/// shapes an interval uses, where they agree only to 1e−11). The shapes the intervals use are not whole numbers
/// (an effective sample size times a rate), and range from about 10⁻³ to 10⁵ and more.
///
/// Method: the continued fraction for I_x(a, b) (Abramowitz & Stegun 26.5.8), evaluated by
/// the modified Lentz algorithm (Press et al., *Numerical Recipes*, 3rd ed., §6.4), on the
/// side of the mean where it converges fast, the other tail by I_x(a, b) = 1 − I₁₋ₓ(b, a).
/// The prefactor xᵃ(1 − x)ᵇ / B(a, b) is computed, when both shapes are 8 or more, in the
/// form of TOMS 708's `brcomp` (Didonato & Morris 1992), which cancels the large terms
/// analytically; otherwise from logarithms with `LogBeta.logBeta`.
public enum BetaDistribution {
    /// I_x(a, b) = P(X ≤ x) for X ~ Beta(a, b): R's `pbeta(x, a, b)`.
    ///
    /// Shapes may be 0 or +∞, as in R: a = 0 (or b = ∞ with a finite) is a point mass at
    /// 0, b = 0 (or a = ∞) a point mass at 1, a = b = 0 half of each, a = b = ∞ a point
    /// mass at ½. NaN for a NaN argument or a negative shape.
    public static func cdf(_ x: Double, a: Double, b: Double) -> Double {
        tails(x, a: a, b: b).lower
    }

    /// P(X > x) = 1 − I_x(a, b), computed directly rather than by subtraction where that
    /// tail is the small one, so it keeps its relative precision:
    /// R's `pbeta(x, a, b, lower.tail = FALSE)`.
    public static func survival(_ x: Double, a: Double, b: Double) -> Double {
        tails(x, a: a, b: b).upper
    }

    /// The density xᵃ⁻¹(1 − x)ᵇ⁻¹ / B(a, b) for 0 < x < 1 and finite positive shapes:
    /// R's `dbeta(x, a, b)`.
    public static func density(_ x: Double, a: Double, b: Double) -> Double {
        guard x > 0 && x < 1 && a > 0 && b > 0 && a.isFinite && b.isFinite else {
            return x.isNaN || a.isNaN || b.isNaN ? .nan : 0
        }
        return prefactor(x, a: a, b: b) / (x * (1 - x))
    }

    /// Both tails at x. One of them is computed directly, the other by subtraction; the
    /// direct one is the one on x's side of the distribution's bulk, where the continued
    /// fraction converges.
    static func tails(_ x: Double, a: Double, b: Double) -> (lower: Double, upper: Double) {
        if x.isNaN || a.isNaN || b.isNaN || a < 0 || b < 0 { return (.nan, .nan) }
        if x <= 0 { return (0, 1) }
        if x >= 1 { return (1, 0) }
        if let mass = pointMass(a: a, b: b) {
            // Degenerate shapes: all the mass at 0, at 1, or split between them.
            switch mass {
            case .atZero: return (1, 0)
            case .atOne: return (0, 1)
            case .half: return (0.5, 0.5)
            case .atHalf: return x < 0.5 ? (0, 1) : (1, 0)
            }
        }
        let front = prefactor(x, a: a, b: b)
        if x < (a + 1) / (a + b + 2) {
            let lower = front * continuedFraction(x, a: a, b: b) / a
            return (lower, 1 - lower)
        } else {
            // 1 − x is exact here whenever x ≥ ½, and within half an ulp of a number above
            // ½ otherwise, so the reflected fraction loses nothing.
            let upper = front * continuedFraction(1 - x, a: b, b: a) / b
            return (1 - upper, upper)
        }
    }

    /// Where the mass of a beta distribution with a shape of 0 or ∞ lies; nil for the
    /// ordinary case of two finite positive shapes.
    enum PointMass { case atZero, atOne, half, atHalf }

    static func pointMass(a: Double, b: Double) -> PointMass? {
        if a > 0 && b > 0 && a.isFinite && b.isFinite { return nil }
        if a == 0 && b == 0 { return .half }
        if a.isInfinite && b.isInfinite { return .atHalf }
        if a == 0 || b.isInfinite { return .atZero }
        return .atOne
    }

    /// xᵃ(1 − x)ᵇ / B(a, b), for 0 < x < 1 and finite positive shapes. It is a·I_x(a, b)
    /// divided by the continued fraction, and x(1 − x) times the density.
    static func prefactor(_ x: Double, a: Double, b: Double) -> Double {
        if a >= 8 && b >= 8 {
            return largeShapePrefactor(x, a: a, b: b)
        }
        return exp(a * log(x) + b * log1p(-x) - LogBeta.logBeta(a, b))
    }

    /// The prefactor for a, b ≥ 8 in the form of TOMS 708's `brcomp` (Didonato & Morris
    /// 1992, Algorithm 708, *ACM TOMS* 18(3), 360–373):
    ///
    ///   xᵃyᵇ / B(a, b) = √(b·x₀ / 2π) · exp(−(a·u + b·v)) · exp(−[δ(a) + δ(b) − δ(a + b)])
    ///
    /// with x₀ = a/(a + b), y₀ = b/(a + b), λ = a − (a + b)x, u = r(−λ/a), v = r(λ/b),
    /// r(e) = e − log(1 + e), and δ the Stirling remainder. At a = b = 10⁴ the naive
    /// a·log x + b·log(1 − x) − log B(a, b) subtracts numbers near 10⁴ and keeps about 12
    /// digits; this form keeps them all.
    static func largeShapePrefactor(_ x: Double, a: Double, b: Double) -> Double {
        let y = 1 - x
        let x0: Double, y0: Double
        if a <= b {
            let h = a / b
            x0 = h / (1 + h)
            y0 = 1 / (1 + h)
        } else {
            let h = b / a
            x0 = 1 / (1 + h)
            y0 = h / (1 + h)
        }
        // λ = a − (a + b)x = (a + b)y − b; use whichever of x and y is exact (y = 1 − x is
        // exact when x ≥ ½).
        let lambda = x >= 0.5 ? (a + b) * y - b : a - (a + b) * x
        var e = -lambda / a
        let u = abs(e) > 0.6 ? e - (log(x) - log(x0)) : e - log1p(e)
        e = lambda / b
        let v = abs(e) > 0.6 ? e - (log1p(-x) - log(y0)) : e - log1p(e)
        let stirling = LogBeta.stirlingRemainder(a) + LogBeta.stirlingRemainder(b)
            - LogBeta.stirlingRemainder(a + b)
        return (b * x0).squareRoot() / (2 * Double.pi).squareRoot() * exp(-(a * u + b * v) - stirling)
    }

    /// The continued fraction of A&S 26.5.8, 1/(1 + d₁/(1 + d₂/(1 + …))), with
    /// d₂ₘ₊₁ = −(a + m)(a + b + m)x / ((a + 2m)(a + 2m + 1)) and
    /// d₂ₘ = m(b − m)x / ((a + 2m − 1)(a + 2m)), by the modified Lentz algorithm
    /// (Numerical Recipes §5.2, §6.4). It converges in O(√max(a, b)) steps for
    /// x < (a + 1)/(a + b + 2). The loop stops when a step changes the value by less than
    /// one unit in the last place.
    static func continuedFraction(_ x: Double, a: Double, b: Double) -> Double {
        let tiny = Double.leastNormalMagnitude / Double.ulpOfOne
        let qab = a + b, qap = a + 1, qam = a - 1
        var c = 1.0
        var d = 1 - qab * x / qap
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var h = d
        var m = 1.0
        // The bound only guards against a shape that never converges; the fixture's shapes
        // (up to 5·10⁵) take at most about 250 steps on the side chosen in `tails`.
        while m <= 1e7 {
            let m2 = 2 * m
            var aa = m * (b - m) * x / ((qam + m2) * (a + m2))
            d = 1 + aa * d
            if abs(d) < tiny { d = tiny }
            c = 1 + aa / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            h *= d * c
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
            d = 1 + aa * d
            if abs(d) < tiny { d = tiny }
            c = 1 + aa / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let step = d * c
            h *= step
            if abs(step - 1) <= Double.ulpOfOne { break }
            m += 1
        }
        return h
    }
}
