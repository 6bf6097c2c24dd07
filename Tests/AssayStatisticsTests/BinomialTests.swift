@testable import AssayStatistics
import Testing

@Suite("Binomial distribution and exact funnel limits")
struct BinomialTests {
    private static let reference = ComparisonReferenceValues.comparisons

    @Test("pmf and cdf agree with R's dbinom and pbinom to 1e-12", arguments: reference.binomial.indices)
    func massAndCDFMatchR(_ i: Int) {
        let c = Self.reference.binomial[i]
        let b = Binomial(trials: c.n, probability: c.theta)
        #expect(relativeError(b.pmf(c.r), c.pmf) <= 1e-12, "n \(c.n) θ \(c.theta) r \(c.r): pmf \(b.pmf(c.r)) vs R \(c.pmf)")
        #expect(relativeError(b.cdf(c.r), c.cdf) <= 1e-12, "n \(c.n) θ \(c.theta) r \(c.r): cdf \(b.cdf(c.r)) vs R \(c.cdf)")
    }

    /// qbinom exactly; the interpolated limit (unclipped) to 1e−12 absolute.
    @Test("quantile and interpolated limit agree with R", arguments: reference.binomialLimits.indices)
    func limitMatchesR(_ i: Int) {
        let c = Self.reference.binomialLimits[i]
        let b = Binomial(trials: c.n, probability: c.theta)
        #expect(b.quantile(c.p) == c.r, "n \(c.n) θ \(c.theta) p \(c.p): \(String(describing: b.quantile(c.p))) vs R \(c.r)")
        let limit = FunnelLimits.exactLimit(b, probability: c.p)
        #expect(abs(limit - c.limit) <= 1e-12, "n \(c.n) θ \(c.theta) p \(c.p): \(limit) vs R \(c.limit)")
    }

    @Test("quantile at a p that is exactly P(X ≤ r) returns r", arguments: reference.binomialTies.indices)
    func leftContinuous(_ i: Int) {
        let c = Self.reference.binomialTies[i]
        #expect(Binomial(trials: c.n, probability: c.theta).quantile(c.p) == c.r)
    }

    @Test("degenerate and out-of-range arguments")
    func edges() {
        let zero = Binomial(trials: 5, probability: 0)
        #expect(zero.pmf(0) == 1 && zero.cdf(0) == 1 && zero.quantile(0.999) == 0)
        let one = Binomial(trials: 5, probability: 1)
        #expect(one.pmf(5) == 1 && one.cdf(4) == 0 && one.quantile(0.001) == 5)
        let b = Binomial(trials: 10, probability: 0.3)
        #expect(b.cdf(-1) == 0 && b.cdf(10) == 1 && b.cdf(99) == 1 && b.pmf(11) == 0)
        #expect(b.quantile(0) == 0 && b.quantile(1) == 10)
        #expect(b.quantile(-0.1) == nil && b.quantile(1.5) == nil && b.quantile(.nan) == nil)
        let none = Binomial(trials: 0, probability: 0.4)
        #expect(none.pmf(0) == 1 && none.cdf(0) == 1)
    }

    @Test("probabilities sum to 1 and the cdf never decreases")
    func coherent() {
        for (n, theta) in [(1, 0.5), (37, 0.2), (400, 0.07), (3000, 0.5)] {
            let b = Binomial(trials: n, probability: theta)
            let total = (0...n).reduce(0.0) { $0 + b.pmf($1) }
            #expect(abs(total - 1) < 1e-12)
            for r in 1...n { #expect(b.cdf(r) >= b.cdf(r - 1)) }
        }
    }

    /// The table is kept only where masses do not underflow; this is the whole table as it
    /// was first written (every r from 0 to n, the lower sums from 0 up to the mode, the
    /// upper from n down), so the two must agree bit for bit, zeros outside included.
    @Test("the table kept around the mode is the whole table bit for bit",
          arguments: [(12, 0.15), (700, 0.5), (5000, 0.02), (20000, 0.15), (50000, 0.001), (90000, 0.97), (3, 0.999)])
    func windowIsTheWholeTable(_ n: Int, _ theta: Double) {
        let q = 1 - theta
        let masses = (0...n).map { Binomial.mass($0, n: n, p: theta, q: q) }
        let mode = min(n, max(0, Int((Double(n + 1) * theta).rounded(.down))))
        var cumulative = [Double](repeating: 0, count: n + 1)
        var lower = 0.0
        for r in 0...mode { lower += masses[r]; cumulative[r] = min(1, lower) }
        var upper = 0.0
        for r in stride(from: n, to: mode, by: -1) { cumulative[r] = min(1, 1 - upper); upper += masses[r] }
        cumulative[n] = 1   // cdf(n) is 1 by definition
        let b = Binomial(trials: n, probability: theta)
        let differing = (0...n).filter { b.pmf($0).bitPattern != masses[$0].bitPattern || b.cdf($0).bitPattern != cumulative[$0].bitPattern }
        #expect(differing.isEmpty, "n \(n) θ \(theta): differs at r = \(differing.prefix(5))")
        if n >= 20000 { #expect(masses.filter { $0 == 0 }.count > n / 2, "a large team's table is mostly zeros") }
    }
}
