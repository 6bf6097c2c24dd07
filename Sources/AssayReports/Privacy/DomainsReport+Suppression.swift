extension DomainsReport {
    /// What a public version hides on one row of the report (a domain of a group, or of
    /// the authority).
    public struct HiddenRow: Sendable, Equatable {
        public var audited = false
        public var requiresImprovement = false
        public var inadequate = false
        /// Both shares: hidden with any of the row's counts, including the audits graded good
        /// or outstanding that the shares and `audited` imply.
        public var shares = false

        public init(audited: Bool = false, requiresImprovement: Bool = false, inadequate: Bool = false, shares: Bool = false) {
            self.audited = audited
            self.requiresImprovement = requiresImprovement
            self.inadequate = inadequate
            self.shares = shares
        }
    }

    /// The public version's hidden figures, row by row (docs/reports.md, "Public versions").
    ///
    /// Each domain is its own table: a row per group of its audits graded requires
    /// improvement, inadequate and the rest, adding up to the group's audits grading the
    /// domain, and the columns adding up to the authority's; audits in no group are a row
    /// never printed but protected. Different domains are different questions about the
    /// same audits, so nothing adds up across them.
    public func hidden(by rule: SmallCountSuppression) -> [HiddenRow] {
        var hidden = rows.map { _ in HiddenRow() }
        for domain in Set(rows.map(\.domain)) {
            let indices = rows.indices.filter { rows[$0].domain == domain }
            guard let authority = indices.first(where: { rows[$0].group.isAuthority }) else { continue }
            let groups = indices.filter { $0 != authority }
            func parts(_ row: Row) -> [Int] {
                [row.requiresImprovement, row.inadequate, row.audited - row.requiresImprovement - row.inadequate]
            }
            var table = groups.map { parts(rows[$0]) }
            let whole = parts(rows[authority])
            let remainder = (0..<3).map { c in whole[c] - table.reduce(0) { $0 + $1[c] } }
            if remainder.contains(where: { $0 != 0 }) || table.isEmpty { table.append(remainder) }
            let t = rule.suppress(table: table)
            for (g, i) in groups.enumerated() {
                hidden[i] = HiddenRow(audited: t.rowTotals[g], requiresImprovement: t.cells[g][0], inadequate: t.cells[g][1],
                                      shares: t.rowTotals[g] || t.cells[g].contains(true))
            }
            hidden[authority] = HiddenRow(audited: t.grandTotal, requiresImprovement: t.columnTotals[0], inadequate: t.columnTotals[1],
                                          shares: t.grandTotal || t.columnTotals.contains(true))
        }
        return hidden
    }
}
