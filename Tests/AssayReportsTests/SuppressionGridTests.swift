@testable import AssayReports
import Testing

/// Secondary suppression over a table with both margins (issue 17, item 9): whatever a
/// public trend, team page or domain table shows, no hidden figure comes back as a total
/// less the shown figures, along any row or column, margins included.
@Suite struct SuppressionGridTests {
    let rule = SmallCountSuppression()

    /// The lines of a table with margins, as a reader subtracts along them: each row (with
    /// its total) and each column (with its total), the margin row and column included.
    /// Returns a description of every line that gives a hidden figure back.
    func leaks(values: [[Int]], hidden: [[Bool]]) -> [String] {
        let rows = values.count - 1, columns = values[0].count - 1
        var lines: [(String, [(Int, Int)])] = []
        for r in 0...rows { lines.append(("row \(r)", (0...columns).map { (r, $0) })) }
        for c in 0...columns { lines.append(("column \(c)", (0...rows).map { ($0, c) })) }
        var found: [String] = []
        for (name, positions) in lines {
            let flags = positions.map { hidden[$0.0][$0.1] }
            let entries = flags.dropLast(), totalHidden = flags.last!
            let hiddenEntries = entries.filter { $0 }.count
            if !totalHidden && hiddenEntries == 1 { found.append("\(name): one hidden entry beside a shown total") }
            let total = positions.last.map { values[$0.0][$0.1] }!
            if totalHidden && hiddenEntries == 0 && total > 0 { found.append("\(name): a hidden total whose entries are all shown") }
        }
        return found
    }

    /// The grid of a table with its margins, as SuppressionGrid makes it, for the checks.
    func withMargins(_ cells: [[Int]]) -> [[Int]] {
        let rows = cells.map { $0 + [$0.reduce(0, +)] }
        return rows + [(0..<rows[0].count).map { c in rows.reduce(0) { $0 + $1[c] } }]
    }

    /// A small seeded generator, so the random tables are the same on every run.
    struct Seeded {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
    }

    @Test func aCountTableLeaksNothingAlongAnyLineMarginsIncluded() {
        var random = Seeded(state: 17)
        for _ in 0..<400 {
            let rows = 1 + random.next(5), columns = 1 + random.next(6)
            let table = (0..<rows).map { _ in (0..<columns).map { _ in random.next(4) == 0 ? random.next(5) : random.next(40) } }
            let s = rule.suppress(table: table)
            let hidden = s.cells.enumerated().map { $1 + [s.rowTotals[$0]] } + [s.columnTotals + [s.grandTotal]]
            #expect(leaks(values: withMargins(table), hidden: hidden).isEmpty, "\(table)")
            for (r, row) in table.enumerated() { for (c, v) in row.enumerated() where rule.isSmall(v) { #expect(s.cells[r][c]) } }
        }
    }

    @Test func theAuthorityTotalIsHiddenWhenOnlyOneGroupTotalIs() {
        // Two teams' action counts: the first team raised 3 (small), the second 40. Their
        // totals add up to the authority's 43: with the first team's hidden, the second's
        // is hidden too, else 43 − 40 gives the 3 back.
        let s = rule.suppress(table: [[1, 2], [20, 20]])
        #expect(s.rowTotals == [true, true])
        #expect(!s.grandTotal)
    }

    @Test func aRateTableHidesRatesWithTheirCountsAndLeaksNoCount() {
        var random = Seeded(state: 2026)
        for _ in 0..<300 {
            let rows = 1 + random.next(4), columns = 1 + random.next(12)
            let cells = (0..<rows).map { _ in
                (0..<columns).map { _ -> (k: Int, n: Int) in
                    let n = random.next(3) == 0 ? random.next(6) : random.next(30)
                    return (k: n == 0 ? 0 : random.next(n + 1), n: n)
                }
            }
            let t = rule.suppress(rateTable: cells, columns: columns)
            let entries = t.cells.enumerated().map { $1 + [t.rowTotals[$0]] } + [t.columnTotals + [t.grandTotal]]
            let k = withMargins(cells.map { $0.map(\.k) }), n = withMargins(cells.map { $0.map(\.n) })
            #expect(leaks(values: k, hidden: entries.map { $0.map(\.numerator) }).isEmpty, "k of \(cells)")
            #expect(leaks(values: n, hidden: entries.map { $0.map(\.denominator) }).isEmpty, "n of \(cells)")
            for (r, row) in entries.enumerated() {
                for (c, e) in row.enumerated() {
                    if e.numerator || e.denominator { #expect(e.rate) }
                    if e.rate { #expect(e.numerator) }
                    if rule.suppressesRate(numerator: k[r][c], denominator: n[r][c]) { #expect(e.rate) }
                }
            }
        }
    }

    @Test func aThinMonthOfOneTeamIsHiddenAndSoIsAnotherSoNeitherComesBack() {
        // Two teams over three months; team A audited 3 cases in February (small n).
        let cells: [[(k: Int, n: Int)]] = [[(6, 30), (1, 3), (7, 28)], [(8, 35), (9, 40), (10, 33)]]
        let t = rule.suppress(rateTable: cells, columns: 3)
        #expect(t.cells[0][1].denominator && t.cells[0][1].numerator && t.cells[0][1].rate)
        // Along team A's row a second month's n goes with it; down February's column, team B's.
        #expect(t.cells[0].filter(\.denominator).count >= 2)
        #expect(t.cells[1][1].denominator)
        // The authority's months stay shown: 9 of 43 in February gives nothing back alone.
        #expect(!t.columnTotals[1].denominator)
    }
}
