import AssayStatistics
import Foundation
import Testing

@Suite("Student's t distribution")
struct StudentTTests {
    static let reference = DistributionReferenceValues.shared

    /// 1e−12 relative: R's own `qt` is accurate to about 5e−13 near the median (checked
    /// against 50-digit arithmetic: qt(0.4999, 1) is 5e−13 off, Assay's is not), and to
    /// about 1e−15 elsewhere.
    @Test("quantile agrees with R's qt", arguments: reference.t_quantile.indices)
    func quantileMatchesR(_ i: Int) {
        let c = Self.reference.t_quantile[i]
        let t = StudentT.quantile(c.p, degreesOfFreedom: c.df)
        #expect(relativeError(t, c.t) <= 1e-12, "qt(\(c.p), \(c.df)): \(t) vs R \(c.t)")
    }

    @Test("closed forms: Cauchy (1 df) and 2 df")
    func closedForms() {
        for p in [1e-10, 0.001, 0.025, 0.1, 0.3, 0.45, 0.7, 0.975, 0.999] {
            // t₁ = tan(π(p − ½)) = −1/tan(πp), written so that no π/2 is rounded near the pole.
            let cauchy = p < 0.5 ? -1 / tan(Double.pi * p) : 1 / tan(Double.pi * (1 - p))
            #expect(relativeError(StudentT.quantile(p, degreesOfFreedom: 1), cauchy) < 1e-13)
            // t₂: t = (2p − 1)/√(2p(1 − p)).
            let two = (2 * p - 1) / (2 * p * (1 - p)).squareRoot()
            #expect(relativeError(StudentT.quantile(p, degreesOfFreedom: 2), two) < 1e-13)
        }
    }

    @Test("symmetric, zero at the median, the normal in the limit")
    func shape() {
        for df in [1.0, 2.5, 6, 40, 1e3, 1e5, 1e8] {
            #expect(StudentT.quantile(0.5, degreesOfFreedom: df) == 0)
            for k in 1..<64 {
                let p = Double(k) / 128
                #expect(StudentT.quantile(1 - p, degreesOfFreedom: df) == -StudentT.quantile(p, degreesOfFreedom: df))
            }
            #expect(StudentT.upperQuantile(0.025, degreesOfFreedom: df) == -StudentT.quantile(0.025, degreesOfFreedom: df))
        }
        #expect(StudentT.quantile(0.975, degreesOfFreedom: .infinity) == NormalDistribution.quantile(0.975))
        #expect(relativeError(StudentT.quantile(0.975, degreesOfFreedom: 1e12), NormalDistribution.quantile(0.975)) < 1e-11)
        // Fewer degrees of freedom, wider: the reason for Korn and Graubard's factor.
        var previous = Double.infinity
        for df in [1.0, 2, 3, 5, 10, 30, 100, 1e4, 1e6] {
            let t = StudentT.quantile(0.975, degreesOfFreedom: df)
            #expect(t < previous)
            previous = t
        }
    }

    /// The beta route and the Cornish–Fisher expansion meet where
    /// 3e−6·(1 + |z|)¹¹/ν⁵ = 10⁻¹⁶, but not below ν = 1,000; just either side of that ν
    /// they must agree.
    @Test("where the two methods meet they agree", arguments: [0.0005, 0.025, 0.1, 0.3])
    func seam(_ p: Double) {
        let z = NormalDistribution.quantile(p)
        let seam = max(1000, exp((log(3e-6) + 11 * log1p(abs(z)) - log(1e-16)) / 5))
        let below = StudentT.quantile(p, degreesOfFreedom: seam * (1 - 1e-12))
        let above = StudentT.quantile(p, degreesOfFreedom: seam * (1 + 1e-12))
        #expect(relativeError(below, above) < 1e-13, "ν ≈ \(seam): \(below) vs \(above)")
    }

    @Test("edges as R answers: qt(p, 0) is NaN")
    func edges() {
        #expect(StudentT.quantile(0.025, degreesOfFreedom: 0).isNaN)
        #expect(StudentT.quantile(0.025, degreesOfFreedom: -1).isNaN)
        #expect(StudentT.quantile(1.2, degreesOfFreedom: 3).isNaN)
        #expect(StudentT.quantile(0, degreesOfFreedom: 3) == -.infinity)
        #expect(StudentT.quantile(1, degreesOfFreedom: 3) == .infinity)
    }
}
