import Foundation
import Testing

/// `report rates` and `report trend` run on a database whose figures can be worked out by
/// hand: team Alpha has 10 cases and team Beta 4, two drawn from each (so an Alpha audit
/// stands for 5 cases and a Beta audit for 2), one Alpha audit inadequate.
@Suite struct ReportCommandTests {
    let work = Workspace()
    static let lead = "Lena Lead"

    init() throws {
        try TwoTeamWorkspace.prepare(work)
    }

    @discardableResult
    func run(_ arguments: [String]) throws -> AssayBinary.Result {
        try TwoTeamWorkspace.run(work, arguments)
    }

    func json(_ arguments: [String]) throws -> Any {
        let result = try run(arguments + ["--format", "json"])
        try #require(result.status == 0, "\(arguments): \(result.stderr)")
        return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
    }

    func row(_ rows: [[String: Any]], team: String?) -> [String: Any]? {
        rows.first { ($0["group"] as? [String: String]) == (team.map { ["team": $0] } ?? [:]) }
    }

    @Test func ratesAreWeightedByTheDrawAndCarryTheirCounts() throws {
        let rows = try #require(try json(["report", "rates", "--month", "2026-11", "--by", "team"]) as? [[String: Any]])
        #expect(rows.count == 3)
        let authority = try #require(row(rows, team: nil))
        #expect(authority["month"] as? String == "2026-11")
        #expect(authority["audited"] as? Int == 4)
        #expect(authority["inadequate"] as? Int == 1)
        // (5 × 1) / (5 × 2 + 2 × 2): the weighted share, not the raw 1 in 4.
        #expect(abs((authority["rate"] as? Double ?? 0) - 5.0 / 14.0) < 1e-12)
        #expect(authority["pooled_rate"] is NSNull)
        let alpha = try #require(row(rows, team: "Alpha"))
        #expect(alpha["rate"] as? Double == 0.5)
        #expect(alpha["audited"] as? Int == 2)
        let beta = try #require(row(rows, team: "Beta"))
        #expect(beta["rate"] as? Double == 0)
        #expect(beta["ci_method"] as? String == "clopper-pearson")
        // Clopper–Pearson for 0 of 2: upper limit 1 − 0.025^(1/2).
        #expect(abs((beta["ci_high"] as? Double ?? 0) - (1 - 0.025.squareRoot())) < 1e-9)
        #expect(rows.allSatisfy { ($0["ci_low"] as? Double ?? -1) <= ($0["rate"] as? Double ?? 2) })
    }

    @Test func aRangeWithImportedHistoryWeighsPastAuditsOneEachAndSaysSo() throws {
        work.write("past.csv", "month,case_id,team,locality,service,overall\n"
                   + "2026-10,P1,Alpha,Northmoor,front-door,4\n2026-10,P2,Alpha,Northmoor,front-door,2\n"
                   + "2026-10,P3,Beta,Northmoor,front-door,2\n2026-10,P4,Beta,Northmoor,front-door,3\n")
        let imported = try run(["import", "audits", "past.csv"])
        try #require(imported.status == 0, "\(imported.stderr)")
        let rows = try #require(try json(["report", "rates", "--from", "2026-10", "--to", "2026-11"]) as? [[String: Any]])
        let authority = try #require(rows.first)
        #expect(authority["from"] as? String == "2026-10" && authority["to"] as? String == "2026-11")
        #expect(authority["audited"] as? Int == 8)
        // History weighs 1 an audit: (1 + 5) / (4 + 14).
        #expect(abs((authority["rate"] as? Double ?? 0) - 6.0 / 18.0) < 1e-12)
        let table = try run(["report", "rates", "--from", "2026-10", "--to", "2026-11"])
        #expect(table.stdout.contains("imported from before Assay"))
    }

    @Test func trendGivesMonthlyCountsAndADirection() throws {
        let september: [String] = (1...4).map { "2026-09,P\($0),Alpha,Northmoor,front-door,4" }
        let october: [String] = (5...8).map { "2026-10,P\($0),Alpha,Northmoor,front-door,\($0 < 7 ? 4 : 2)" }
        work.write("past.csv", (["month,case_id,team,locality,service,overall"] + september + october).joined(separator: "\n") + "\n")
        try #require(try run(["import", "audits", "past.csv"]).status == 0)
        let rows = try #require(try json(["report", "trend", "--by", "team", "--months", "3", "--to", "2026-11"]) as? [[String: Any]])
        let authority = try #require(row(rows, team: nil))
        let months = authority["months"] as? [[String: Any]] ?? []
        #expect(months.map { $0["month"] as? String } == ["2026-09", "2026-10", "2026-11"])
        #expect(months.map { $0["inadequate"] as? Int } == [4, 2, 1])
        #expect(months.map { $0["audited"] as? Int } == [4, 4, 4])
        #expect(authority["direction"] as? String == "improving")
        #expect(authority["p_adjusted"] is NSNull)
        let beta = try #require(row(rows, team: "Beta"))
        #expect(beta["direction"] as? String == "no clear change")
        #expect(beta["p_value"] is NSNull)  // no inadequate audit: nothing to test
    }

    @Test func adHocAndUnfinishedAuditsAreLeftOut() throws {
        let drawn = Set((try json(["sample", "2026-11"]) as? [[String: Any]] ?? []).compactMap { $0["case_id"] as? String })
        let undrawn = try #require(((1...10).map { "A\($0)" }).first { !drawn.contains($0) })
        work.write("adhoc.yaml", "answers:\n  risk: i\n  seen: no\n  plan-quality: i\noverall: i\n")
        let adHoc = try run(["audit", undrawn, "--month", "2026-11", "--unsampled", "--template", "mini", "--answers", "adhoc.yaml"])
        try #require(adHoc.status == 0, "\(adHoc.stderr)")
        let rows = try #require(try json(["report", "rates", "--month", "2026-11"]) as? [[String: Any]])
        #expect(rows.count == 1)
        #expect(rows.first?["audited"] as? Int == 4)
        #expect(rows.first?["inadequate"] as? Int == 1)
    }

    @Test func badOptionsAreRefused() throws {
        let both = try run(["report", "rates", "--month", "2026-11", "--from", "2026-10"])
        #expect(both.status != 0)
        #expect(both.stderr.contains("give --month M, or --from M and --to M together"))
        let field = try run(["report", "rates", "--by", "worker"])
        #expect(field.status != 0)
        #expect(field.stderr.contains("\"worker\" is not a field to group by"))
    }
}
