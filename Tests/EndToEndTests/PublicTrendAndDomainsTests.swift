import Foundation
import Testing

/// `report trend --public` and `report domains --public` (issue 17, item 9): on a database of
/// four teams with four audits a team a month (so every team-month is a small count, and the
/// authority's months are not), the public CSV has no count from 1 to K−1, and no hidden
/// count comes back as the authority's figure less the teams' shown ones.
@Suite struct PublicTrendAndDomainsTests {
    let workspace: ReportHTMLWorkspace

    init() throws {
        workspace = try ReportHTMLWorkspace()
    }

    func csv(_ arguments: [String]) throws -> [[String: String]] {
        let result = try workspace.run(arguments)
        try #require(result.status == 0, "\(arguments): \(result.stderr)")
        return OutputSafetyTests.records(result.stdout)
    }

    /// Values of `fields` that read as whole numbers from 1 to k − 1.
    func smallCounts(_ records: [[String: String]], _ fields: [String], below k: Int) -> [String] {
        records.flatMap { record in fields.compactMap { record[$0] } }.filter { Int($0).map { 1 <= $0 && $0 < k } ?? false }
    }

    /// Within each slice (a month, a domain), a figure shown for the authority beside exactly
    /// one team's hidden: the authority's less the other teams' gives it back.
    func leaks(_ records: [[String: String]], slice: String, fields: [String]) -> [String] {
        var found: [String] = []
        for key in Set(records.compactMap { $0[slice] }) {
            let rows = records.filter { $0[slice] == key }
            for field in fields {
                guard let authority = rows.first(where: { $0["level"] == "authority" })?[field], authority != "[c]" else { continue }
                let hidden = rows.filter { $0["level"] != "authority" && $0[field] == "[c]" }
                if hidden.count == 1 { found.append("\(key) \(field): \(hidden[0]["group"] ?? "?") alone hidden") }
            }
        }
        return found
    }

    @Test func thePublicTrendCSVHasNoSmallCountAndNoneComesBack() throws {
        let arguments = ["report", "trend", "--by", "team", "--months", "7", "--to", "2026-11", "--format", "csv"]
        let unsuppressed = try csv(arguments)
        #expect(!smallCounts(unsuppressed, ["audited", "inadequate"], below: 5).isEmpty)
        for k in [3, 5] {
            let records = try csv(arguments + ["--public", "--suppress-below", String(k)])
            #expect(records.count == unsuppressed.count)
            #expect(smallCounts(records, ["audited", "inadequate"], below: k).isEmpty)
            #expect(leaks(records, slice: "month", fields: ["audited", "inadequate"]).isEmpty)
            // The authority's months (16 audits or more) stay shown; a hidden rate hides its p-values.
            #expect(records.filter { $0["level"] == "authority" }.allSatisfy { $0["audited"] != "[c]" })
            for record in records where record["inadequate"] == "[c]" && record["level"] != "authority" {
                #expect(record["rate"] == "[c]" && record["p_value"] == "[c]" && record["direction"] != "[c]")
            }
        }
    }

    @Test func thePublicTrendTableHidesThinMonthsAndSaysWhy() throws {
        let result = try workspace.run(["report", "trend", "--by", "team", "--months", "7", "--to", "2026-11", "--wide", "--public"])
        try #require(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("[c] of [c]"))
        #expect(result.stdout.contains("counts of 1 to 4 are shown as [c]"))
        #expect(result.stdout.contains("p-values are hidden when any of its months"))
        #expect(!result.stdout.contains(" of 4 "))
    }

    @Test func thePublicDomainsCSVHasNoSmallCountAndNoneComesBack() throws {
        let arguments = ["report", "domains", "--by", "team", "--from", "2026-05", "--to", "2026-11", "--format", "csv"]
        let fields = ["audited", "inadequate", "requires_improvement"]
        let unsuppressed = try csv(arguments)
        #expect(!smallCounts(unsuppressed, fields, below: 5).isEmpty)
        let records = try csv(arguments + ["--public"])
        #expect(records.count == unsuppressed.count)
        #expect(smallCounts(records, fields, below: 5).isEmpty)
        #expect(leaks(records, slice: "domain", fields: fields).isEmpty)
        for record in records where fields.contains(where: { record[$0] == "[c]" }) {
            #expect(record["share_ri_or_inadequate"] == "[c]" && record["share_inadequate"] == "[c]")
        }
    }
}

/// `report team --public` is refused, with the reason and where to go instead, rather than
/// ignored: a team's page is a working paper (docs/reports.md, "Public versions").
@Suite struct PublicTeamPageRefusalTests {
    @Test func aTeamsPageHasNoPublicVersionAndSaysWhatToUseInstead() throws {
        let work = Workspace()
        try TwoTeamWorkspace.prepare(work)
        let result = try TwoTeamWorkspace.run(work, ["report", "team", "Alpha", "--public"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("report team has no public version"))
        #expect(result.stderr.contains("report html --public"))
        #expect(result.stdout.isEmpty)
    }
}
