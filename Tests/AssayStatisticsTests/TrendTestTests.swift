import AssayCore
import AssayStatistics
import Testing

@Suite("Direction of travel (Cochran–Armitage)")
struct TrendTestTests {
    private static let reference = ComparisonReferenceValues.comparisons

    private static func months(_ c: ComparisonReferenceValues.Trend) -> [MonthlyCount] {
        c.months.indices.map { MonthlyCount(month: c.months[$0], inadequate: c.inadequate[$0], audits: c.audits[$0]) }
    }

    /// The issue asks for 1e−6; the closed form reaches about 1e−12 against R's weighted
    /// regression, which is what is checked.
    @Test("χ², p and slope agree with R's prop.trend.test and lm", arguments: reference.trend.indices)
    func matchesR(_ i: Int) {
        let c = Self.reference.trend[i]
        let test = TrendTest(months: Self.months(c))
        #expect(test.direction.rawValue == c.direction, "\(c.label)")
        if let chi = c.chiSquared, let p = c.pValue, let slope = c.slope {
            #expect(relativeError(test.chiSquared ?? .nan, chi) <= 1e-10, "\(c.label): χ² \(String(describing: test.chiSquared)) vs R \(chi)")
            #expect(relativeError(test.pValue ?? .nan, p) <= 1e-10, "\(c.label): p \(String(describing: test.pValue)) vs R \(p)")
            #expect(relativeError(test.slopePerMonth ?? .nan, slope) <= 1e-9, "\(c.label): slope vs R \(slope)")
        } else {
            #expect(test.chiSquared == nil && test.pValue == nil && test.slopePerMonth == nil, "\(c.label)")
        }
    }

    @Test("a table's adjusted p-values agree with R's p.adjust(method = \"BH\")")
    func tableMatchesR() {
        let cases = Self.reference.trend
        let table = TrendTable(groups: cases.map { (label: $0.label, months: Self.months($0)) })
        #expect(table.rows.map(\.label) == cases.map(\.label))
        for (row, expected) in zip(table.rows, Self.reference.trendAdjusted) {
            if let expected {
                #expect(relativeError(row.adjustedPValue ?? .nan, expected) <= 1e-10, "\(row.label)")
            } else {
                #expect(row.adjustedPValue == nil, "\(row.label)")
            }
        }
    }

    @Test("no inadequate audit, only inadequate ones, one month, or nothing: no clear change, no p")
    func degenerate() {
        let none = TrendTest(months: (0..<6).map { MonthlyCount(month: $0, inadequate: 0, audits: 5) })
        let all = TrendTest(months: (0..<6).map { MonthlyCount(month: $0, inadequate: 3, audits: 3) })
        let single = TrendTest(months: [MonthlyCount(month: 7, inadequate: 4, audits: 20)])
        let sameMonth = TrendTest(months: [MonthlyCount(month: 7, inadequate: 4, audits: 20),
                                           MonthlyCount(month: 7, inadequate: 9, audits: 20)])
        let empty = TrendTest(months: [])
        let noAudits = TrendTest(months: [MonthlyCount(month: 1, inadequate: 0, audits: 0),
                                          MonthlyCount(month: 2, inadequate: 0, audits: 0)])
        for test in [none, all, single, sameMonth, empty, noAudits] {
            #expect(test.direction == .noClearChange)
            #expect(test.pValue == nil && test.chiSquared == nil && test.slopePerMonth == nil)
        }
        #expect(single.monthsUsed == 1 && noAudits.monthsUsed == 0)
    }

    @Test("months without audits are dropped, not renumbered")
    func gapsKeepTheirPlace() {
        let withEmpty = TrendTest(months: [
            MonthlyCount(month: 0, inadequate: 5, audits: 20), MonthlyCount(month: 1, inadequate: 0, audits: 0),
            MonthlyCount(month: 2, inadequate: 4, audits: 20), MonthlyCount(month: 5, inadequate: 1, audits: 20),
        ])
        let without = TrendTest(months: [
            MonthlyCount(month: 5, inadequate: 1, audits: 20), MonthlyCount(month: 0, inadequate: 5, audits: 20),
            MonthlyCount(month: 2, inadequate: 4, audits: 20),
        ])
        let renumbered = TrendTest(months: [
            MonthlyCount(month: 0, inadequate: 5, audits: 20), MonthlyCount(month: 1, inadequate: 4, audits: 20),
            MonthlyCount(month: 2, inadequate: 1, audits: 20),
        ])
        #expect(withEmpty == without)
        #expect(withEmpty.monthsUsed == 3)
        #expect(withEmpty.chiSquared != renumbered.chiSquared)
    }

    @Test("calendar months index consecutively across a year end")
    func calendarIndex() {
        let december = MonthlyCount(month: Month(year: 2025, month: 12)!, inadequate: 1, audits: 2)
        let january = MonthlyCount(month: Month(year: 2026, month: 1)!, inadequate: 1, audits: 2)
        #expect(january.month - december.month == 1)
        #expect(december.rate == 0.5)
        #expect(MonthlyCount(month: 3, inadequate: 0, audits: 0).rate == nil)
    }

    @Test("the direction follows the sign of the trend, and α")
    func directionAndAlpha() {
        let falling = (0..<12).map { MonthlyCount(month: $0, inadequate: 14 - $0, audits: 50) }
        let rising = (0..<12).map { MonthlyCount(month: $0, inadequate: 3 + $0, audits: 50) }
        #expect(TrendTest(months: falling).direction == .improving)
        #expect(TrendTest(months: rising).direction == .worsening)
        #expect(TrendTest(months: falling).slopePerMonth! < 0)
        let p = TrendTest(months: falling).pValue!
        #expect(TrendTest(months: falling, alpha: p / 2).direction == .noClearChange)
    }

    /// docs/statistics.md's worked example ("improving" in the fixture).
    @Test("worked example: twelve months, 13 of 52 down to 5 of 48")
    func workedExample() {
        let c = Self.reference.trend[0]
        let test = TrendTest(months: Self.months(c))
        #expect(abs(test.chiSquared! - 8.102613604031566) < 1e-9)
        #expect(abs(test.pValue! - 0.004420147690170679) < 1e-12)
        #expect(test.direction == .improving)
    }
}
