#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The binomial distribution of the number of inadequate audits among `trials` audits
/// when each is inadequate with probability `probability`: the exact null distribution
/// behind a funnel plot's limits.
///
/// Funnel limits for small teams must be exact, not normal approximations: a team of 8
/// audits at an authority rate of 15% has a very skewed distribution, and a symmetric
/// limit would flag nobody above and could never flag anyone below. The limits are read
/// from `quantile` and `cdf` (R's `qbinom` and `pbinom`), so those are computed to nearly
/// full precision:
///
/// - Each probability P(X = r) is computed by Loader's saddle-point method, as R's
///   `dbinom` does: C. Loader (2000), "Fast and accurate computation of binomial
///   probabilities", technical report, Bell Labs. Writing log C(n, r) with Stirling's
///   formula plus its small remainder, and the log-likelihood terms as deviances
///   `bd0`, avoids the cancellation between log-gammas of size n·log n that a direct
///   `lgamma` formula suffers (about 11 significant digits left at n = 5,000).
/// - P(X ≤ r) sums the probabilities of whichever tail is shorter and lies on the far
///   side of the mode, so each cumulative value is accurate to about 1e−15 absolute and
///   a lower tail keeps its relative accuracy.
///
/// The table holds only the masses that do not underflow: walking out from the mode, the
/// first mass that is exactly 0 ends each side, and every r beyond it has mass 0 as well
/// (out there, about 36 standard deviations σ from the mean at n = 50,000, the log-mass falls
/// by about 36/σ a step: orders of magnitude more than its rounding error). The sums are then the same numbers added in the same order as over the whole of 0 … n,
/// less additions of zero, so every value is bit for bit what the full table gives. A
/// team of 50,000 audits at 15% keeps about 6,100 terms, not 50,001; small teams keep
/// them all. Every funnel limit at that n is then a binary search.
public struct Binomial: Sendable {
    /// n, the number of audits.
    public let trials: Int
    /// θ, the probability that one audit is inadequate.
    public let probability: Double
    /// The first r whose mass is not 0: `masses[i]` is P(X = first + i).
    private let first: Int
    /// P(X = r) for r = first … first + masses.count − 1; 0 outside.
    private let masses: [Double]
    /// P(X ≤ r) for the same r; 0 below them and 1 above.
    private let cumulative: [Double]

    public init(trials n: Int, probability p: Double) {
        precondition(n >= 0, "the number of trials cannot be negative")
        precondition(p >= 0 && p <= 1, "a probability lies in [0, 1]")
        trials = n
        probability = p
        let q = 1 - p
        let mode = min(n, max(0, Int((Double(n + 1) * p).rounded(.down))))
        var below: [Double] = []   // P(X = mode − 1), P(X = mode − 2), … while not 0
        var r = mode - 1
        while r >= 0 {
            let mass = Binomial.mass(r, n: n, p: p, q: q)
            if mass == 0 { break }
            below.append(mass)
            r -= 1
        }
        var masses = below.reversed() + [Binomial.mass(mode, n: n, p: p, q: q)]
        r = mode + 1
        while r <= n {
            let mass = Binomial.mass(r, n: n, p: p, q: q)
            if mass == 0 { break }
            masses.append(mass)
            r += 1
        }
        let first = mode - below.count
        // Below or at the mode, sum from the first up; above it, 1 − (sum from the last down).
        var cumulative = [Double](repeating: 0, count: masses.count)
        let modeIndex = mode - first
        var lower = 0.0
        for i in 0...modeIndex {
            lower += masses[i]
            cumulative[i] = lower
        }
        var upper = 0.0
        for i in stride(from: masses.count - 1, to: modeIndex, by: -1) {
            cumulative[i] = 1 - upper
            upper += masses[i]
        }
        self.first = first
        self.masses = masses
        self.cumulative = cumulative.map { min(1, $0) }
    }

