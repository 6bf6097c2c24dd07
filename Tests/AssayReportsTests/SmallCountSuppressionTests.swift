@testable import AssayReports
import Testing

/// The small-numbers rule of public reports (issue 17, item 9): counts from 1 to K−1 hidden,
/// secondary suppression so none is recovered from a total, rates hidden with their counts.
@Suite struct SmallCountSuppressionTests {
    let rule = SmallCountSuppression()

    /// Every way a reader could recover a hidden cell from one group's shown figures: the
    /// total less the shown cells. Returns the cells so recovered.
    func recoverable(_ cells: [Int], hidden: [Bool], totalHidden: Bool) -> [Int] {
        guard !totalHidden else { return [] }
        let hiddenCells = cells.indices.filter { hidden[$0] }
        guard hiddenCells.count == 1 else { return [] }
        return [cells.reduce(0, +) - cells.indices.filter { !hidden[$0] }.map { cells[$0] }.reduce(0, +)]
    }

    @Test func primarySuppressionHidesOneToKMinusOneAndShowsZero() {
        #expect((0...6).map(rule.isSmall) == [false, true, true, true, true, false, false])
        #expect(rule.show(0) == "0")
        #expect(rule.show(3) == "[c]")
        #expect(rule.show(5) == "5")
        let k10 = SmallCountSuppression(threshold: 10)
        #expect(k10.isSmall(9) && !k10.isSmall(10))
    }

    @Test func oneHiddenCellInAGroupHidesTheNextSmallest() {
        let s = rule.suppress(cells: [12, 3, 40, 7, 0])
        #expect(s.cells == [false, true, false, true, false])
        #expect(!s.total)
        #expect(recoverable([12, 3, 40, 7, 0], hidden: s.cells, totalHidden: s.total).isEmpty)
    }

    @Test func twoHiddenCellsNeedNoMore() {
        let s = rule.suppress(cells: [2, 4, 30])
        #expect(s.cells == [true, true, false])
        #expect(!s.total)
    }

    @Test func aLoneHiddenCellHidesTheTotal() {
        #expect(rule.suppress(cells: [3]).cells == [true])
        #expect(rule.suppress(cells: [3]).total)
        // A small total is itself hidden.
        let s = rule.suppress(cells: [1, 2])
        #expect(s.cells == [true, true] && s.total)
    }

    @Test func zeroIsHiddenOnlyWhenNothingElseIsLeft() {
        let s = rule.suppress(cells: [0, 3])
        #expect(s.cells == [true, true])
    }

    @Test func nothingIsRecoverableFromTotalsInAnyGroup() {
        // Every group of up to four counts from 0 to 9.
        var checked = 0
        func groups(_ prefix: [Int], _ length: Int) {
            if prefix.count == length {
                let s = rule.suppress(cells: prefix)
                for value in recoverable(prefix, hidden: s.cells, totalHidden: s.total) {
                    #expect(!rule.isSmall(value), "recovered \(value) from \(prefix)")
                }
                for (i, cell) in prefix.enumerated() where rule.isSmall(cell) { #expect(s.cells[i]) }
                checked += 1
                return
            }
            for v in 0...9 { groups(prefix + [v], length) }
        }
        for n in 1...4 { groups([], n) }
        #expect(checked == 11_110)
    }

    @Test func aTableLeavesNoRowOrColumnWithOneHiddenCell() {
        let table = [
            [20, 3, 15, 9],
            [12, 18, 30, 25],
            [40, 11, 2, 16],
        ]
        let s = rule.suppress(table: table)
        for r in table.indices {
            let hidden = s.cells[r]
            #expect(recoverable(table[r], hidden: hidden, totalHidden: s.rowTotals[r]).isEmpty)
        }
        for c in 0..<4 {
            let column = table.map { $0[c] }
            let hidden = s.cells.map { $0[c] }
            #expect(recoverable(column, hidden: hidden, totalHidden: s.columnTotals[c]).isEmpty)
        }
        #expect(s.cells[0][1] && s.cells[2][2])
        for (r, row) in table.enumerated() { for (c, v) in row.enumerated() where rule.isSmall(v) { #expect(s.cells[r][c]) } }
    }

    @Test func ratesAreHiddenWithTheirNumeratorDenominatorOrComplement() {
        #expect(rule.suppressesRate(numerator: 3, denominator: 40))
        #expect(rule.suppressesRate(numerator: 0, denominator: 4))
        #expect(rule.suppressesRate(numerator: 38, denominator: 40))
        #expect(!rule.suppressesRate(numerator: 0, denominator: 40))
        #expect(!rule.suppressesRate(numerator: 12, denominator: 40))
        #expect(!rule.suppressesRate(numerator: 40, denominator: 40))
    }

    @Test func groupRatesHideTheirCountsAndNothingComesBackFromTheTotal() {
        // Teams: 3 of 40 (numerator small), 10 of 30, 12 of 50; authority 25 of 120.
        let h = rule.suppress(rates: [(3, 40), (10, 30), (12, 50)], total: (25, 120))
        #expect(h.rates[0] && h.numerators[0])
        // The next smallest numerator goes with it (10), so 25 − 12 leaves two unknowns; its rate too.
        #expect(h.numerators[1] && h.rates[1])
        #expect(!h.numerators[2] && !h.rates[2])
        #expect(!h.denominators.contains(true))
        #expect(!h.totalNumerator && !h.totalRate)
        // One group only: its small numerator hides the total's.
        let one = rule.suppress(rates: [(2, 30)], total: (2, 30))
        #expect(one.numerators == [true] && one.totalNumerator && one.totalRate)
        // A small denominator hides the rate and the count it was made from.
        let small = rule.suppress(rates: [(0, 3), (8, 40), (9, 45)], total: (17, 88))
        #expect(small.denominators[0] && small.rates[0] && small.denominators[1])
    }

    @Test func theStatementSaysWhatAndWhy() {
        #expect(rule.statement.contains("counts of 1 to 4 are shown as [c]"))
        #expect(rule.statement.contains("no child can be identified"))
        #expect(SmallCountSuppression(threshold: 2).statement.contains("counts of 1 are shown"))
    }
}
