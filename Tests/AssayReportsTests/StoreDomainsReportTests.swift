import AssayAudits
import AssayCore
@testable import AssayReports
import AssayStore
import AssayTestSupport
import Foundation
import Testing

/// `Store.domainsReport` (tallied as SQLite reads the domain grades, the few moderated and
/// imported ones grouped by SQLite) must give exactly the report
/// `DomainsReport(audits: reportedAudits(…))` gives: moderated audits with their
/// agreed grades, ad-hoc and unsubmitted audits left out, imported history with and without
/// domain grades, an audit without a service in no service group.
@Suite struct StoreDomainsReportTests {
    static let november = EvidenceReportTests.november

    func expectSameReport(_ store: Store, from: Month, through: Month, _ note: String) throws {
        let audits = try store.reportedAudits(from: from, through: through, domainGrades: true)
        for grouping in RawCountsTests.groupings {
            let period = try ReportPeriod(from: from, to: through)
            let fromAudits = DomainsReport(audits: audits, period: period, grouping: grouping)
            let fromStore = try store.domainsReport(from: from, through: through, grouping: grouping)
            let by = grouping?.description ?? "authority"
            #expect(fromStore.rows == fromAudits.rows, "\(note), by \(by)")
            #expect(fromStore.weakest == fromAudits.weakest, "\(note), by \(by)")
            #expect(fromStore.audits == fromAudits.audits && fromStore.auditsWithoutDomainGrades == fromAudits.auditsWithoutDomainGrades,
                    "\(note), by \(by): \(fromStore.audits)/\(fromStore.auditsWithoutDomainGrades) against \(fromAudits.audits)/\(fromAudits.auditsWithoutDomainGrades)")
            #expect(fromStore.includesHistory == fromAudits.includesHistory, "\(note), by \(by)")
            #expect(fromStore.footnotes == fromAudits.footnotes, "\(note), by \(by)")
        }
    }

    @Test func storeTalliesWhatAuditsGiveBeforeAndAfterModeration() throws {
        let dir = TemporaryDirectory()
        let (lead, drawn, _) = try EvidenceReportTests.fixture(dir)
        try expectSameReport(lead, from: Self.november, through: Self.november, "drawn, ad hoc and in progress")
        #expect(try lead.domainsReport(from: Self.november, through: Self.november, grouping: nil).rows.isEmpty == false)

        try lead.addPerson(name: "Mo", role: .moderator, team: nil)
        _ = try lead.takeModerationSample(month: Self.november, share: 1, seed: "all", replaceReason: nil)
        let auditID = try #require(try lead.audit(caseID: drawn[0], month: Self.november)?.id)
        let mo = try Store(path: dir.file("a.db"), identity: Identity(name: "Mo", osLogin: "mo"))
        try ModerationReportTests.agreeGood(auditID, by: mo, in: dir)
        try expectSameReport(lead, from: Self.november, through: Self.november, "after moderation")
    }

    @Test func storeTalliesImportedHistoryAsAuditsGive() throws {
        let dir = TemporaryDirectory()
        let (lead, _, _) = try EvidenceReportTests.fixture(dir)
        // Past audits over two months: some with domain grades, one without any, one
        // without a service.
        _ = try PastAuditImporter(store: lead).importFile(dir.write("more.csv", """
            month,case_id,team,locality,service,overall,risk,plan-quality
            2026-10,P1,Alpha,North,,Inadequate,4,3
            2026-10,P2,Beta,South,child-in-need,Good,2,
            2026-09,P3,Beta,South,child-in-need,Inadequate,,
            2026-09,P4,Alpha,South,front-door,Requires improvement,3,3
            2026-09,P5,Alpha,North,front-door,Inadequate,4,4

            """), currentMonth: Self.november)
        let from = try #require(Month("2026-09"))
        try expectSameReport(lead, from: from, through: Self.november, "history and November's audits")
        let report = try lead.domainsReport(from: from, through: Self.november, grouping: nil)
        #expect(report.includesHistory && report.auditsWithoutDomainGrades >= 1)
        try expectSameReport(lead, from: from, through: try #require(Month("2026-10")), "history alone")
    }
}
