import Foundation
import Testing

/// `report funnel` and `report domains` run on a database whose figures can be worked out by
/// hand: two cases drawn from each of teams Alpha and Beta in November 2026 and audited
/// with the mini template (the first Alpha case inadequate in both its domains, the others
/// good), plus imported history where a test needs more.
@Suite struct ReportFunnelAndDomainsTests {
    let work = Workspace()
    static let lead = "Lena Lead"

    init() throws {
        var rows = ["case_id,team,locality,service"]
        rows += (1...10).map { "A\($0),Alpha,Northmoor,front-door" }
        rows += (1...4).map { "B\($0),Beta,Southdale,front-door" }
        work.write("cases.csv", rows.joined(separator: "\n") + "\n")
        work.write("mini.yaml", AuditWorkspace.template)
        for command in [
            ["init"],
            ["import", "cases", "cases.csv", "--as-of", "2026-11-01"],
            ["draw", "--month", "2026-11", "--per-stratum", "2", "--by", "team", "--seed", "funnel"],
            ["template", "register", "mini.yaml"],
        ] {
            let result = try run(command)
            try #require(result.status == 0, "\(command): \(result.stderr)")
        }
        let drawn = try json(["sample", "2026-11"]) as? [[String: Any]] ?? []
        let ids = drawn.compactMap { $0["case_id"] as? String }.sorted()
        try #require(ids.count == 4 && ids[0].hasPrefix("A"))
        for (n, id) in ids.enumerated() {
            let grade = n == 0 ? "i" : "g"  // the first Alpha case is inadequate: safety 4, plan 4
            work.write("\(id).yaml", "answers:\n  risk: \(grade)\n  seen: yes\n  plan-quality: \(grade)\noverall: \(grade)\n")
            let result = try run(["audit", id, "--template", "mini", "--answers", "\(id).yaml"])
            try #require(result.status == 0, "\(id): \(result.stderr)")
        }
    }

    @discardableResult
    func run(_ arguments: [String]) throws -> AssayBinary.Result {
        var assay = work.assay
        assay.environment["ASSAY_TEMPLATES"] = work.file("no-shipped-templates")
        return try assay.run(["--db", "qa.db", "--as", Self.lead] + arguments)
    }

    func json(_ arguments: [String]) throws -> Any {
        let result = try run(arguments + ["--format", "json"])
        try #require(result.status == 0, "\(arguments): \(result.stderr)")
        return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
    }

    func row(_ rows: [[String: Any]], _ group: [String: String]) -> [String: Any]? {
        rows.first { ($0["group"] as? [String: String]) == group }
    }

    /// October history: Alpha 10 inadequate of 20, Beta none of 20.
    func importHistory() throws {
        let lines = (1...20).map { "2026-10,PA\($0),Alpha,Northmoor,front-door,\($0 <= 10 ? 4 : 2)" }
            + (1...20).map { "2026-10,PB\($0),Beta,Southdale,front-door,2" }
        work.write("past.csv", "month,case_id,team,locality,service,overall\n" + lines.joined(separator: "\n") + "\n")
        let imported = try run(["import", "audits", "past.csv"])
        try #require(imported.status == 0, "\(imported.stderr)")
    }

