import AssayStatistics
import Foundation
import Testing

@Suite("Beta distribution")
struct BetaDistributionTests {
    static let reference = DistributionReferenceValues.shared

    /// Relative tolerance against R's `pbeta` for each tail. 1e−13 everywhere but the
    /// three corners docs/statistics.md names, where one tail is found by subtraction
    /// from 1 or the continued fraction is evaluated at 1 − x.
    static func cdfTolerance(_ c: DistributionReferenceValues.BetaCDF) -> (lower: Double, upper: Double) {
        switch (c.x, c.a, c.b) {
        case (0.2, 1e-8, 2):
            // Upper tail 8e−9 = 1 − (lower tail): about 2e−15 absolute, 3e−7 relative.
            return (1e-13, 1e-6)
        case (_, 0.5, 5e5):
            // x < ½ above the mean: the fraction at 1 − x, rounded, costs ~ b·ε·x/(1−x).
            return (5e-11, 5e-11)
        case (0.999999, 5, 1e-3):
            // Lower tail 0.014 = 1 − (upper tail).
            return (1e-12, 1e-13)
        default:
            return (1e-13, 1e-13)
        }
    }

    /// Relative tolerance against R's `qbeta`: 1e−13, except that with a shape of 10⁻³ or
    /// less x is 1/shape times more sensitive to the last bit of log B(a, b), and at
    /// (½, 5·10⁵) the cdf corner above carries into the quantile.
    static func quantileTolerance(a: Double, b: Double) -> Double {
        if min(a, b) <= 1e-3 || (a == 0.5 && b == 5e5) { return 5e-12 }
        return 1e-13
    }

    @Test("cdf and survival agree with R's pbeta", arguments: reference.beta_cdf.indices)
    func cdfMatchesR(_ i: Int) {
        let c = Self.reference.beta_cdf[i]
        let tolerance = Self.cdfTolerance(c)
        let lower = BetaDistribution.cdf(c.x, a: c.a, b: c.b)
        let upper = BetaDistribution.survival(c.x, a: c.a, b: c.b)
        #expect(relativeError(lower, c.lower) <= tolerance.lower, "pbeta(\(c.x), \(c.a), \(c.b)): \(lower) vs R \(c.lower)")
        #expect(relativeError(upper, c.upper) <= tolerance.upper, "upper tail at \(c.x), \(c.a), \(c.b): \(upper) vs R \(c.upper)")
    }

