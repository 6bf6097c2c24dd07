import AssayStatistics
import Foundation
import Testing

@Suite("Normal distribution")
struct NormalDistributionTests {
    @Test("quantile agrees with R's qnorm to 1e-12", arguments: ReferenceValues.plan.quantiles.indices)
    func quantileMatchesR(_ i: Int) {
        let reference = ReferenceValues.plan.quantiles[i]
        let z = NormalDistribution.quantile(reference.p)
        #expect(relativeError(z, reference.z) <= 1e-12, "p = \(reference.p): \(z) vs R \(reference.z)")
    }

    @Test("cdf agrees with R's pnorm to 1e-12", arguments: ReferenceValues.plan.cdf.indices)
    func cdfMatchesR(_ i: Int) {
        let reference = ReferenceValues.plan.cdf[i]
        let p = NormalDistribution.cdf(reference.x)
        #expect(relativeError(p, reference.p) <= 1e-12, "x = \(reference.x): \(p) vs R \(reference.p)")
    }

    @Test("the fixture was made by R")
    func fixtureProvenance() {
        #expect(ReferenceValues.plan.tool == "R")
        #expect(ReferenceValues.plan.version.hasPrefix("R version "))
    }

    /// Literal values from R (`sprintf("%.17g", qnorm(p))`), so the far tails stay pinned
    /// even if the fixture is regenerated with fewer cases.
    @Test("extreme probabilities", arguments: [
        (1e-10, -6.3613409024040557),
        (0.999999, 4.7534243088170891),
        (1e-300, -37.047096299361201),
    ])
    func extremes(_ p: Double, _ expected: Double) {
        #expect(relativeError(NormalDistribution.quantile(p), expected) <= 1e-12)
    }

    @Test("the familiar z values")
    func familiar() {
        #expect(abs(NormalDistribution.quantile(0.975) - 1.959963984540054) < 1e-15)
        #expect(NormalDistribution.quantile(0.5) == 0)
        #expect(NormalDistribution.cdf(0) == 0.5)
    }

    /// With p = k/1024, 1 − p is exact, so Φ⁻¹(1 − p) = −Φ⁻¹(p) must hold exactly.
    @Test("symmetry: quantile(1 − p) = −quantile(p)")
    func symmetry() {
        for k in 1..<512 {
            let p = Double(k) / 1024
            #expect(NormalDistribution.quantile(1 - p) == -NormalDistribution.quantile(p), "p = \(p)")
        }
        for x in stride(from: -8.0, through: 8.0, by: 0.125) {
            #expect(abs(NormalDistribution.cdf(x) + NormalDistribution.cdf(-x) - 1) <= 2e-16)
        }
    }

    @Test("monotone over (0, 1), including across AS 241's region boundaries")
    func monotone() {
        var ps: [Double] = []
        for exponent in stride(from: -300.0, to: -2.0, by: 0.25) { ps.append(pow(10, exponent)) }
        for k in 1..<10_000 { ps.append(Double(k) / 10_000) }
        for exponent in stride(from: -2.0, through: -15.0, by: -0.25) { ps.append(1 - pow(10, exponent)) }
        ps = Array(Set(ps)).sorted()
        var previous = -Double.infinity
        for p in ps {
            let z = NormalDistribution.quantile(p)
            #expect(z > previous, "not increasing at p = \(p)")
            previous = z
        }
        // Where AS 241 switches approximation the two meet to within a few ulps; like
        // R's qnorm, the seam at p = 0.075 steps back by one ulp between adjacent doubles,
        // so monotonicity is checked a little way either side and the seam for a jump.
        for boundary in [0.075, 0.925, 1.3887943864964021e-11] {
            let seamBelow = NormalDistribution.quantile(boundary.nextDown)
            let seamAbove = NormalDistribution.quantile(boundary.nextUp)
            #expect(relativeError(seamBelow, seamAbove) < 4e-15, "jump at \(boundary)")
            let below = NormalDistribution.quantile(boundary * (1 - 1e-12))
            let above = NormalDistribution.quantile(boundary * (1 + 1e-12))
            #expect(below < above, "not increasing across \(boundary)")
        }
    }

    @Test("cdf undoes quantile", arguments: [1e-200, 1e-12, 1e-6, 0.01, 0.1, 0.3, 0.5, 0.7, 0.9, 0.99])
    func roundTrip(_ p: Double) {
        // An ulp in z moves Φ(z) by about z²·ulp relatively, so deep tails get room for it.
        let z = NormalDistribution.quantile(p)
        #expect(relativeError(NormalDistribution.cdf(z), p) < 1e-14 * max(1, z * z))
    }

    @Test("outside (0, 1) as R answers")
    func outside() {
        #expect(NormalDistribution.quantile(0) == -.infinity)
        #expect(NormalDistribution.quantile(1) == .infinity)
        #expect(NormalDistribution.quantile(-0.1).isNaN)
        #expect(NormalDistribution.quantile(1.5).isNaN)
        #expect(NormalDistribution.quantile(.nan).isNaN)
        #expect(NormalDistribution.cdf(-.infinity) == 0)
        #expect(NormalDistribution.cdf(.infinity) == 1)
    }
}
