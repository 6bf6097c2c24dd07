/// The weakest domains a report names: the domains most often graded requires improvement or
/// inadequate, **among those graded often enough to tell**.
///
/// A domain graded in 35 audits of one team can top the list on chance alone: its share of
/// 49% has a 95% margin of about ±17 points, while a domain graded 600 times is known to
/// within ±4. So a domain is ranked only when at least `minimumGraded` audits of the period
/// graded it (at 50 audits, a share is known to within ±14 points at worst); the others are
/// listed apart, as graded too rarely to rank, and a longer period may bring them in.
///
/// The order among the ranked domains is `DomainsReport`'s: the larger share graded requires
/// improvement or inadequate, then the larger share inadequate, then the id. Only a domain
/// that some audit graded 3 or 4 can be weakest. docs/reports.md and docs/statistics.md state
/// the rule.
public struct WeakestDomains: Sendable, Equatable {
    /// Audits that must have graded a domain in the period before it is ranked.
    public static let minimumGraded = 50
    /// How many domains are named.
    public static let count = 3

    /// The authority's row of each ranked domain, weakest first (at most `count`).
    public let ranked: [DomainsReport.Row]
    /// The authority's rows of the domains graded fewer than `minimum` times, in the report's
    /// order (weakest first).
    public let tooRarelyGraded: [DomainsReport.Row]
    /// The threshold applied.
    public let minimum: Int

    public init(_ report: DomainsReport, minimum: Int = WeakestDomains.minimumGraded) {
        self.minimum = minimum
        let authority = report.rows.filter { $0.group.isAuthority }
        ranked = Array(authority.filter { $0.audited >= minimum && $0.requiresImprovement + $0.inadequate > 0 }.prefix(Self.count))
        tooRarelyGraded = authority.filter { $0.audited < minimum }
    }

    /// The domain's rank (1 = weakest) among those named, or nil.
    public func rank(of domain: String) -> Int? {
        ranked.firstIndex { $0.domain == domain }.map { $0 + 1 }
    }
}