    @Test("quantile agrees with R's qbeta", arguments: reference.beta_quantile.indices)
    func quantileMatchesR(_ i: Int) {
        let c = Self.reference.beta_quantile[i]
        let x = BetaDistribution.quantile(c.p, a: c.a, b: c.b)
        #expect(relativeError(x, c.x) <= Self.quantileTolerance(a: c.a, b: c.b),
                "qbeta(\(c.p), \(c.a), \(c.b)): \(x) vs R \(c.x)")
    }

    @Test("upper quantile agrees with R's qbeta(lower.tail = FALSE)", arguments: reference.beta_upper_quantile.indices)
    func upperQuantileMatchesR(_ i: Int) {
        let c = Self.reference.beta_upper_quantile[i]
        let x = BetaDistribution.upperQuantile(c.q, a: c.a, b: c.b)
        #expect(relativeError(x, c.x) <= Self.quantileTolerance(a: c.a, b: c.b),
                "qbeta(\(c.q), \(c.a), \(c.b), lower.tail = FALSE): \(x) vs R \(c.x)")
    }

    @Test("the fixture was made by R and covers tiny, huge and non-integer shapes")
    func fixture() {
        #expect(Self.reference.tool == "R")
        let shapes = Self.reference.beta_quantile.flatMap { [$0.a, $0.b] }
        #expect(shapes.contains { $0 <= 1e-3 } && shapes.contains { $0 >= 1e5 })
        #expect(shapes.contains { $0 != $0.rounded() && $0 > 1 })
        #expect(Self.reference.beta_quantile.count >= 100)
    }

    /// Closed forms: Beta(1, 1) is uniform, Beta(a, 1) has cdf xᵃ, Beta(1, b) has
    /// cdf 1 − (1 − x)ᵇ, and Beta(½, ½) is the arcsine law, (2/π)·asin(√x).
    @Test("closed forms")
    func closedForms() {
        for x in stride(from: 0.01, to: 1, by: 0.07) {
            #expect(relativeError(BetaDistribution.cdf(x, a: 1, b: 1), x) < 1e-15)
            #expect(relativeError(BetaDistribution.cdf(x, a: 3.5, b: 1), pow(x, 3.5)) < 1e-14)
            #expect(relativeError(BetaDistribution.survival(x, a: 1, b: 2.5), pow(1 - x, 2.5)) < 1e-14)
            #expect(relativeError(BetaDistribution.cdf(x, a: 0.5, b: 0.5), 2 / Double.pi * asin(x.squareRoot())) < 1e-14)
            #expect(relativeError(BetaDistribution.quantile(pow(x, 3.5), a: 3.5, b: 1), x) < 1e-14)
        }
    }

    @Test("symmetry: I_x(a, b) = 1 − I₁₋ₓ(b, a)")
    func symmetry() {
        for (a, b) in [(2.5, 7.25), (0.3, 4.0), (40.0, 60.0), (1e4, 3e4)] {
            for x in [0.05, 0.2, 0.4, 0.5, 0.6, 0.75, 0.9] {
                #expect(abs(BetaDistribution.cdf(x, a: a, b: b) - BetaDistribution.survival(1 - x, a: b, b: a)) < 1e-15)
            }
        }
    }

    @Test("cdf undoes quantile", arguments: [(0.7, 12.3), (3.7, 40.2), (0.02, 0.03), (150.5, 2.5), (1e4, 1e4), (1.766, 3.381)])
    func roundTrip(_ a: Double, _ b: Double) {
        for p in [1e-200, 1e-9, 0.001, 0.025, 0.2, 0.5, 0.8, 0.975, 0.999] {
            let x = BetaDistribution.quantile(p, a: a, b: b)
            guard x > 1e-290 && 1 - x > 1e-13 else { continue }
            let back = BetaDistribution.cdf(x, a: a, b: b)
            // An ulp of x moves the cdf by x·density·ε, which is large near a steep cdf.
            let slack = 1e-13 * max(1, x * BetaDistribution.density(x, a: a, b: b) / max(p, 1e-300))
            #expect(relativeError(back, p) <= slack, "a \(a), b \(b), p \(p): x \(x), cdf \(back)")
        }
    }

    @Test("quantile increases with p and stays in [0, 1], even where a double cannot resolve it",
          arguments: [(0.001, 5.0), (5.0, 0.001), (0.02, 0.03), (1e-8, 2.0), (0.5, 5e5), (2.0, 3.0)])
    func monotone(_ a: Double, _ b: Double) {
        var previous = 0.0
        for k in 1..<400 {
            let p = Double(k) / 400
            let x = BetaDistribution.quantile(p, a: a, b: b)
            #expect(x >= 0 && x <= 1)
            #expect(x >= previous, "a \(a), b \(b): quantile(\(p)) = \(x) < \(previous)")
            previous = x
        }
    }

    @Test("edges and degenerate shapes, as R answers")
    func edges() {
        #expect(BetaDistribution.quantile(0, a: 2, b: 3) == 0)
        #expect(BetaDistribution.quantile(1, a: 2, b: 3) == 1)
        #expect(BetaDistribution.quantile(-0.1, a: 2, b: 3).isNaN)
        #expect(BetaDistribution.quantile(0.5, a: -1, b: 3).isNaN)
        #expect(BetaDistribution.quantile(.nan, a: 2, b: 3).isNaN)
        // A first shape of 0 is a point mass at 0, a second of 0 one at 1: the beta
        // interval's limits at a rate of 0 and 1.
        #expect(BetaDistribution.quantile(0.025, a: 0, b: 5) == 0)
        #expect(BetaDistribution.quantile(0.975, a: 5, b: 0) == 1)
        // Both shapes infinite: a point mass at ½, which is what svyciprop meets in a census.
        #expect(BetaDistribution.quantile(0.025, a: .infinity, b: .infinity) == 0.5)
        #expect(BetaDistribution.cdf(0, a: 2, b: 3) == 0 && BetaDistribution.cdf(1, a: 2, b: 3) == 1)
        #expect(BetaDistribution.cdf(-1, a: 2, b: 3) == 0 && BetaDistribution.cdf(2, a: 2, b: 3) == 1)
        #expect(BetaDistribution.cdf(0.3, a: 0, b: 2) == 1 && BetaDistribution.cdf(0.3, a: 2, b: 0) == 0)
        #expect(BetaDistribution.cdf(0.5, a: .nan, b: 2).isNaN)
        #expect(BetaDistribution.density(0.5, a: 2, b: 2) == 1.5)
    }
}
