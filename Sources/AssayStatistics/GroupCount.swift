/// One group's audits over a window (a team or a locality, over the last months): how
/// many were judged inadequate out of how many.
///
/// Funnel plots and partial pooling compare groups on raw counts: the binomial limits
/// and the beta-binomial model are statements about audited cases, and a team's few
/// audits are exactly what makes its own rate unreliable.
public struct GroupCount: Sendable, Hashable {
    /// The team's or locality's name, carried through to the result rows.
    public let label: String
    /// Audits whose overall grade was inadequate (grade 4).
    public let inadequate: Int
    /// Audits completed in the window.
    public let audits: Int

    public init(label: String, inadequate: Int, audits: Int) {
        precondition(audits >= 0 && inadequate >= 0 && inadequate <= audits,
                     "need 0 ≤ inadequate ≤ audits, got \(inadequate) of \(audits) for \(label)")
        self.label = label
        self.inadequate = inadequate
        self.audits = audits
    }

    /// inadequate / audits, or nil for a group without audits.
    public var rate: Double? { audits == 0 ? nil : Double(inadequate) / Double(audits) }
}
