import AssayCore

/// Past inadequate rates per stratum, for Neyman allocation (docs/sampling.md §5b).
public protocol InadequacyHistory {
    /// Rates over `months`, per stratum key for `byFields`, and authority-wide; nil when
    /// there is no history at all.
    func inadequateRates(months: ClosedRange<Month>, byFields: [String]) throws -> (perStratum: [StratumKey: Double], authority: Double)?
}

/// The history a database holds. Audits (and imported pre-Assay history) are not stored
/// yet, so there is none: a Neyman draw says so and falls back to proportional allocation,
/// exactly as it will for a new authority. When audits arrive, this reads them.
public struct StoredInadequacyHistory: InadequacyHistory {
    public init() {}

    public func inadequateRates(months: ClosedRange<Month>, byFields: [String]) throws -> (perStratum: [StratumKey: Double], authority: Double)? {
        nil
    }
}
