#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension BetaDistribution {
    /// The x with I_x(a, b) = p: R's `qbeta(p, a, b)`. The limits of every beta interval
    /// Assay reports are values of this function.
    ///
    /// Returns 0 at p = 0 and 1 at p = 1, the point mass for a shape of 0 or ∞ (as
    /// `cdf` describes), and NaN for p outside [0, 1], a NaN argument or a negative shape.
    public static func quantile(_ p: Double, a: Double, b: Double) -> Double {
        guard p >= 0 && p <= 1 else { return .nan }
        // For p above ½ the upper tail 1 − p is the smaller; 1 − p is exact there.
        return p <= 0.5 ? invert(p, upperTail: false, a: a, b: b)
                        : invert(1 - p, upperTail: true, a: a, b: b)
    }

    /// The x with P(X > x) = q: R's `qbeta(q, a, b, lower.tail = FALSE)`. Use it when q is
    /// known more precisely than 1 − q (a small upper tail): the t quantile does.
    public static func upperQuantile(_ q: Double, a: Double, b: Double) -> Double {
        guard q >= 0 && q <= 1 else { return .nan }
        return q <= 0.5 ? invert(q, upperTail: true, a: a, b: b)
                        : invert(1 - q, upperTail: false, a: a, b: b)
    }

    /// Solves tail(x) = target, where tail is the lower tail I_x(a, b) or the upper tail
    /// 1 − I_x(a, b), and target ≤ ½ is the smaller of the two probabilities.
    ///
    /// Newton's method on log tail(x) = log target, stepping in log x when x ≤ ½ and in
    /// log(1 − x) when x > ½. Near 0 the lower tail behaves like C·xᵃ, and near 1 the upper
    /// tail like C·(1 − x)ᵇ, so in those variables the equation is nearly linear and Newton
    /// converges in a few steps even for tiny shapes, where a step in x itself would
    /// overshoot by orders of magnitude; the steps also never leave (0, 1). A bracket
    /// [lo, hi] around the root is kept from the signs seen so far, and any step that would
    /// leave it is replaced by bisection (geometric in x or 1 − x away from the middle, so
    /// that a root near 10⁻³⁰⁰ is reached in a few hundred halvings at worst). It stops
    /// when a Newton step moves x by less than 10⁻¹³ of x (or of 1 − x): Newton converges
    /// quadratically, so the step it then takes leaves an error far below one ulp.
    static func invert(_ target: Double, upperTail: Bool, a: Double, b: Double) -> Double {
        if target.isNaN || a.isNaN || b.isNaN || a < 0 || b < 0 { return .nan }
        // The x at which the smaller tail is empty: 0 for the lower tail, 1 for the upper.
        let emptyEnd: Double = upperTail ? 1 : 0
        if target == 0 { return emptyEnd }
        if let mass = pointMass(a: a, b: b) {
            switch mass {
            case .atZero: return 0
            case .atOne: return 1
            case .half: return target < 0.5 ? emptyEnd : 0.5
            case .atHalf: return 0.5
            }
        }

        let logTarget = log(target)
        // d tail / dx is +density for the lower tail and −density for the upper.
        let sign: Double = upperTail ? -1 : 1
        var lo = 0.0, hi = 1.0
        var x = initialGuess(upperTail ? 1 - target : target, a: a, b: b)
        if !(x > 0 && x < 1) { x = 0.5 }
        if x < Double.leastNormalMagnitude { x = Double.leastNormalMagnitude }

        for _ in 0..<2000 {
            let (lower, upper) = tails(x, a: a, b: b)
            let tail = upperTail ? upper : lower
            if tail == target { return x }
            // The lower tail increases with x; x is too small when it is still below the
            // target (or the upper tail still above it).
            if (tail < target) != upperTail { lo = x } else { hi = x }

            var next = Double.nan
            let front = prefactor(x, a: a, b: b)
            if tail > 0 && front > 0 {
                let g = log(tail) - logTarget
                if x <= 0.5 {
                    // t = log x: d log tail / dt = sign · x · density / tail, and
                    // x · density = front / (1 − x).
                    let dt = -g * tail * (1 - x) / (sign * front)
                    next = x * exp(dt)
                    if abs(dt) <= 1e-13, next.isFinite { return next }
                } else {
                    // s = log(1 − x): d log tail / ds = −sign · (1 − x) · density / tail.
                    let ds = g * tail * x / (sign * front)
                    next = 1 - (1 - x) * exp(ds)
                    if abs(ds) <= 1e-13, next.isFinite { return next }
                }
            }
            if !(next > lo && next < hi) {
                next = bisect(lo, hi)
            }
            // A root beyond the last double before 1 (or the first after 0) rounds to 1 (or
            // 0): try that double once, and if x is still on the near side of it, answer the
            // end. Without this, tiny shapes, whose quantiles are often 1 − 10⁻³⁰⁰ or
            // 10⁻⁵⁰⁰⁰⁰, would end wherever rounding noise left the iteration, and the
            // quantile would not even be monotone.
            if next >= 1 && hi == 1 {
                if lo == Double(1).nextDown { return 1 }
                next = Double(1).nextDown
            } else if next <= 0 && lo == 0 {
                if hi == Double.leastNonzeroMagnitude { return 0 }
                next = Double.leastNonzeroMagnitude
            }
            if !(next > lo && next < hi) {
                // The bracket is down to adjacent doubles: answer the one whose tail is
                // nearer the target.
                return nearer(lo, hi, to: target, upperTail: upperTail, a: a, b: b)
            }
            x = next
        }
        return x
    }

    /// Whichever of two adjacent candidates has its tail nearer the target.
    static func nearer(_ lo: Double, _ hi: Double, to target: Double, upperTail: Bool, a: Double, b: Double) -> Double {
        func miss(_ x: Double) -> Double {
            let (lower, upper) = tails(x, a: a, b: b)
            return abs((upperTail ? upper : lower) - target)
        }
        return miss(lo) <= miss(hi) ? lo : hi
    }

    /// A point strictly inside (lo, hi) that halves the bracket: in ratio when the bracket
    /// lies below ½ (or in 1 − x above it), so that tails near 0 or 1 shrink by orders of
    /// magnitude per step, and arithmetically when it straddles ½.
    static func bisect(_ lo: Double, _ hi: Double) -> Double {
        if hi <= 0.5 {
            return lo > 0 ? exp(0.5 * (log(lo) + log(hi))) : hi / 1024
        }
        if lo >= 0.5 {
            let a = 1 - lo, b = 1 - hi  // both exact
            return 1 - (b > 0 ? exp(0.5 * (log(a) + log(b))) : a / 1024)
        }
        return 0.5 * (lo + hi)
    }

    /// A first guess at the p-quantile, as in *Numerical Recipes* (3rd ed., §6.14.1,
    /// `invbetai`): for a, b ≥ 1 a normal approximation (Abramowitz & Stegun 26.5.22);
    /// otherwise the leading terms of the two tails, I_x ≈ xᵃ/(a·w) near 0 and
    /// 1 − I_x ≈ (1 − x)ᵇ/(b·w) near 1. Powers are taken through logarithms so a tiny
    /// shape gives a tiny guess rather than overflow. Newton does the rest.
    static func initialGuess(_ p: Double, a: Double, b: Double) -> Double {
        if a >= 1 && b >= 1 {
            let pp = p < 0.5 ? p : 1 - p
            let t = (-2 * log(pp)).squareRoot()
            var z = (2.30753 + t * 0.27061) / (1 + t * (0.99229 + t * 0.04481)) - t
            if p < 0.5 { z = -z }
            let al = (z * z - 3) / 6
            let h = 2 / (1 / (2 * a - 1) + 1 / (2 * b - 1))
            let w = z * (al + h).squareRoot() / h
                - (1 / (2 * b - 1) - 1 / (2 * a - 1)) * (al + 5.0 / 6 - 2 / (3 * h))
            return a / (a + b * exp(2 * w))
        }
        let lna = log(a / (a + b)), lnb = log(b / (a + b))
        let t = exp(a * lna) / a, u = exp(b * lnb) / b
        let w = t + u
        if p < t / w {
            return exp(log(a * w * p) / a)
        }
        return -expm1(log(b * w * (1 - p)) / b)
    }
}
