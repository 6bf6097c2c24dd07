import AssayOutput
import AssayReports

extension SmallCountSuppression {
    /// A listing report's public version: one listing row per group (the authority's row,
    /// if listed, is the groups' total), each a rate k of n. Cells under `numerators` are k,
    /// under `denominators` n, under `rates` anything made from the group's rate (or its n:
    /// limits), under `totalRates` anything made from the authority's; hidden cells read
    /// [c] (docs/reports.md, "Public versions: small counts suppressed").
    func mask(_ listing: Listing, groups: [ReportGroup], counts: [(k: Int, n: Int)], total: (k: Int, n: Int),
              numerators: Set<String> = ["inadequate"], denominators: Set<String> = ["audited"],
              rates: Set<String>, totalRates: Set<String> = []) -> Listing {
        let members = zip(groups, counts).filter { !$0.0.isAuthority }.map(\.1)
        let hidden = suppress(rates: members, total: total)
        var listing = listing
        var g = 0
        for (r, group) in groups.enumerated() where r < listing.rows.count {
            let (k, n, rate) = group.isAuthority ? (hidden.totalNumerator, hidden.totalDenominator, hidden.totalRate)
                : (hidden.numerators[g], hidden.denominators[g], hidden.rates[g])
            if !group.isAuthority { g += 1 }
            for (c, column) in listing.columns.enumerated() {
                let hide = (numerators.contains(column.key) && k) || (denominators.contains(column.key) && n)
                    || (rates.contains(column.key) && rate) || (totalRates.contains(column.key) && hidden.totalRate)
                if hide { listing.rows[r][c] = .text(Self.marker) }
            }
        }
        return listing
    }

    /// Whether the authority's own k, n and rate are hidden, given its groups.
    func totalHidden(counts: [(k: Int, n: Int)], total: (k: Int, n: Int)) -> Bool {
        suppress(rates: counts, total: total).totalRate
    }
}

extension SmallCountSuppression {
    /// "k of n" for people in a public version: as ShareText writes it when nothing is
    /// hidden, else each hidden count as [c] and no percentage.
    static func counted(_ k: Int, of n: Int, _ hidden: RateTable.Entry?) -> String {
        guard let hidden, hidden.any else { return ShareText.counted(k, of: n) }
        return "\(hidden.numerator ? marker : String(k)) of \(hidden.denominator ? marker : String(n))"
    }

    /// A count's cell: the count, or [c].
    static func cell(_ count: Int, hidden: Bool) -> Cell { hidden ? .text(marker) : .int(count) }
}
