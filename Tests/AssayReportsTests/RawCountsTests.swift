import AssayAudits
import AssayCore
@testable import AssayReports
import AssayStore
import AssayTestSupport
import Foundation
import Testing

/// `Store.rawCounts` (SQLite folds the audits) must count exactly what the reports counted
/// from `reportedAudits` in Swift: drawn audits only when submitted and not ad hoc, a
/// moderated audit with its agreed grade, imported history, audits without a service in no
/// service group.
@Suite struct RawCountsTests {
    static let november = EvidenceReportTests.november
    static let groupings: [ReportGrouping?] = [nil, .team, ReportGrouping(fields: [.service]), ReportGrouping(fields: [.team, .locality]),
                                               ReportGrouping(fields: [.locality, .service])]

    func expectSameCounts(_ store: Store, from: Month, through: Month, _ note: String) throws {
        let audits = try store.reportedAudits(from: from, through: through, domainGrades: false)
        for grouping in Self.groupings {
            let folded = try store.rawCounts(from: from, through: through, grouping: grouping)
            #expect(folded == RawCounts(audits: audits, grouping: grouping), "\(note), by \(grouping?.description ?? "authority")")
            #expect(folded.audited == audits.count && folded.inadequate == audits.filter(\.inadequate).count)
        }
    }

    @Test func sqliteCountsWhatReportedAuditsCountsBeforeAndAfterModeration() throws {
        let dir = TemporaryDirectory()
        let (lead, drawn, _) = try EvidenceReportTests.fixture(dir)
        try expectSameCounts(lead, from: Self.november, through: Self.november, "drawn, ad hoc and in progress")
        #expect(try lead.rawCounts(from: Self.november, through: Self.november, grouping: nil).audited == 3)

        try lead.addPerson(name: "Mo", role: .moderator, team: nil)
        let mo = try Store(path: dir.file("a.db"), identity: Identity(name: "Mo", osLogin: "mo"))
        _ = try lead.takeModerationSample(month: Self.november, share: 1, seed: "all", replaceReason: nil)
        let auditID = try #require(try lead.audit(caseID: drawn[0], month: Self.november)?.id)
        try ModerationReportTests.agreeGood(auditID, by: mo, in: dir)
        try expectSameCounts(lead, from: Self.november, through: Self.november, "after moderation")
        #expect(try lead.rawCounts(from: Self.november, through: Self.november, grouping: nil).inadequate == 1)
    }

    @Test func sqliteCountsImportedHistoryAsReportedAuditsDoes() throws {
        let dir = TemporaryDirectory()
        let (lead, _, _) = try EvidenceReportTests.fixture(dir)
        // Past audits over two months, one without a service: it counts for the authority,
        // in no service group.
        _ = try PastAuditImporter(store: lead).importFile(dir.write("more.csv", """
            month,case_id,team,locality,service,overall
            2026-10,P1,Alpha,North,,Inadequate
            2026-10,P2,Beta,South,child-in-need,Good
            2026-09,P3,Beta,South,child-in-need,Inadequate
            2026-09,P4,Alpha,South,front-door,Requires improvement
            2026-09,P5,Alpha,North,front-door,Inadequate

            """), currentMonth: Self.november)
        let from = try #require(Month("2026-09"))
        try expectSameCounts(lead, from: from, through: Self.november, "history and November's audits")
        let counts = try lead.rawCounts(from: from, through: Self.november, grouping: ReportGrouping(fields: [.service]))
        #expect(counts.includesHistory && counts.audited == 5 + 3 && counts.inadequate == 3 + 2)
        #expect(counts.cells.contains { $0.group == nil }, "P1 has no service")
        #expect(try lead.rawCounts(from: Self.november, through: Self.november, grouping: nil).includesHistory == false)
    }
}
