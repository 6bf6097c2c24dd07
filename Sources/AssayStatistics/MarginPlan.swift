/// How many audits a month's sample needs so that the inadequate rate it estimates is within
/// a chosen margin of the true rate (docs/statistics.md, "Sample-size planning").
public struct MarginPlan: Sendable, Equatable {
    /// Cochran's n₀ = z²·p(1 − p)/e², unrounded: the audits needed from an unlimited number
    /// of open cases. Kept so a plan can show where its number came from.
    public let n0: Double
    /// Audits to draw: n₀ after the finite-population correction when the number of open
    /// cases is known, rounded up (rounding down would miss the margin), never more than
    /// the open cases themselves.
    public let n: Int

    public init(n0: Double, n: Int) {
        self.n0 = n0
        self.n = n
    }
}