    /// P(X = r), R's `dbinom(r, n, θ)`; 0 outside 0 … n.
    public func pmf(_ r: Int) -> Double {
        let i = r - first
        return masses.indices.contains(i) ? masses[i] : 0
    }

    /// P(X ≤ r), R's `pbinom(r, n, θ)`; 0 below 0 and 1 from n up.
    public func cdf(_ r: Int) -> Double {
        if r < 0 { return 0 }
        if r >= trials { return 1 }
        let i = r - first
        if i < 0 { return 0 }
        if i >= cumulative.count { return 1 }
        return cumulative[i]
    }

    /// The smallest r with P(X ≤ r) ≥ p: R's `qbinom(p, n, θ)`.
    ///
    /// p is first shrunk by 8 units of rounding, p·(1 − 8ε), as R (4.2 and later) does,
    /// so that a p computed as some P(X ≤ r) returns that r, not r + 1, when rounding
    /// leaves it a hair above the true value. Nil for p outside [0, 1] or NaN.
    public func quantile(_ p: Double) -> Int? {
        guard p >= 0 && p <= 1 else { return nil }
        if p == 0 { return 0 }
        let target = p * (1 - 8 * Double.ulpOfOne)
        var low = 0, high = trials   // cdf(trials) = 1 ≥ target
        while low < high {
            let middle = (low + high) / 2
            if cdf(middle) >= target { high = middle } else { low = middle + 1 }
        }
        return low
    }

    // MARK: Loader's algorithm (R's dbinom_raw, stirlerr and bd0)

    /// P(X = x) for 0 ≤ x ≤ n.
    static func mass(_ x: Int, n: Int, p: Double, q: Double) -> Double {
        if p == 0 { return x == 0 ? 1 : 0 }
        if q == 0 { return x == n ? 1 : 0 }
        let nd = Double(n), xd = Double(x)
        if x == 0 {
            if n == 0 { return 1 }
            return exp(p < 0.1 ? -deviance(nd, nd * q) - nd * p : nd * log(q))
        }
        if x == n {
            return exp(q < 0.1 ? -deviance(nd, nd * p) - nd * q : nd * log(p))
        }
        let logCore = stirlingError(n) - stirlingError(x) - stirlingError(n - x)
            - deviance(xd, nd * p) - deviance(nd - xd, nd * q)
        let logFactor = log(2 * Double.pi) + log(xd) + log1p(-xd / nd)
        return exp(logCore - 0.5 * logFactor)
    }

    /// log n! − [(n + ½)·log n − n + log √(2π)], the error of Stirling's formula.
    ///
    /// Up to 15 from `lgamma` (every term is below 28, so the difference keeps about 15
    /// digits absolute, and it enters an exponent); above 15 the asymptotic series that
    /// `LogBeta.stirlingRemainder` sums (Abramowitz & Stegun 6.1.41).
    static func stirlingError(_ n: Int) -> Double {
        let x = Double(n)
        if n <= 15 {
            precondition(n >= 1, "Stirling's error is used for n ≥ 1 only")
            return lgamma(x + 1) - (x + 0.5) * log(x) + x - LogBeta.logSqrtTwoPi
        }
        return LogBeta.stirlingRemainder(x)
    }

    /// x·log(x / m) + m − x, the deviance term, without cancellation when x ≈ m: there the
    /// series 2x·Σ v^(2j+1)/(2j + 1) − (x − m)·v with v = (x − m)/(x + m) converges fast.
    static func deviance(_ x: Double, _ m: Double) -> Double {
        if abs(x - m) < 0.1 * (x + m) {
            var v = (x - m) / (x + m)
            var sum = (x - m) * v
            if abs(sum) < Double.leastNormalMagnitude { return sum }
            var term = 2 * x * v
            v *= v
            for j in 1..<1000 {
                term *= v
                let next = sum + term / Double(2 * j + 1)
                if next == sum { return next }
                sum = next
            }
            return sum
        }
        return x * log(x / m) + m - x
    }
}
