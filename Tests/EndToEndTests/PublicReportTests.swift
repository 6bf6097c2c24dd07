import Foundation
import Testing

/// `--public` (issue 17, item 9): the public version of a listing report has no count from 1
/// to K−1 anywhere, hides what would give one back, and says so. The database is
/// ReportCommandTests': Alpha and Beta, two audits each, one Alpha audit inadequate.
@Suite struct PublicReportTests {
    let work = Workspace()
    static let lead = "Lena Lead"

    init() throws {
        try TwoTeamWorkspace.prepare(work)
    }

    @discardableResult
    func run(_ arguments: [String]) throws -> AssayBinary.Result {
        try TwoTeamWorkspace.run(work, arguments)
    }

    /// Every CSV cell that reads as a whole number from 1 to k − 1.
    func smallCounts(inCSV text: String, below k: Int) -> [String] {
        text.split(whereSeparator: \.isNewline).dropFirst().flatMap { $0.split(separator: ",", omittingEmptySubsequences: false) }
            .map(String.init).filter { Int($0).map { 1 <= $0 && $0 < k } ?? false }
    }

    @Test func thePublicCSVHasNoCountUnderK() throws {
        let unsuppressed = try run(["report", "rates", "--month", "2026-11", "--by", "team", "--format", "csv"])
        try #require(unsuppressed.status == 0, "\(unsuppressed.stderr)")
        #expect(!smallCounts(inCSV: unsuppressed.stdout, below: 5).isEmpty)  // the internal version has them
        for k in [3, 5] {
            var arguments = ["report", "rates", "--month", "2026-11", "--by", "team", "--format", "csv", "--public"]
            if k != 5 { arguments += ["--suppress-below", String(k)] }
            let result = try run(arguments)
            try #require(result.status == 0, "\(result.stderr)")
            #expect(smallCounts(inCSV: result.stdout, below: k).isEmpty, "\(result.stdout)")
            #expect(result.stdout.contains("[c]"))
        }
    }

    @Test func thePublicTableHidesRatesWithTheirCountsAndSaysSo() throws {
        let result = try run(["report", "rates", "--month", "2026-11", "--by", "team", "--public"])
        try #require(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("counts of 1 to 4 are shown as [c]"))
        #expect(!result.stdout.contains("1 of 2"))
        #expect(!result.stdout.contains("50%"))
    }

    @Test func thePublicFunnelHidesCountsLimitsAndTheAuthorityRate() throws {
        let csv = try run(["report", "funnel", "--by", "team", "--to", "2026-11", "--format", "csv", "--public"])
        try #require(csv.status == 0, "\(csv.stderr)")
        #expect(smallCounts(inCSV: csv.stdout, below: 5).isEmpty, "\(csv.stdout)")
        #expect(csv.stdout.contains("[c]"))
        let table = try run(["report", "funnel", "--by", "team", "--to", "2026-11", "--public"])
        try #require(table.status == 0, "\(table.stderr)")
        #expect(table.stdout.contains("Authority rate [c]."))
        #expect(!table.stdout.contains("1 of 4"))
        #expect(table.stdout.contains("counts of 1 to 4 are shown as [c]"))
    }

    @Test func suppressBelowNeedsPublic() throws {
        let result = try run(["report", "rates", "--month", "2026-11", "--suppress-below", "3"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--public"))
    }
}

/// `report actions --public`: one overdue action on one case; the public version shows no
/// count from 1 to 4, lists no overdue action, and says so.
@Suite struct PublicActionsReportTests {
    let work = Workspace()

    init() throws {
        try AuditWorkspace.prepare(work)
        work.write("c1.yaml", AuditCommandTests.goodAnswers.replacingOccurrences(of: "due: 2099-12-15", with: "due: 2026-11-20"))
        let submitted = try AuditWorkspace.run(work, as: "Ana", at: "2026-11-10 09:00:00", ["audit", "C1", "--template", "mini", "--answers", "c1.yaml"])
        try #require(submitted.status == 0, "\(submitted.stderr)")
    }

    @Test func thePublicActionsReportHidesSmallCountsAndListsNoCase() throws {
        let csv = try AuditWorkspace.run(work, as: AuditWorkspace.lead, ["report", "actions", "--as-of", "2026-11-30", "--format", "csv", "--public"])
        try #require(csv.status == 0, "\(csv.stderr)")
        let small = csv.stdout.split(whereSeparator: \.isNewline).dropFirst().flatMap { $0.split(separator: ",") }
            .filter { Int($0).map { 1 <= $0 && $0 < 5 } ?? false }
        #expect(small.isEmpty, "\(csv.stdout)")
        let table = try AuditWorkspace.run(work, as: AuditWorkspace.lead, ["report", "actions", "--as-of", "2026-11-30", "--public"])
        try #require(table.status == 0, "\(table.stderr)")
        #expect(table.stdout.contains("[c]"))
        #expect(table.stdout.contains("not listed in a public version"))
        #expect(!table.stdout.contains("P-"))
        #expect(table.stdout.contains("counts of 1 to 4 are shown as [c]"))
    }
}
