import AssayCore

/// The arithmetic behind `assay plan`: how many case files to audit, either to estimate the
/// inadequate rate to a margin (`auditsForMargin`) or to detect a change in it
/// (`auditsToDetect`, `monthsToDetect`). Each formula, its reference and a worked example
/// are in docs/statistics.md; the tests check them against R.
///
/// Inputs come from the QA lead's command line, so every one is validated and a refusal
/// names the option to correct.
public enum SampleSizePlan {
    /// Audits needed so that a (Wald) confidence interval for the inadequate rate has
    /// half-width `e` at the given confidence, when the rate is expected to be near `p`.
    ///
    /// n₀ = z²·p(1 − p)/e² with z = Φ⁻¹(1 − (1 − confidence)/2). With the number of open
    /// cases N known, n = n₀ / (1 + (n₀ − 1)/N) (Cochran 1977, §4.4): a sample that is a
    /// large share of a small team's caseload tells more than its size alone suggests.
    /// n is rounded up and capped at N.
    ///
    /// - Parameters:
    ///   - p: the expected inadequate rate (`--expected`), a proportion in (0, 1); the
    ///     last months' rate, or 0.5 for the most cautious plan.
    ///   - e: the margin of error (`--margin`), a proportion in (0, 1): 0.05 means ±5
    ///     percentage points.
    ///   - confidence: the confidence level (`--confidence`), in (0, 1).
    ///   - N: the open cases the sample is drawn from (the frame, or one group of it), or
    ///     nil for a population so large the correction does not matter.
    public static func auditsForMargin(expected p: Double, margin e: Double, confidence: Double = 0.95,
                                       population N: Int?) throws -> MarginPlan {
        try requireProportion(p, argument: "expected", meaning: "the expected inadequate rate")
        try requireProportion(e, argument: "margin", meaning: "the margin of error")
        try requireProportion(confidence, argument: "confidence", meaning: "the confidence level")
        if let N, N < 1 { throw StatisticsError.populationTooSmall(N) }

        let z = NormalDistribution.upperQuantile((1 - confidence) / 2)
        let n0 = z * z * p * (1 - p) / (e * e)
        guard let N else {
            return MarginPlan(n0: n0, n: try roundedUp(n0, what: "margin"))
        }
        let corrected = n0 / (1 + (n0 - 1) / Double(N))
        return MarginPlan(n0: n0, n: min(try roundedUp(corrected, what: "margin"), N))
    }

    /// Refuses anything but a proportion strictly between 0 and 1 (NaN included), with a
    /// hint when the value looks like a percentage.
    static func requireProportion(_ value: Double, argument: String, meaning: String) throws {
        guard value > 0 && value < 1 else {
            throw StatisticsError.notAProportion(argument: argument, meaning: meaning, value: value)
        }
    }

    /// ⌈x⌉ as an audit count, refusing a count too large to be a plan (a margin or a
    /// difference so small that no authority could audit that many cases).
    static func roundedUp(_ x: Double, what argument: String) throws -> Int {
        let n = x.rounded(.up)
        guard n < 1e12 else { throw StatisticsError.planTooLarge(argument: argument, audits: n) }
        return Int(n)
    }
}
