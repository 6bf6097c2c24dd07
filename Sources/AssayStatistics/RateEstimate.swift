/// An estimated inadequate rate, for the whole authority or one domain of it (a team, a
/// locality, a service), with its standard error, a confidence interval, and the raw
/// counts it came from: a rate is always shown as "k of n" too, so that a reader sees at
/// once that 100% may be one audit.
public struct RateEstimate: Sendable, Equatable {
    /// n: the domain's audits in the sample.
    public let audited: Int
    /// k: how many of them were judged inadequate.
    public let inadequate: Int
    /// The weighted rate, Σ w·y / Σ w with w = N_h/n_h: the estimated share of the
    /// domain's cases (not of its audits) whose practice is inadequate.
    public let rate: Double
    /// The rate's standard error, with the finite-population correction and lonely
    /// strata adjusted (docs/statistics.md).
    public let standardError: Double
    /// The design's degrees of freedom for the domain: its audits less its strata.
    public let degreesOfFreedom: Int
    /// The effective sample size the beta interval used; nil for a census.
    public let effectiveSampleSize: Double?
    /// The confidence level of the interval, 0.95 for a 95% interval.
    public let level: Double
    public let ciLow: Double
    public let ciHigh: Double
    /// Which rule gave the interval.
    public let ciMethod: IntervalMethod

    public init(audited: Int, inadequate: Int, rate: Double, standardError: Double, degreesOfFreedom: Int,
                effectiveSampleSize: Double?, level: Double, ciLow: Double, ciHigh: Double, ciMethod: IntervalMethod) {
        self.audited = audited
        self.inadequate = inadequate
        self.rate = rate
        self.standardError = standardError
        self.degreesOfFreedom = degreesOfFreedom
        self.effectiveSampleSize = effectiveSampleSize
        self.level = level
        self.ciLow = ciLow
        self.ciHigh = ciHigh
        self.ciMethod = ciMethod
    }
}

/// The rule that gave a rate's confidence interval. The raw values are what reports and
/// JSON print, and what docs/statistics.md names.
///
/// The reference interval is R's `svyciprop(method = "beta")`, Korn and Graubard's. It has
/// no usable answer in three situations that small monthly samples meet often, and each
/// gets a rule of its own, so that a report can say which one it used.
public enum IntervalMethod: String, Sendable, Equatable, CaseIterable, Codable {
    /// The beta interval with the effective sample size p(1 − p)/var and Korn and
    /// Graubard's degrees-of-freedom factor: exactly `svyciprop(method = "beta")`.
    case kornGraubard = "korn-graubard"
    /// The same beta interval without the degrees-of-freedom factor, for a domain whose
    /// every stratum holds one of its audits (0 degrees of freedom, where R's factor
    /// divides by qt(α/2, 0) = NaN).
    case kornGraubardNoDF = "korn-graubard-nodf"
    /// Clopper–Pearson: the beta interval with the effective sample size taken to be the
    /// audits, n. It is used when the estimated variance is 0 although the domain was
    /// sampled: a rate of 0 or 1 (where it is exactly the Clopper–Pearson interval on the
    /// raw counts k of n), or every sampled stratum's audits alike.
    case clopperPearson = "clopper-pearson"
    /// Every stratum of the domain was audited whole, so the rate is not an estimate:
    /// the interval is the rate itself and the standard error 0.
    case census = "census"
}
