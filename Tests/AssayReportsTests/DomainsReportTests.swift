import AssayCore
@testable import AssayReports
import Testing

/// `report domains` on audits built by hand: raw counts of requires-improvement and
/// inadequate domain grades per group, the authority's three weakest domains first, and the
/// tie-breaks.
@Suite struct DomainsReportTests {
    static let november = Month("2026-11")!

    static func audit(_ team: String, _ grades: [String: Grade], locality: String = "North", month: Month = november) -> ReportedAudit {
        ReportedAudit(month: month, team: team, locality: locality, service: nil, overall: .good,
                      origin: .drawn(drawID: 1, position: 0, population: 20), domainGrades: grades)
    }

    /// Authority: oversight 1 of 1 inadequate (share 1); voice 1 RI + 1 inadequate of 4
    /// (0.5); plan 2 RI of 4 (0.5, none inadequate); risk 0 of 3.
    static func audits() -> [ReportedAudit] {
        [audit("Alder", ["voice": .inadequate, "plan": .requiresImprovement, "risk": .good]),
         audit("Alder", ["voice": .good, "plan": .requiresImprovement, "risk": .outstanding]),
         audit("Birch", ["voice": .requiresImprovement, "plan": .good, "risk": .good, "oversight": .inadequate], locality: "South"),
         audit("Birch", ["voice": .outstanding, "plan": .good], locality: "South"),
         audit("Birch", [:], locality: "South")]
    }

    @Test func theAuthorityComesFirstWeakestDomainsLeading() throws {
        let report = DomainsReport(audits: Self.audits(), period: ReportPeriod(month: Self.november), grouping: .team)
        #expect(report.weakest == ["oversight", "voice", "plan"])
        let authority = report.rows.filter(\.group.isAuthority)
        #expect(authority.map(\.domain) == ["oversight", "voice", "plan", "risk"])
        #expect(authority.map(\.audited) == [1, 4, 4, 3])
        #expect(authority.map(\.requiresImprovement) == [0, 1, 2, 0])
        #expect(authority.map(\.inadequate) == [1, 1, 0, 0])
        #expect(authority.map(\.shareRIOrInadequate) == [1, 0.5, 0.5, 0])
        #expect(authority.map(\.weakest) == [1, 2, 3, nil])
        #expect(report.rows.prefix(4).allSatisfy { $0.group.isAuthority })
    }

    @Test func groupsFollowInTheAuthoritysDomainOrderCarryingItsRanks() throws {
        let report = DomainsReport(audits: Self.audits(), period: ReportPeriod(month: Self.november), grouping: .team)
        let groups = report.rows.filter { !$0.group.isAuthority }
        #expect(groups.map { "\($0.group) \($0.domain)" } == [
            "Alder voice", "Alder plan", "Alder risk",
            "Birch oversight", "Birch voice", "Birch plan", "Birch risk",
        ])
        let alderPlan = try #require(groups.first { $0.group.description == "Alder" && $0.domain == "plan" })
        #expect(alderPlan.audited == 2 && alderPlan.requiresImprovement == 2 && alderPlan.shareRIOrInadequate == 1)
        #expect(alderPlan.weakest == 3)  // the authority-wide rank, on the group's row too
        let birchVoice = try #require(groups.first { $0.group.description == "Birch" && $0.domain == "voice" })
        #expect(birchVoice.audited == 2 && birchVoice.shareRIOrInadequate == 0.5 && birchVoice.shareInadequate == 0)
        #expect(groups.first { $0.domain == "risk" && $0.group.description == "Birch" }?.audited == 1)
    }

    @Test func anAuditWithoutDomainGradesIsInNoRowAndSaysSo() {
        let report = DomainsReport(audits: Self.audits(), period: ReportPeriod(month: Self.november), grouping: nil)
        #expect(report.rows.allSatisfy { $0.group.isAuthority })
        #expect(report.audits == 5 && report.auditsWithoutDomainGrades == 1)
        #expect(report.footnotes.contains { $0.hasPrefix("1 of 5 audits carry no domain grades") })
    }

    @Test func tiesGoToTheLargerShareInadequateThenTheID() {
        // beta 2 of 4 (1 inadequate) beats alpha 1 of 2 (none); gamma 1 of 2 ties alpha
        // exactly on both shares, so alpha comes first by id; delta has no poor grade.
        let audits = [
            Self.audit("Alder", ["beta": .inadequate, "alpha": .requiresImprovement, "gamma": .requiresImprovement, "delta": .good]),
            Self.audit("Alder", ["beta": .requiresImprovement, "alpha": .good, "gamma": .good]),
            Self.audit("Alder", ["beta": .good]),
            Self.audit("Alder", ["beta": .good]),
        ]
        let report = DomainsReport(audits: audits, period: ReportPeriod(month: Self.november), grouping: nil)
        #expect(report.weakest == ["beta", "alpha", "gamma"])
        #expect(report.rows.map(\.domain) == ["beta", "alpha", "gamma", "delta"])
        #expect(report.rows.map(\.weakest) == [1, 2, 3, nil])
    }

    @Test func aDomainNoAuditGradedPoorlyIsNeverWeakest() {
        let audits = [Self.audit("Alder", ["voice": .requiresImprovement, "plan": .good, "risk": .outstanding])]
        let report = DomainsReport(audits: audits, period: ReportPeriod(month: Self.november), grouping: nil)
        #expect(report.weakest == ["voice"])
        #expect(report.rows.map(\.weakest) == [1, nil, nil])
        #expect(report.rows.map(\.domain) == ["voice", "plan", "risk"])
    }

    @Test func aRangePoolsItsMonthsAndHistoryIsFootnoted() throws {
        let october = Self.november.adding(months: -1)
        var audits = Self.audits()
        audits.append(ReportedAudit(month: october, team: "Alder", locality: "North", service: nil, overall: .inadequate, origin: .imported,
                                    domainGrades: ["risk": .inadequate, "plan": .inadequate]))
        let report = DomainsReport(audits: audits, period: try ReportPeriod(from: october, to: Self.november), grouping: nil)
        // plan 3 of 5 now (0.6) outranks voice (0.5); risk 1 of 4 (0.25).
        #expect(report.weakest == ["oversight", "plan", "voice"])
        #expect(report.rows.first { $0.domain == "risk" }?.inadequate == 1)
        #expect(report.includesHistory)
        #expect(report.footnotes.contains { $0.contains("imported from before Assay") })
    }

    @Test func noAuditsNoRows() {
        let report = DomainsReport(audits: [], period: ReportPeriod(month: Self.november), grouping: .team)
        #expect(report.rows.isEmpty && report.weakest.isEmpty)
    }
}
