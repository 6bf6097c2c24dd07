import AssayCore

extension TrendReport {
    /// What a public version of a trend hides (docs/reports.md, "Public versions"), for one
    /// way of showing the window: by month, or by the pooled ends a reader is shown.
    public struct Hidden: Sendable {
        /// Per row of the report (its order), per column: the month or the pooled months.
        public let columns: [[SmallCountSuppression.RateTable.Entry]]
        /// Per row: its counts over the whole window.
        public let totals: [SmallCountSuppression.RateTable.Entry]
        /// Per row: the test's statistic and p-values, hidden when any of the row's months
        /// is — with the other months shown, a p-value to four places pins the hidden one.
        /// The direction in words stays, as a funnel's flag does: it names no count.
        public let tests: [Bool]
    }

    /// The public version's hidden figures when the window is shown as `columns`, each a
    /// set of months pooled (one month each for a month-by-month table; the first months,
    /// those between, and the last months for the pooled ends, the middle never printed
    /// but protected, since the window's total gives it back).
    ///
    /// The groups' counts are a table whose rows add up to each group's window and whose
    /// columns add up to the authority's; audits in no group (no service, say) are a row of
    /// their own that is never printed but protected like the rest.
    public func hidden(by rule: SmallCountSuppression, columns: [[Month]]) -> Hidden {
        let monthly = hiddenTable(rule, columns: period.months.map { [$0] })
        let shown = columns == period.months.map({ [$0] }) ? monthly : hiddenTable(rule, columns: columns)
        let tests = rows.indices.map { r in monthly.columns[r].contains(where: \.any) || shown.columns[r].contains(where: \.any) }
        return Hidden(columns: shown.columns, totals: shown.totals, tests: tests)
    }

    private func hiddenTable(_ rule: SmallCountSuppression, columns: [[Month]]) -> Hidden {
        let pooled = rows.map { row in
            columns.map { months in
                row.months.filter { months.contains($0.month) }.reduce((k: 0, n: 0)) { ($0.k + $1.inadequate, $0.n + $1.audited) }
            }
        }
        guard !rows.isEmpty else { return Hidden(columns: [], totals: [], tests: []) }
        let grouped = grouping != nil
        var table = grouped ? Array(pooled.dropFirst()) : [pooled[0]]
        if grouped {
            let remainder = columns.indices.map { c in
                (k: pooled[0][c].k - table.reduce(0) { $0 + $1[c].k }, n: pooled[0][c].n - table.reduce(0) { $0 + $1[c].n })
            }
            if remainder.contains(where: { $0.n != 0 || $0.k != 0 }) { table.append(remainder) }
        }
        let t = rule.suppress(rateTable: table, columns: columns.count)
        func union(_ a: SmallCountSuppression.RateTable.Entry, _ b: SmallCountSuppression.RateTable.Entry) -> SmallCountSuppression.RateTable.Entry {
            .init(numerator: a.numerator || b.numerator, denominator: a.denominator || b.denominator, rate: a.rate || b.rate)
        }
        var hiddenColumns = [grouped ? t.columnTotals : zip(t.cells[0], t.columnTotals).map(union)]
        var totals = [grouped ? t.grandTotal : union(t.rowTotals[0], t.grandTotal)]
        if grouped {
            for r in 0..<(rows.count - 1) {
                hiddenColumns.append(t.cells[r])
                totals.append(t.rowTotals[r])
            }
        }
        return Hidden(columns: hiddenColumns, totals: totals, tests: rows.map { _ in false })
    }
}