    @Test func funnelFlagsTeamsByTheExactTestAndInflatesWhenOverDispersed() throws {
        try importHistory()
        // The window's 12 months to November: Alpha 11 of 22, Beta 0 of 22, θ = 11/44 = 1/4.
        let rows = try #require(try json(["report", "funnel"]) as? [[String: Any]])
        #expect(rows.count == 2)
        let alpha = try #require(row(rows, ["team": "Alpha"]))
        let beta = try #require(row(rows, ["team": "Beta"]))
        #expect(alpha["from"] as? String == "2025-12" && alpha["to"] as? String == "2026-11")
        #expect(alpha["audited"] as? Int == 22 && alpha["inadequate"] as? Int == 11 && alpha["rate"] as? Double == 0.5)
        #expect(alpha["target"] as? Double == 0.25)
        // qbinom(0.975, 22, 1/4) = 10 and qbinom(0.999, …) = 12: 11 is above 95%, not 99.8%.
        #expect(alpha["flag"] as? String == "above 95%")
        // qbinom(0.025, 22, 1/4) = 2 and qbinom(0.001, …) = 0: 0 is below 95%, not 99.8%.
        #expect(beta["flag"] as? String == "below 95%")
        for r in rows {
            #expect((r["lower_998"] as? Double ?? 1) <= (r["lower_95"] as? Double ?? 0))
            #expect((r["lower_95"] as? Double ?? 1) < 0.25 && (r["upper_95"] as? Double ?? 0) > 0.25)
            #expect((r["upper_95"] as? Double ?? 1) <= (r["upper_998"] as? Double ?? 0))
        }
        // z = ±√(22/3); winsorised (type 7, two teams) to ±0.8·√(22/3): φ = 0.64 × 22/3,
        // I·φ = 9.39 > χ²₀.₉₅(1) = 3.84. Inflated 95% limits 0.25 ± 1.96 × 0.2 hold both teams.
        #expect(abs((alpha["phi"] as? Double ?? 0) - 0.64 * 22 / 3) < 1e-9)
        #expect(alpha["overdispersed"] as? Bool == true)
        #expect(abs((alpha["inflated_upper_95"] as? Double ?? 0) - (0.25 + 1.959963984540054 * 0.2)) < 1e-9)
        #expect(beta["inflated_lower_95"] as? Double == 0)
        #expect(rows.allSatisfy { $0["flag_inflated"] as? String == "within" })

        // For people: a whole percentage, more and fewer than expected worded apart (a team
        // below its limits is no alarm), how many flags chance alone gives, and the wider limits
        // in plain words, which here leave both teams within.
        let table = try run(["report", "funnel"])
        #expect(table.status == 0)
        #expect(table.stdout.contains("Authority rate 25% (11 of 44 audits inadequate)."))
        #expect(table.stdout.contains("over-dispersed"))
        #expect(table.stdout.contains("against the wider limits"))
        #expect(table.stdout.contains("more than expected (beyond 95%)") && table.stdout.contains("fewer than expected (beyond 95%)"))
        #expect(table.stdout.contains("More inadequate than expected: none.\nFewer inadequate than expected: none.\n"))
        #expect(table.stdout.contains("up to 1 team in 20 would lie outside the 95% limits")
                && table.stdout.contains("of these 2 teams, about 0.1 and under 0.01."))
        #expect(!table.stdout.contains("above 95%") && !table.stdout.contains("below 95%"))
        #expect(table.stdout.contains("imported from before Assay"))
    }

    @Test func aFunnelOfOneMonthByLocalityThatIsNotOverDispersed() throws {
        try importHistory()
        let rows = try #require(try json(["report", "funnel", "--by", "locality", "--months", "1"]) as? [[String: Any]])
        #expect(rows.map { ($0["group"] as? [String: String])?["locality"] } == ["Northmoor", "Southdale"])
        let north = try #require(rows.first)
        #expect(north["from"] as? String == "2026-11" && north["audited"] as? Int == 2 && north["inadequate"] as? Int == 1)
        #expect(north["target"] as? Double == 0.25)
        #expect(rows.allSatisfy { $0["flag"] as? String == "within" })
        #expect(rows.allSatisfy { $0["flag_inflated"] is NSNull && $0["inflated_upper_95"] is NSNull })
        #expect(north["overdispersed"] as? Bool == false)
        let table = try run(["report", "funnel", "--by", "locality", "--months", "1"])
        #expect(table.stdout.contains("not over-dispersed") && !table.stdout.contains("wider 95% limits"))
        // One month gives each locality two audits: shown as counts, not as 50% and 0%.
        #expect(table.stdout.contains("Northmoor        2           1  1 of 2"), "\(table.stdout)")
    }

    @Test func funnelRefusesServiceAndAnEmptyWindowSaysSo() throws {
        let service = try run(["report", "funnel", "--by", "service"])
        #expect(service.status != 0)
        #expect(service.stderr.contains("The funnel compares teams or localities, not services"), "\(service.stderr)")
        #expect(service.stderr.contains("Use --by team, locality or team,locality."), "\(service.stderr)")
        #expect(service.status == 2, "a bad option value")
        let empty = try run(["report", "funnel", "--to", "2025-06"])
        #expect(empty.status == 0 && empty.stdout.contains("No audits in 2024-07 to 2025-06"))
        #expect((try json(["report", "funnel", "--to", "2025-06"]) as? [[String: Any]])?.isEmpty == true)
    }

    @Test func domainsDefaultToTheLatestMonthWithTheWeakestFirst() throws {
        let rows = try #require(try json(["report", "domains", "--by", "team"]) as? [[String: Any]])
        let authority = rows.filter { ($0["group"] as? [String: String]) == [:] }
        // plan and safety: 1 inadequate of 4 each, tied on both shares, so by id.
        #expect(authority.map { $0["domain"] as? String } == ["plan", "safety"])
        // Graded in 4 audits: too rarely to rank among the weakest (fewer than 50).
        #expect(authority.allSatisfy { $0["weakest"] is NSNull })
        #expect(authority.allSatisfy { $0["month"] as? String == "2026-11" && $0["audited"] as? Int == 4 && $0["inadequate"] as? Int == 1 })
        #expect(authority.allSatisfy { $0["share_ri_or_inadequate"] as? Double == 0.25 && $0["requires_improvement"] as? Int == 0 })
        #expect(rows.prefix(2).allSatisfy { ($0["group"] as? [String: String]) == [:] })
        let alphaPlan = try #require(rows.first { ($0["group"] as? [String: String]) == ["team": "Alpha"] && $0["domain"] as? String == "plan" })
        #expect(alphaPlan["audited"] as? Int == 2 && alphaPlan["share_ri_or_inadequate"] as? Double == 0.5)
        #expect(alphaPlan["weakest"] is NSNull)
        let betaSafety = try #require(rows.first { ($0["group"] as? [String: String]) == ["team": "Beta"] && $0["domain"] as? String == "safety" })
        #expect(betaSafety["inadequate"] as? Int == 0 && betaSafety["share_ri_or_inadequate"] as? Double == 0)

        let table = try run(["report", "domains", "--by", "team"])
        #expect(table.status == 0)
        // For people, domains by title (not the ids plan and safety) and small counts as counts.
        #expect(table.stdout.contains("Weakest authority-wide: none ranked, as no domain was graded in 50 audits or more in 2026-11; "
                                      + "2 domains graded too rarely to rank (pool months with --from and --to)."))
        #expect(table.stdout.contains("Authority  Planning        4   0           1  1 of 4"), "\(table.stdout)")
        #expect(!table.stdout.contains("plan ") && !table.stdout.contains("safety"))
        #expect(!table.stdout.contains("25%") && !table.stdout.contains("0.250"))
    }

    @Test func domainsOverARangeIncludeImportedDomainGrades() throws {
        work.write("past.csv", """
            month,case_id,team,locality,service,overall,domain_voice,domain_safety
            2026-10,P1,Alpha,Northmoor,front-door,3,3,4
            2026-10,P2,Beta,Southdale,front-door,2,2,
            2026-10,P3,Beta,Southdale,front-door,2,,

            """)
        let imported = try run(["import", "audits", "past.csv"])
        try #require(imported.status == 0, "\(imported.stderr)")
        let rows = try #require(try json(["report", "domains", "--from", "2026-10", "--to", "2026-11"]) as? [[String: Any]])
        // voice 1 RI of 2 (0.5); safety 2 inadequate of 5 (0.4); plan 1 of 4 (0.25).
        #expect(rows.map { $0["domain"] as? String } == ["voice", "safety", "plan"])
        #expect(rows.allSatisfy { $0["weakest"] is NSNull })  // none graded in 50 audits
        #expect(rows.allSatisfy { $0["from"] as? String == "2026-10" && $0["to"] as? String == "2026-11" && $0["month"] == nil })
        let safety = try #require(rows.first { $0["domain"] as? String == "safety" })
        #expect(safety["audited"] as? Int == 5 && safety["inadequate"] as? Int == 2)
        #expect(abs((safety["share_ri_or_inadequate"] as? Double ?? 0) - 0.4) < 1e-12)
        let table = try run(["report", "domains", "--from", "2026-10", "--to", "2026-11"])
        #expect(table.stdout.contains("1 of 7 audits carry no domain grades"))
        #expect(table.stdout.contains("imported from before Assay"))
    }

    /// The weakest domains are ranked only among those graded in at least 50 audits: voice,
    /// inadequate in all 10 audits that graded it, is listed as too rarely graded, not first;
    /// safety, poor in 30 of 60, is the weakest (issue 17).
    @Test func onlyDomainsGradedOftenEnoughAreRankedWeakest() throws {
        let lines = (1...60).map { n in "2026-10,P\(n),Alpha,Northmoor,front-door,2,\(n <= 10 ? "4" : ""),\(n <= 30 ? "3" : "2")" }
        work.write("past.csv", "month,case_id,team,locality,service,overall,domain_voice,domain_safety\n" + lines.joined(separator: "\n") + "\n")
        try #require(try run(["import", "audits", "past.csv"]).status == 0)
        let rows = try #require(try json(["report", "domains", "--from", "2026-10", "--to", "2026-11"]) as? [[String: Any]])
        #expect(rows.first?["domain"] as? String == "voice" && rows.first?["weakest"] is NSNull)  // first by share, not ranked
        let safety = try #require(rows.first { $0["domain"] as? String == "safety" })
        #expect(safety["audited"] as? Int == 64 && safety["weakest"] as? Int == 1)
        let table = try run(["report", "domains", "--from", "2026-10", "--to", "2026-11"])
        #expect(table.stdout.contains("Weakest authority-wide, among domains graded in at least 50 audits: 1. Safety (48% of 64); "
                                      + "2 domains graded too rarely to rank"), "\(table.stdout)")
    }

    @Test func domainsRefuseAHalfRange() throws {
        let half = try run(["report", "domains", "--from", "2026-10"])
        #expect(half.status != 0)
        #expect(half.stderr.contains("give --month M, or --from M and --to M together"))
    }
}
