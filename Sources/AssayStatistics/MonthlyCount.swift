import AssayCore

/// One month of one group's audits: how many were judged inadequate out of how many.
///
/// The trend test and the process chart work on raw counts, not weighted estimates:
/// their null hypotheses ("the rate does not change", "the months vary only binomially")
/// are statements about the audited cases themselves. `month` is a position on the
/// calendar, so a gap stays a gap: months without audits are dropped, never renumbered,
/// and the slope of a trend is per calendar month.
public struct MonthlyCount: Sendable, Hashable {
    /// Months since January of year 0 (year × 12 + month − 1): any increasing calendar
    /// index will do, as long as consecutive months differ by 1.
    public let month: Int
    /// Audits whose overall grade was inadequate (grade 4).
    public let inadequate: Int
    /// Audits completed in the month.
    public let audits: Int

    public init(month: Int, inadequate: Int, audits: Int) {
        precondition(audits >= 0 && inadequate >= 0 && inadequate <= audits,
                     "need 0 ≤ inadequate ≤ audits, got \(inadequate) of \(audits)")
        self.month = month
        self.inadequate = inadequate
        self.audits = audits
    }

    /// The counts of a calendar month, indexed as year × 12 + month − 1.
    public init(month: Month, inadequate: Int, audits: Int) {
        self.init(month: month.year * 12 + month.month - 1, inadequate: inadequate, audits: audits)
    }

    /// inadequate / audits, or nil for a month without audits.
    public var rate: Double? { audits == 0 ? nil : Double(inadequate) / Double(audits) }
}
