import AssayCore
import AssayStatistics
import Testing

@Suite("Sample-size planning")
struct SampleSizePlanTests {
    // MARK: Precision

    @Test("audits for a margin agree with R", arguments: ReferenceValues.plan.margin.indices)
    func marginMatchesR(_ i: Int) throws {
        let c = ReferenceValues.plan.margin[i]
        let z = NormalDistribution.quantile(1 - (1 - c.confidence) / 2)
        #expect(relativeError(z, c.z) <= 1e-12)
        let plan = try SampleSizePlan.auditsForMargin(expected: c.expected, margin: c.margin,
                                                      confidence: c.confidence, population: c.population)
        #expect(relativeError(plan.n0, c.n0) <= 1e-9, "n0 \(plan.n0) vs R \(c.n0)")
        #expect(plan.n == c.n, "n \(plan.n) vs R \(c.n)")
        if let population = c.population { #expect(plan.n <= population) }
    }

    /// docs/statistics.md's worked example, pinned as printed there.
    @Test("worked example: expected 0.2, margin 0.05, 95%, 4,000 open cases")
    func marginWorkedExample() throws {
        let plan = try SampleSizePlan.auditsForMargin(expected: 0.2, margin: 0.05, population: 4000)
        #expect(abs(plan.n0 - 245.85336452442391) < 1e-9)
        #expect(plan.n == 232)
        let unlimited = try SampleSizePlan.auditsForMargin(expected: 0.2, margin: 0.05, population: nil)
        #expect(unlimited.n == 246)
        #expect(unlimited.n0 == plan.n0)
    }

    @Test("never more audits than open cases")
    func cappedAtPopulation() throws {
        for population in [1, 2, 5, 17, 50] {
            let plan = try SampleSizePlan.auditsForMargin(expected: 0.5, margin: 0.001, population: population)
            #expect(plan.n == population)
        }
        #expect(try SampleSizePlan.auditsForMargin(expected: 0.01, margin: 0.9, population: nil).n == 1)
    }

    @Test("a larger population, a tighter margin or more confidence never needs fewer audits")
    func marginMonotone() throws {
        var previous = 0
        for population in [10, 100, 1_000, 10_000, 100_000] {
            let n = try SampleSizePlan.auditsForMargin(expected: 0.2, margin: 0.05, population: population).n
            #expect(n >= previous)
            previous = n
        }
        let loose = try SampleSizePlan.auditsForMargin(expected: 0.2, margin: 0.1, population: nil)
        let tight = try SampleSizePlan.auditsForMargin(expected: 0.2, margin: 0.05, population: nil)
        let sure = try SampleSizePlan.auditsForMargin(expected: 0.2, margin: 0.05, confidence: 0.99, population: nil)
        #expect(loose.n < tight.n && tight.n < sure.n)
    }

    @Test("invalid margin inputs are refused, naming the value (the shell names its option)", arguments: [
        (0.0, 0.05, 0.95, 100 as Int?, "expected"),
        (1.0, 0.05, 0.95, 100, "expected"),
        (20.0, 0.05, 0.95, 100, "expected"),
        (Double.nan, 0.05, 0.95, 100, "expected"),
        (0.2, 0.0, 0.95, 100, "margin"),
        (0.2, -0.05, 0.95, nil, "margin"),
        (0.2, 1.0, 0.95, nil, "margin"),
        (0.2, 0.05, 0.0, nil, "confidence"),
        (0.2, 0.05, 1.0, nil, "confidence"),
        (0.2, 0.05, 95.0, nil, "confidence"),
        (0.2, 0.05, 0.95, 0, "The population"),
        (0.2, 0.05, 0.95, -3, "The population"),
        (0.5, 1e-300, 0.95, nil, "margin"),
    ])
    func marginRefusals(_ p: Double, _ e: Double, _ confidence: Double, _ population: Int?, _ value: String) {
        let error = #expect(throws: StatisticsError.self) {
            try SampleSizePlan.auditsForMargin(expected: p, margin: e, confidence: confidence, population: population)
        }
        if value.hasPrefix("The ") {  // not a value given but the frame's
            #expect(error?.description.hasPrefix(value) == true, "\(error?.description ?? "no error")")
            #expect(error?.place == nil)
        } else {
            #expect(error?.place == .argument(value), "\(error?.description ?? "no error")")
        }
    }

