import Foundation
import Testing

/// The lead shares a month's draw out with `assign`; auditors find their cases with
/// `sample --mine`. Through the built binary, on a small register of three teams.
@Suite struct AssignCommandTests {
    let work = Workspace()
    static let teams = ["Alpha Team", "Beta Team", "Gamma Team"]

    init() throws {
        var csv = "case_id,team,locality,service\n"
        for (t, team) in Self.teams.enumerated() {
            for n in 1...4 { csv += "C\(t)\(n),\(team),Northmoor,child-in-need\n" }
        }
        work.write("cases.csv", csv)
        try lead(["init"])
        try lead(["import", "cases", "cases.csv", "--as-of", "2026-11-01"])
        try lead(["draw", "--month", "2026-11", "--per-stratum", "4", "--by", "team", "--seed", "s"])
        try lead(["people", "add", "Ana", "--role", "auditor", "--team", "Alpha Team"])
        try lead(["people", "add", "Ben", "--role", "auditor", "--team", "beta team"])
        try lead(["people", "add", "Cai", "--role", "moderator"])
    }

    @discardableResult
    func lead(_ arguments: [String]) throws -> AssayBinary.Result {
        let result = try work.assay.run(["--db", "qa.db", "--as", "Lena Lead"] + arguments)
        #expect(result.status == 0, "\(arguments): \(result.stderr)")
        return result
    }

    func sample(as user: String, _ extra: [String] = []) throws -> [[String: Any]] {
        let result = try work.assay.run(["--db", "qa.db", "--as", user, "sample", "2026-11", "--format", "json"] + extra)
        #expect(result.status == 0, "\(result.stderr)")
        return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]] ?? []
    }

    @Test func assignSharesEveryCaseOutAndNobodyGetsTheirOwnTeam() throws {
        let result = try lead(["assign", "2026-11", "--auditors", "Ana,ben,Cai"])
        #expect(result.stdout.contains("Shared 12 cases of 2026-11 among 3 auditors, due 2026-12-07."))
        let rows = try sample(as: "Lena Lead")
        #expect(rows.count == 12)
        let own = ["Ana": "Alpha Team", "Ben": "Beta Team"]
        for row in rows {
            let auditor = try #require(row["auditor"] as? String)
            #expect(own[auditor] != row["team"] as? String, "\(auditor) was given \(row["case_id"] ?? "") of their own team")
            #expect(row["status"] as? String == "not started")
            #expect(row["audit_id"] is NSNull)
        }
        // One pointer round Ana, Ben, Cai: Alpha goes Ben, Cai, Ben, Cai (Ana skipped); Beta
        // Ana, Cai, Ana, Cai (Ben skipped); Gamma Ana, Ben, Cai, Ana. The table says the same.
        let load = Dictionary(grouping: rows, by: { $0["auditor"] as? String ?? "" }).mapValues(\.count)
        #expect(load == ["Ana": 4, "Ben": 3, "Cai": 5])
        #expect(result.stdout.contains("Beta Team; Gamma Team"))
    }

    @Test func mineAndAuditorShowOnePersonsQueue() throws {
        try lead(["assign", "2026-11", "--auditors", "Ana,Ben,Cai"])
        let everyone = try sample(as: "Lena Lead")
        let anas = everyone.filter { $0["auditor"] as? String == "Ana" }.compactMap { $0["case_id"] as? String }
        let mine = try sample(as: "ana", ["--mine"])
        #expect(mine.compactMap { $0["case_id"] as? String } == anas)
        #expect(!anas.isEmpty)
        let asked = try sample(as: "Lena Lead", ["--auditor", "ANA"])
        #expect(asked.compactMap { $0["case_id"] as? String } == anas)
        #expect(try sample(as: "Lena Lead", ["--mine"]).isEmpty)  // the lead audits nothing
        let both = try work.assay.run(["--db", "qa.db", "sample", "2026-11", "--mine", "--auditor", "Ana"])
        #expect(both.status != 0)
    }

    @Test func assignPrintsEachAuditorsCasesAndTeamsAsJSON() throws {
        let result = try lead(["assign", "2026-11", "--auditors", "Ana,Ben", "--format", "json"])
        let shared = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]] ?? []
        #expect(shared.compactMap { $0["auditor"] as? String } == ["Ana", "Ben"])
        let ana = try #require(shared.first)
        #expect(ana["teams"] as? [String] == ["Beta Team", "Gamma Team"])
        let ben = try #require(shared.last)
        #expect(ben["teams"] as? [String] == ["Alpha Team", "Gamma Team"])
        #expect((ana["cases"] as? Int ?? 0) + (ben["cases"] as? Int ?? 0) == 12)
        #expect((ana["case_ids"] as? [String])?.count == ana["cases"] as? Int)
    }

    @Test func refusalsSayWhyAndAssignNothing() throws {
        let notLead = try work.assay.run(["--db", "qa.db", "--as", "Ana", "assign", "2026-11", "--auditors", "Ben,Cai"])
        #expect(notLead.status != 0)
        #expect(notLead.stderr.contains("Only a lead may assign audits"))
        let ownTeamOnly = try work.assay.run(["--db", "qa.db", "--as", "Lena Lead", "assign", "2026-11", "--auditors", "Ana"])
        #expect(ownTeamOnly.status != 0)
        #expect(ownTeamOnly.stderr.contains("Alpha Team"))
        let stranger = try work.assay.run(["--db", "qa.db", "--as", "Lena Lead", "assign", "2026-11", "--auditors", "Ana,Zed"])
        #expect(stranger.status != 0)
        #expect(stranger.stderr.contains("Zed is not one of this database's people"))
        let noDraw = try work.assay.run(["--db", "qa.db", "--as", "Lena Lead", "assign", "2026-12", "--auditors", "Cai"])
        #expect(noDraw.status != 0)
        #expect(noDraw.stderr.contains("2026-12 has no draw"))
        #expect(try sample(as: "Lena Lead").allSatisfy { $0["auditor"] is NSNull })
    }
}
