import AssayCore
import AssayStatistics
import Testing

@Suite("Process control: p-chart and Laney p′ chart")
struct ProcessChartTests {
    private static let reference = ComparisonReferenceValues.comparisons

    private static func months(_ c: ComparisonReferenceValues.Process) -> [MonthlyCount] {
        c.months.indices.map { MonthlyCount(month: c.months[$0], inadequate: c.inadequate[$0], audits: c.audits[$0]) }
    }

    @Test("centre, limits, σ_z, the dispersion test and Laney's limits agree with R", arguments: reference.process.indices)
    func matchesR(_ i: Int) throws {
        let c = Self.reference.process[i]
        let chart = try #require(ProcessChart(months: Self.months(c)))
        #expect(relativeError(chart.centre, c.centre) <= 1e-15)
        #expect(chart.points.count == c.sigma.count)
        #expect(chart.points.map(\.month) == c.months.indices.filter { c.audits[$0] > 0 }.map { c.months[$0] })
        for (j, point) in chart.points.enumerated() {
            #expect(relativeError(point.sigma, c.sigma[j]) <= 1e-14)
            #expect(abs(point.zScore! - c.z[j]) <= 1e-12)
            #expect(abs(point.limits.lower - c.lower[j]) <= 1e-14 && abs(point.limits.upper - c.upper[j]) <= 1e-14)
            let laney = ProcessChart.laneyLimits(centre: chart.centre, audits: point.audits, sigmaZ: chart.sigmaZ!)
            #expect(abs(laney.lower - c.laneyLower[j]) <= 1e-12 && abs(laney.upper - c.laneyUpper[j]) <= 1e-12)
            #expect((point.laneyLimits == nil) == !c.overdispersed)
            if let shown = point.laneyLimits { #expect(shown == laney) }
        }
        #expect(relativeError(chart.sigmaZ!, c.sigmaZ) <= 1e-12, "\(c.label): σ_z \(chart.sigmaZ!) vs R \(c.sigmaZ)")
        #expect(relativeError(chart.dispersionStatistic!, c.statistic) <= 1e-12)
        #expect(relativeError(chart.dispersionStatistic!, c.chisqTestStatistic) <= 1e-12, "vs chisq.test")
        #expect(chart.degreesOfFreedom == c.df)
        #expect(relativeError(chart.dispersionPValue!, c.pValue) <= 1e-10)
        #expect(chart.isOverdispersed == c.overdispersed, "\(c.label)")
    }

    /// The fixture's "steady decline": the homogeneity test rejects, but the month-to-month
    /// variation is binomial (σ_z < 1), so the p-chart stands alone and shows the trend.
    @Test("a steady trend is not over-dispersion")
    func trendIsNotOverdispersion() throws {
        let c = try #require(Self.reference.process.first { $0.label == "steady decline" })
        let chart = try #require(ProcessChart(months: Self.months(c)))
        #expect(chart.dispersionPValue! < 0.05 && chart.sigmaZ! <= 1 && !chart.isOverdispersed)
        #expect(chart.points.contains { $0.signal != .within })
    }

    @Test("no inadequate audit: centre 0, zero-width limits, no σ_z, nothing signals")
    func zeroCounts() throws {
        let chart = try #require(ProcessChart(months: (0..<6).map { MonthlyCount(month: $0, inadequate: 0, audits: 8) }))
        #expect(chart.centre == 0 && chart.sigmaZ == nil && chart.dispersionPValue == nil && !chart.isOverdispersed)
        #expect(chart.points.allSatisfy { $0.signal == .within && $0.zScore == nil && $0.limits == ControlLimits(lower: 0, upper: 0) })
    }

    @Test("every audit inadequate: centre 1, nothing signals")
    func allInadequate() throws {
        let chart = try #require(ProcessChart(months: (0..<3).map { MonthlyCount(month: $0, inadequate: 5, audits: 5) }))
        #expect(chart.centre == 1 && chart.points.allSatisfy { $0.signal == .within } && !chart.isOverdispersed)
    }

    @Test("a single month has limits but no moving range")
    func singleMonth() throws {
        let chart = try #require(ProcessChart(months: [MonthlyCount(month: 4, inadequate: 9, audits: 45)]))
        #expect(chart.points.count == 1 && chart.centre == 0.2 && chart.points[0].signal == .within)
        #expect(chart.sigmaZ == nil && chart.degreesOfFreedom == nil && !chart.isOverdispersed)
        #expect(ProcessChart(months: []) == nil)
        #expect(ProcessChart(months: [MonthlyCount(month: 1, inadequate: 0, audits: 0)]) == nil)
    }

    @Test("limits are clipped to [0, 1], and a month far off signals")
    func clippingAndSignals() throws {
        let months = [MonthlyCount(month: 0, inadequate: 1, audits: 1)]
            + (1..<12).map { MonthlyCount(month: $0, inadequate: 10, audits: 100) }
            + [MonthlyCount(month: 12, inadequate: 40, audits: 100)]
        let chart = try #require(ProcessChart(months: months))
        #expect(chart.points[0].limits.upper == 1 && chart.points[0].limits.lower == 0)
        #expect(chart.points[12].signal == .above)
        #expect(chart.points[1].signal == .within)
    }

    /// docs/statistics.md's worked example: σ_z just above 1, but the months are not
    /// over-dispersed (p = 0.46), so no p′ chart.
    @Test("worked example: six months, 60 of 300")
    func workedExample() throws {
        let counts = [(12, 50), (9, 45), (15, 55), (8, 48), (10, 52), (6, 50)]
        let chart = try #require(ProcessChart(months: counts.indices.map {
            MonthlyCount(month: Month(year: 2026, month: $0 + 1)!, inadequate: counts[$0].0, audits: counts[$0].1)
        }))
        #expect(chart.centre == 0.2)
        #expect(abs(chart.points[0].limits.lower - 0.03029437252) < 1e-10)
        #expect(abs(chart.points[0].limits.upper - 0.36970562748) < 1e-10)
        #expect(abs(chart.points[2].zScore! - 1.34839972493) < 1e-10)
        #expect(abs(chart.sigmaZ! - 1.0098351478) < 1e-9)
        #expect(abs(chart.dispersionStatistic! - 4.6707459207) < 1e-9)
        #expect(abs(chart.dispersionPValue! - 0.4573681152) < 1e-9)
        #expect(!chart.isOverdispersed && chart.points.allSatisfy { $0.signal == .within && $0.laneyLimits == nil })
    }
}
