/// A lower and an upper limit for a rate: one pair of funnel limits at one team size, or
/// one month's control limits.
///
/// Limits are proportions clipped to [0, 1], because that is what a chart draws: a lower
/// limit of 0 means no rate, however low, would be unusual. Clipping never changes which
/// rates fall outside, since no rate lies below 0 or above 1.
public struct ControlLimits: Sendable, Equatable {
    public let lower: Double
    public let upper: Double

    public init(lower: Double, upper: Double) {
        self.lower = lower
        self.upper = upper
    }

    /// The limits with each end clipped to [0, 1].
    public static func clipped(lower: Double, upper: Double) -> ControlLimits {
        ControlLimits(lower: min(1, max(0, lower)), upper: min(1, max(0, upper)))
    }

    /// Whether `rate` lies strictly above the upper limit.
    public func isAbove(_ rate: Double) -> Bool { rate > upper }

    /// Whether `rate` lies strictly below the lower limit.
    public func isBelow(_ rate: Double) -> Bool { rate < lower }
}
