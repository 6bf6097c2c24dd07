import AssayStatistics
import Testing

@Suite("Chi-squared distribution")
struct ChiSquaredTests {
    private static let reference = ComparisonReferenceValues.comparisons

    @Test("upper tail agrees with R's pchisq to 1e-12", arguments: reference.chiSquared.indices)
    func survivalMatchesR(_ i: Int) {
        let c = Self.reference.chiSquared[i]
        let q = ChiSquared.survival(c.x, degreesOfFreedom: c.df)
        #expect(relativeError(q, c.q) <= 1e-12, "x = \(c.x), df = \(c.df): \(q) vs R \(c.q)")
    }

    @Test("edges: 0, negative, infinite, NaN")
    func edges() {
        #expect(ChiSquared.survival(0, degreesOfFreedom: 1) == 1)
        #expect(ChiSquared.survival(-3, degreesOfFreedom: 4) == 1)
        #expect(ChiSquared.survival(.infinity, degreesOfFreedom: 3) == 0)
        #expect(ChiSquared.survival(.nan, degreesOfFreedom: 2).isNaN)
    }

    @Test("one degree of freedom is the two-sided normal tail")
    func oneDegreeIsNormal() {
        for z in [0.3, 1.0, 1.959963984540054, 2.5758293035489004, 4.0] {
            let twoSided = 2 * NormalDistribution.cdf(-z)
            #expect(relativeError(ChiSquared.survival(z * z, degreesOfFreedom: 1), twoSided) <= 1e-13)
        }
    }
}