    @Test("a percentage is met with the proportion it meant")
    func percentageHint() {
        let error = #expect(throws: StatisticsError.self) {
            try SampleSizePlan.auditsForMargin(expected: 20, margin: 0.05, population: nil)
        }
        #expect(error?.description == "The expected inadequate rate must be a proportion strictly between 0 and 1; got 20. Write 0.2 for 20%.")
    }

    // MARK: Detection

    @Test("audits to detect a change agree with R's power.prop.test", arguments: ReferenceValues.plan.detection.indices)
    func detectionMatchesR(_ i: Int) throws {
        let c = ReferenceValues.plan.detection[i]
        let n = try SampleSizePlan.auditsToDetectUnrounded(from: c.p1, to: c.p2, power: c.power, alpha: c.alpha)
        // power.prop.test finds n with uniroot, so it is only as exact as its tolerance.
        #expect(relativeError(n, c.n_power_prop_test) <= 1e-6, "n \(n) vs power.prop.test \(c.n_power_prop_test)")
        #expect(relativeError(n, c.n_closed_form) <= 1e-12, "n \(n) vs R closed form \(c.n_closed_form)")

        let rounded = try SampleSizePlan.auditsToDetect(from: c.p1, to: c.p2, power: c.power, alpha: c.alpha)
        if !nearInteger(c.n_closed_form, within: 1e-12) {
            #expect(rounded == c.n)
        }
        if !nearInteger(c.n_power_prop_test, within: 1e-6) {
            #expect(Double(rounded) == c.n_power_prop_test.rounded(.up))
        }
    }

    @Test("worked example: 0.25 to 0.15 at 80% power, α 0.05")
    func detectionWorkedExample() throws {
        let n = try SampleSizePlan.auditsToDetectUnrounded(from: 0.25, to: 0.15)
        #expect(abs(n - 249.98196750485758) < 1e-9)
        #expect(try SampleSizePlan.auditsToDetect(from: 0.25, to: 0.15) == 250)
        #expect(SampleSizePlan.monthsToDetect(auditsNeeded: 250, perMonth: 40) == 7)
    }

    @Test("the direction of the change does not matter")
    func detectionSymmetric() throws {
        #expect(try SampleSizePlan.auditsToDetect(from: 0.15, to: 0.25) == SampleSizePlan.auditsToDetect(from: 0.25, to: 0.15))
    }

    @Test("smaller changes, more power or a stricter α need more audits")
    func detectionMonotone() throws {
        let base = try SampleSizePlan.auditsToDetect(from: 0.25, to: 0.15)
        #expect(try SampleSizePlan.auditsToDetect(from: 0.25, to: 0.2) > base)
        #expect(try SampleSizePlan.auditsToDetect(from: 0.25, to: 0.15, power: 0.9) > base)
        #expect(try SampleSizePlan.auditsToDetect(from: 0.25, to: 0.15, alpha: 0.01) > base)
    }

    @Test("invalid detection inputs are refused, naming the value (the shell names its option)", arguments: [
        (0.0, 0.15, 0.8, 0.05, "detect", "The inadequate rate now"),
        (1.2, 0.15, 0.8, 0.05, "detect", "The inadequate rate now"),
        (0.25, 1.0, 0.8, 0.05, "detect", "The inadequate rate to detect"),
        (0.25, -0.1, 0.8, 0.05, "detect", "The inadequate rate to detect"),
        (0.25, 0.25, 0.8, 0.05, "detect", "The two rates, 0.25 and 0.25, are the same"),
        (0.25, 0.15, 0.0, 0.05, "power", "The chance of detecting the change"),
        (0.25, 0.15, 80, 0.05, "power", "The chance of detecting the change"),
        (0.25, 0.15, 0.8, 0.0, "alpha", "The significance level"),
        (0.25, 0.15, 0.8, 1.0, "alpha", "The significance level"),
        (0.25, 0.25.nextUp, 0.8, 0.05, "detect", "The change to detect is too small"),
    ])
    func detectionRefusals(_ p1: Double, _ p2: Double, _ power: Double, _ alpha: Double, _ value: String, _ words: String) {
        let error = #expect(throws: StatisticsError.self) {
            try SampleSizePlan.auditsToDetect(from: p1, to: p2, power: power, alpha: alpha)
        }
        #expect(error?.place == .argument(value), "\(error?.description ?? "no error")")
        #expect(error?.description.hasPrefix(words) == true, "\(error?.description ?? "no error")")
    }

    @Test("months to detect: whole months, rounded up", arguments: [
        (250, 40, 7 as Int?), (200, 100, 2), (201, 100, 3), (1, 200, 1), (0, 50, 0), (5, 0, nil), (5, -1, nil),
    ])
    func months(_ audits: Int, _ perMonth: Int, _ expected: Int?) {
        #expect(SampleSizePlan.monthsToDetect(auditsNeeded: audits, perMonth: perMonth) == expected)
    }
}
