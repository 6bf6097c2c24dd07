import AssayCore
@testable import AssayReports
import AssayStatistics
import Testing

/// The report layer's own rules, on audits built by hand: which rows appear in which order,
/// that each row is the estimator's figure for that group of the one design, and that the
/// footnotes say what a reader needs.
@Suite struct RatesReportTests {
    static let november = Month("2026-11")!

    /// Stratum 0 (team Alder, 20 cases): 1 of 2 inadequate; stratum 1 (Birch, 6 cases):
    /// 0 of 3; stratum 2 (Alder/Birch shared, 9 cases): Alder inadequate, Birch not.
    static func audits() -> [ReportedAudit] {
        func audit(_ team: String, _ grade: Grade, _ position: Int, _ population: Int, service: Service? = .childInNeed) -> ReportedAudit {
            ReportedAudit(month: november, team: team, locality: position == 1 ? "South" : "North", service: service, overall: grade,
                          origin: .drawn(drawID: 1, position: position, population: population))
        }
        return [audit("Alder", .inadequate, 0, 20), audit("Alder", .good, 0, 20),
                audit("Birch", .good, 1, 6), audit("Birch", .requiresImprovement, 1, 6), audit("Birch", .good, 1, 6, service: nil),
                audit("Alder", .inadequate, 2, 9), audit("Birch", .good, 2, 9)]
    }

    @Test func theAuthorityComesFirstThenGroupsByName() throws {
        let report = try RatesReport(audits: Self.audits(), period: ReportPeriod(month: Self.november), grouping: .team)
        #expect(report.rows.map(\.group.description) == ["Authority", "Alder", "Birch"])
        #expect(report.rows.first?.pooledRate == nil)
        #expect(report.rows.dropFirst().allSatisfy { $0.pooledRate != nil })
        // Weighted: (10·1 + 4.5·1) / (10·2 + 2·3 + 4.5·2).
        #expect(abs(report.rows[0].estimate.rate - 14.5 / 35) < 1e-12)
        #expect(report.rows[0].estimate.audited == 7 && report.rows[0].estimate.inadequate == 2)
    }

    @Test func eachGroupIsADomainOfTheOneDesign() throws {
        let audits = Self.audits()
        let report = try RatesReport(audits: audits, period: ReportPeriod(month: Self.november), grouping: ReportGrouping(parsing: "team"))
        let design = try ReportDesign(audits)
        let alder = try #require(try StratifiedEstimator.estimate(design.sample()) { $0.labels["team"] == "Alder" })
        #expect(report.rows.first { $0.group.description == "Alder" }?.estimate == alder)
    }

    @Test func anAuditWithoutAServiceIsInNoServiceGroupButCountsForTheAuthority() throws {
        let report = try RatesReport(audits: Self.audits(), period: ReportPeriod(month: Self.november), grouping: ReportGrouping(parsing: "service"))
        #expect(report.rows.map(\.group.description) == ["Authority", "child-in-need"])
        #expect(report.rows[0].estimate.audited == 7)
        #expect(report.rows[1].estimate.audited == 6)
    }

    @Test func noAuditsGiveNoRows() throws {
        let report = try RatesReport(audits: [], period: ReportPeriod(month: Self.november), grouping: .team)
        #expect(report.rows.isEmpty)
    }

    @Test func historyIsFootnoted() throws {
        var audits = Self.audits()
        #expect(try RatesReport(audits: audits, period: ReportPeriod(month: Self.november), grouping: nil)
            .footnotes.contains { $0.contains("imported") } == false)
        audits.append(ReportedAudit(month: Self.november.adding(months: -1), team: "Alder", locality: "North", service: nil,
                                    overall: .good, origin: .imported))
        let report = try RatesReport(audits: audits, period: ReportPeriod(from: Self.november.adding(months: -1), to: Self.november), grouping: nil)
        #expect(report.includesHistory)
        #expect(report.footnotes.contains { $0.contains("imported from before Assay") })
    }

    @Test func groupingsAreReadAndRefused() throws {
        #expect(try ReportGrouping(parsing: "team, locality").fields == [.team, .locality])
        #expect(throws: ReportError.groupingFieldTwice(text: "team,team", word: "team")) { try ReportGrouping(parsing: "team,team") }
        #expect(throws: ReportError.unknownGroupingField(text: "worker", word: "worker")) { try ReportGrouping(parsing: "worker") }
        #expect(throws: ReportError.periodReversed(from: Self.november, to: Self.november.adding(months: -1))) {
            try ReportPeriod(from: Self.november, to: Self.november.adding(months: -1))
        }
    }

    @Test func trendRowsFollowTheCalendarAndAdjustOnlyTheGroups() throws {
        var audits: [ReportedAudit] = []
        for (offset, bad) in [(-2, 3), (-1, 2), (0, 0)] {
            for n in 0..<4 {
                audits.append(ReportedAudit(month: Self.november.adding(months: offset), team: n < 2 ? "Alder" : "Birch", locality: "North",
                                            service: nil, overall: n < bad ? .inadequate : .good, origin: .imported))
            }
        }
        let report = TrendReport(audits: audits, period: try ReportPeriod(from: Self.november.adding(months: -2), to: Self.november), grouping: .team)
        #expect(report.rows.map(\.group.description) == ["Authority", "Alder", "Birch"])
        #expect(report.rows[0].months.map(\.inadequate) == [3, 2, 0])
        #expect(report.rows[0].test.direction == .improving)
        #expect(report.rows[0].adjustedPValue == nil)
        let pValues = report.rows.dropFirst().map(\.test.pValue)
        #expect(report.rows.dropFirst().map(\.adjustedPValue) == BenjaminiHochberg.adjust(pValues))
    }
}
