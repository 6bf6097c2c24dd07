import AssayStatistics

/// The figures of a public page (`report html --public`) with small counts hidden by one
/// rule (`SmallCountSuppression`), worked out once so that the summary and the tables show
/// the same `[c]` in the same places (docs/reports.md, "Public versions").
///
/// Counts are published at one grouping only: the teams' 12 months. A locality adds up
/// teams' audits, so its counts beside the teams' could give a hidden team's count back;
/// localities are shown by where they stand and their direction of travel, in words. Charts
/// are left out: a point's position gives its counts back.
struct PublicFigures {
    let rule: SmallCountSuppression
    /// The 12 months' rates by team (authority first) and what of each row is hidden.
    let yearRates: RatesReport
    let hiddenTeams: [SmallCountSuppression.RateTable.Entry]
    let hiddenAuthority: SmallCountSuppression.RateTable.Entry
    /// The authority's domain rows over the window, and what of each is hidden.
    let domains: [(row: DomainsReport.Row, hidden: DomainsReport.HiddenRow)]
    /// The actions table, hidden as `report actions --public` hides it.
    let actions: (teams: [ActionsReport.HiddenRow], total: ActionsReport.HiddenRow)?

    init(_ report: HTMLReport, rule: SmallCountSuppression) {
        self.rule = rule
        yearRates = report.yearRates
        let groups = report.yearRates.rows.filter { !$0.group.isAuthority }
        let authority = report.yearRates.rows.first { $0.group.isAuthority }?.estimate
        let h = rule.suppress(rates: groups.map { (k: $0.estimate.inadequate, n: $0.estimate.audited) },
                              total: (k: authority?.inadequate ?? 0, n: authority?.audited ?? 0))
        hiddenTeams = groups.indices.map { .init(numerator: h.numerators[$0], denominator: h.denominators[$0], rate: h.rates[$0]) }
        hiddenAuthority = .init(numerator: h.totalNumerator, denominator: h.totalDenominator, rate: h.totalRate)
        let domainsReport = report.domains.report
        let hiddenDomains = domainsReport.hidden(by: rule)
        domains = zip(domainsReport.rows, hiddenDomains).filter { $0.0.group.isAuthority }.map { ($0.0, $0.1) }
        actions = report.actions.map { $0.hidden(by: rule) }
    }

    /// What is hidden of a row of the 12 months' rates.
    func hidden(_ row: RatesReport.Row) -> SmallCountSuppression.RateTable.Entry {
        if row.group.isAuthority { return hiddenAuthority }
        let groups = yearRates.rows.filter { !$0.group.isAuthority }
        return groups.firstIndex { $0.group == row.group }.map { hiddenTeams[$0] } ?? .init(numerator: true, denominator: true, rate: true)
    }

    /// A count as printed: the count, or [c].
    func count(_ value: Int, hidden: Bool) -> String { hidden ? SmallCountSuppression.marker : String(value) }
}
