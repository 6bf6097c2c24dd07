import Foundation
import Testing

@Suite struct PlanCommandTests {
    let work = Workspace()

    init() throws {
        let register = AssayBinary.packageRoot + "/Samples/register-2026-11.csv"
        #expect(try work.assay.run(["--db", "qa.db", "init"]).status == 0)
        #expect(try work.assay.run(["--db", "qa.db", "import", "cases", register, "--as-of", "2026-11-01"]).status == 0)
    }

    func rows(_ arguments: [String]) throws -> [[String: Any]] {
        let result = try work.assay.run(["--db", "qa.db"] + arguments + ["--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]] ?? []
    }

    /// 0.2 ± 0.05 at 95%: n0 = 1.959964² · 0.16 / 0.0025 = 245.85; with N = 4000 the
    /// finite-population correction gives 245.85 / (1 + 244.85/4000) = 231.7 → 232.
    @Test func auditsForAMarginOnTheAuthorityAndEachTeam() throws {
        let plan = try rows(["plan", "--expected", "0.2", "--margin", "0.05"])
        #expect(plan.count == 16)  // the authority and 15 teams
        #expect(plan[0]["population"] as? Int == 4000)
        #expect(abs((plan[0]["n0"] as? Double ?? 0) - 245.85) < 0.01)
        #expect(plan[0]["audits"] as? Int == 232)
        // A small team needs nearly all its cases for the same precision.
        let outreach = plan.first { ($0["group"] as? [String: String])?["team"] == "Early Help Outreach" }
        #expect(outreach?["population"] as? Int == 30)
        #expect((outreach?["audits"] as? Int ?? 0) <= 30)
    }

    /// 0.25 → 0.15 at 80% power, α = 0.05: (1.959964·sqrt(2·0.2·0.8) + 0.841621·sqrt(0.315))² / 0.01
    /// = 249.98 → 250 audits per group; a team drawn 4 a month needs ⌈250/4⌉ = 63 months.
    @Test func auditsAndMonthsToDetectAChange() throws {
        #expect(try work.assay.run(["--db", "qa.db", "draw", "--month", "2026-11", "--size", "60", "--seed", "s"]).status == 0)
        let plan = try rows(["plan", "--detect", "0.25,0.15", "--month", "2026-11"])
        #expect(plan.count == 15)
        #expect(plan.allSatisfy { $0["audits_needed"] as? Int == 250 })
        for row in plan {
            let perMonth = row["audits_per_month"] as? Int ?? 0
            #expect(row["months"] as? Int == (250 + perMonth - 1) / perMonth)
        }
        let noDraw = try rows(["plan", "--detect", "0.25,0.15", "--month", "2026-05"])
        #expect(noDraw.allSatisfy { $0["months"] is NSNull })
    }

    @Test func refusesHalfAPlan() throws {
        let result = try work.assay.run(["--db", "qa.db", "plan", "--expected", "0.2"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("give --expected P and --margin E, or --detect P1,P2"))
    }
}
