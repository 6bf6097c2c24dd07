extension ActionsReport {
    /// What a public version hides in one row of the actions table (a team, or all teams):
    /// flags in the table's column order after the team's name — raised, on time, late,
    /// cancelled, open, overdue, median days.
    public struct HiddenRow: Sendable, Equatable {
        public var raised = false, onTime = false, late = false, cancelled = false, open = false, overdue = false, medianDays = false

        /// The flags in the table's column order.
        public var columns: [Bool] { [raised, onTime, late, cancelled, open, overdue, medianDays] }
    }

    /// The public version's hidden figures: a row per team, then the total's (docs/reports.md,
    /// "Public versions").
    ///
    /// On time, late, cancelled and open add up to raised in each row and to the total's in
    /// each column, so the teams' table is suppressed as one, margins and grand total
    /// included (`SuppressionGrid`); overdue is part of open, hidden with a hidden open count
    /// or a small not-yet-due remainder, and secondarily across the teams; a median of days
    /// is hidden with any hidden count of its row (it may rest on one or two actions).
    public func hidden(by rule: SmallCountSuppression) -> (teams: [HiddenRow], total: HiddenRow) {
        let table = rule.suppress(table: teams.map { [$0.onTime, $0.late, $0.cancelled, $0.open] })
        var overdue = teams.map { rule.isSmall($0.overdue) }
        for (i, t) in teams.enumerated() where table.cells[i][3] || rule.isSmall(t.open - t.overdue) { overdue[i] = true }
        let overdueTotal = teams.count > 1 ? rule.secondary(teams.map(\.overdue), &overdue) : true
        let rows = teams.enumerated().map { i, t in
            let cells = table.cells[i]
            return HiddenRow(raised: table.rowTotals[i], onTime: cells[0], late: cells[1], cancelled: cells[2], open: cells[3], overdue: overdue[i],
                             medianDays: table.rowTotals[i] || rule.isSmall(t.raised) || cells.contains(true))
        }
        guard let total else { return (rows, HiddenRow()) }
        let raised = table.grandTotal || rule.isSmall(total.raised)
        let columns = table.columnTotals.isEmpty ? [false, false, false, false] : table.columnTotals
        return (rows, HiddenRow(raised: raised, onTime: columns[0], late: columns[1], cancelled: columns[2], open: columns[3],
                                overdue: overdueTotal || rule.isSmall(total.overdue) || rule.isSmall(total.open - total.overdue),
                                medianDays: raised || columns.contains(true)))
    }
}
