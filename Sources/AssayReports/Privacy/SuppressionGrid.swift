/// A table of counts with both margins, as secondary suppression sees it: the cells, each
/// row's total in a last column, each column's total in a last row, and the grand total in
/// the corner. Every row (the margin row included) adds up to its last entry, and every
/// column (the margin column included) to its last entry, so a figure hidden anywhere —
/// a cell, a group's total, the authority's count for one month, the grand total — is
/// protected by the same rule as any other (docs/reports.md, "Public versions").
///
/// Rows or columns that are never printed (the audits of no group, a trend's middle months
/// that only the pooled ends show) still belong in the grid: a reader can work them out
/// from the totals, so they must be protected like the rest.
struct SuppressionGrid {
    /// (rows + 1) × (columns + 1): the margins last.
    var values: [[Int]]
    var hidden: [[Bool]]

    var rowCount: Int { values.count - 1 }
    var columnCount: Int { values[0].count - 1 }

    /// The grid of `cells` with its margins summed, and primary suppression applied.
    init(_ cells: [[Int]], columns: Int, rule: SmallCountSuppression) {
        var values = cells.map { row in (0..<columns).map { $0 < row.count ? row[$0] : 0 } }
        values = values.map { $0 + [$0.reduce(0, +)] }
        values.append((0...columns).map { c in values.reduce(0) { $0 + $1[c] } })
        self.values = values
        hidden = values.map { $0.map(rule.isSmall) }
    }

    /// Secondary suppression along every row and column once; whether anything changed.
    ///
    /// Along a line whose total is shown, one hidden entry would be the total less the
    /// rest, so a second is hidden with it (the next smallest non-zero, else a zero); when
    /// nothing is left to hide, the total is hidden instead. Along a line whose total is
    /// hidden while every entry is shown, the total would be their sum, so the smallest
    /// non-zero entry is hidden (and the first rule then hides a second).
    mutating func secondaryPass(_ rule: SmallCountSuppression) -> Bool {
        let before = hidden
        for r in 0...rowCount {
            line(rule, (0...columnCount).map { (r, $0) })
        }
        for c in 0...columnCount {
            line(rule, (0...rowCount).map { ($0, c) })
        }
        return hidden != before
    }

    /// One line: its entries, the total last.
    private mutating func line(_ rule: SmallCountSuppression, _ positions: [(Int, Int)]) {
        let entries = Array(positions.dropLast())
        guard let (tr, tc) = positions.last, !entries.isEmpty else { return }
        let counts = entries.map { values[$0.0][$0.1] }
        var flags = entries.map { hidden[$0.0][$0.1] }
        if hidden[tr][tc] {
            if !flags.contains(true), values[tr][tc] > 0,
               let smallest = counts.indices.filter({ counts[$0] > 0 }).min(by: { (counts[$0], $0) < (counts[$1], $1) }) {
                flags[smallest] = true
            } else {
                return
            }
        }
        if rule.secondary(counts, &flags) { hidden[tr][tc] = true }
        for (i, (r, c)) in entries.enumerated() where flags[i] { hidden[r][c] = true }
    }

    /// Secondary suppression repeated until nothing changes.
    mutating func settle(_ rule: SmallCountSuppression) {
        while secondaryPass(rule) {}
    }
}

extension SmallCountSuppression {
    /// Which figures of a table of rates are hidden: each cell's k of n, each row's total
    /// over its cells, each column's total over its rows, and the grand total.
    public struct RateTable: Sendable, Equatable {
        /// Hidden parts of one k of n.
        public struct Entry: Sendable, Equatable {
            /// The count k (inadequate).
            public var numerator: Bool
            /// The count n (audited).
            public var denominator: Bool
            /// Anything made from k and n: the rate, its percentage, a weighted rate from the
            /// same audits, its interval, "k of n".
            public var rate: Bool

            /// Anything at all hidden.
            public var any: Bool { numerator || denominator || rate }
        }

        public let cells: [[Entry]]
        public let rowTotals: [Entry]
        public let columnTotals: [Entry]
        public let grandTotal: Entry
    }

    /// A table of rates — groups by months, or groups by the ends of a window — whose rows
    /// add up to the groups' totals and whose columns add up to the authority's: primary and
    /// secondary suppression of the k and the n tables together, a rate hidden with its k or
    /// n (or a small complement n − k), and its k hidden with it (n and the rate give k back),
    /// repeated until nothing changes.
    public func suppress(rateTable cells: [[(k: Int, n: Int)]], columns: Int) -> RateTable {
        var k = SuppressionGrid(cells.map { $0.map(\.k) }, columns: columns, rule: self)
        var n = SuppressionGrid(cells.map { $0.map(\.n) }, columns: columns, rule: self)
        let rows = cells.count
        var rate = (0...rows).map { r in (0...columns).map { c in suppressesRate(numerator: k.values[r][c], denominator: n.values[r][c]) } }
        var changed = true
        while changed {
            let before = (k.hidden, n.hidden, rate)
            for r in 0...rows {
                for c in 0...columns {
                    if k.hidden[r][c] || n.hidden[r][c] { rate[r][c] = true }
                    if rate[r][c] { k.hidden[r][c] = true }
                }
            }
            _ = k.secondaryPass(self)
            _ = n.secondaryPass(self)
            changed = (k.hidden, n.hidden, rate) != before
        }
        let entry = { (r: Int, c: Int) in RateTable.Entry(numerator: k.hidden[r][c], denominator: n.hidden[r][c], rate: rate[r][c]) }
        return RateTable(cells: (0..<rows).map { r in (0..<columns).map { entry(r, $0) } },
                         rowTotals: (0..<rows).map { entry($0, columns) },
                         columnTotals: (0..<columns).map { entry(rows, $0) },
                         grandTotal: entry(rows, columns))
    }
}
