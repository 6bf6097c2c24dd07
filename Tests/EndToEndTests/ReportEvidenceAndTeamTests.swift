import Foundation
import Testing

/// `report evidence` and `report team` through the built binary, on a database worked out
/// by hand: team Alpha has 10 cases and team Beta 4, two drawn from each. The first Alpha
/// case drawn is audited inadequate on 5 November with evidence on both grade questions and two
/// actions (one due on the 15th, overdue since); the others are good, with evidence that must
/// not appear.
@Suite struct ReportEvidenceAndTeamTests {
    let work = Workspace()
    static let lead = "Lena Lead"
    static let auditor = "Ana Auditor"
    /// The drawn cases, sorted: the first is Alpha's inadequate one.
    let drawn: [String]

    init() throws {
        var rows = ["case_id,team,locality,service"]
        rows += (1...10).map { "A\($0),Alpha,Northmoor,front-door" }
        rows += (1...4).map { "B\($0),Beta,Northmoor,front-door" }
        work.write("cases.csv", rows.joined(separator: "\n") + "\n")
        work.write("mini.yaml", AuditWorkspace.template)
        for command in [
            ["init"],
            ["import", "cases", "cases.csv", "--as-of", "2026-11-01"],
            ["draw", "--month", "2026-11", "--per-stratum", "2", "--by", "team", "--seed", "report"],
            ["template", "register", "mini.yaml"],
            ["people", "add", Self.auditor, "--role", "auditor"],
        ] {
            let result = try Self.run(work, command)
            try #require(result.status == 0, "\(command): \(result.stderr)")
        }
        let sample = try Self.run(work, ["sample", "2026-11", "--format", "json"])
        let ids = (try JSONSerialization.jsonObject(with: Data(sample.stdout.utf8)) as? [[String: Any]] ?? [])
            .compactMap { $0["case_id"] as? String }.sorted()
        try #require(ids.count == 4 && ids[0].hasPrefix("A"))
        drawn = ids
        for (n, id) in ids.enumerated() {
            let file: String
            if n == 0 {
                file = """
                    answers:
                      risk:
                        value: i
                        evidence: |
                          The assessment of 3 October does not analyse the risk from the father.
                          No chronology.
                      seen: no
                      plan-quality:
                        value: r
                        evidence: The plan has no timescales.
                    overall: i
                    reason: The risk from the father is unmanaged.
                    actions:
                      - what: Write a chronology
                        owner: Team manager, Alpha
                        due: 2026-11-15
                      - what: Add timescales to the plan
                        owner: Team manager, Alpha
                        due: 2099-12-31

                    """
            } else {
                file = "answers:\n  risk:\n    value: g\n    evidence: Sound analysis of risk.\n  seen: yes\n  plan-quality: g\noverall: g\n"
            }
            work.write("\(id).yaml", file)
            // Audited on 5 November, so its chronology (due on the 15th) is overdue now: an
            // action may not be raised already overdue.
            var assay = work.assay
            assay.environment["ASSAY_TEMPLATES"] = work.file("no-shipped-templates")
            let result = try assay.run(at: "2026-11-05 09:00:00", ["--db", "qa.db", "--as", Self.lead, "audit", id, "--template", "mini", "--answers", "\(id).yaml"])
            try #require(result.status == 0, "\(id): \(result.stderr)")
        }
    }

    @discardableResult
    static func run(_ work: Workspace, as user: String = lead, _ arguments: [String]) throws -> AssayBinary.Result {
        var assay = work.assay
        assay.environment["ASSAY_TEMPLATES"] = work.file("no-shipped-templates")
        return try assay.run(["--db", "qa.db", "--as", user] + arguments)
    }

    func json(as user: String = lead, _ arguments: [String]) throws -> Any {
        let result = try Self.run(work, as: user, arguments + ["--format", "json"])
        try #require(result.status == 0, "\(arguments): \(result.stderr)")
        return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
    }

    /// One query through the sqlite3 CLI, read-only.
    func sqlite(_ query: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sqlite3", "-readonly", work.file("qa.db"), query]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "sqlite3 failed")
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func isPseudonym(_ text: String?) -> Bool {
        guard let text else { return false }
        return text.count == 10 && text.hasPrefix("P-") && text.dropFirst(2).allSatisfy { "0123456789ABCDEFGHJKMNPQRSTVWXYZ".contains($0) }
    }

    /// The drawn case ids that appear in `output` as whole words. Whole words, because a
    /// pseudonym such as `P-7A1KQ3ZB` may hold "A1" by chance (about one run in forty
    /// when this looked for substrings), and that is not a leak.
    func leakedCaseIDs(in output: String) -> [String] {
        let words = Set(output.split { !$0.isLetter && !$0.isNumber }.map(String.init))
        return drawn.filter(words.contains)
    }

    @Test func evidenceShowsPseudonymsNotCaseIDs() throws {
        let rows = try #require(try json(as: Self.auditor, ["report", "evidence", "--month", "2026-11"]) as? [[String: Any]])
        #expect(rows.map { $0["question"] as? String } == ["risk", "plan-quality"])  // domains in template order
        let risk = try #require(rows.first)
        #expect(risk["team"] as? String == "Alpha")
        #expect(risk["domain"] as? String == "safety" && risk["domain_title"] as? String == "Safety")
        #expect(risk["prompt"] as? String == "Was risk understood?")
        #expect(risk["grade"] as? Int == 4)
        #expect(risk["month"] as? String == "2026-11")
        #expect((risk["evidence"] as? String)?.hasPrefix("The assessment of 3 October") == true)
        #expect(risk["audit_id"] is Int)
        let pseudonym = risk["case"] as? String
        #expect(Self.isPseudonym(pseudonym), "\(pseudonym ?? "nil")")
        #expect(rows[1]["case"] as? String == pseudonym)  // one case, one pseudonym
        #expect(rows[1]["grade"] as? Int == 3)

        let again = try #require(try json(["report", "evidence", "--month", "2026-11"]) as? [[String: Any]])
        #expect(again.first?["case"] as? String == pseudonym)  // stable across runs and users

        let table = try Self.run(work, ["report", "evidence", "--month", "2026-11"])
        #expect(table.status == 0)
        for output in [table.stdout, try Self.run(work, ["report", "evidence", "--format", "csv"]).stdout] {
            #expect(output.contains(pseudonym ?? "?"))
            #expect(leakedCaseIDs(in: output).isEmpty, "a case id leaked: \(output)")
        }
        #expect(table.stdout.contains("Alpha — 2 answers"))
        #expect(table.stdout.contains("does not analyse the risk from the father"))
        #expect(!table.stdout.contains("Sound analysis of risk"))  // graded good: not evidence of failure

        let safety = try #require(try json(["report", "evidence", "--team", "alpha", "--domain", "SAFETY"]) as? [[String: Any]])
        #expect(safety.map { $0["question"] as? String } == ["risk"])
        #expect((try json(["report", "evidence", "--team", "Beta"]) as? [[String: Any]])?.isEmpty == true)
        let domain = try Self.run(work, ["report", "evidence", "--domain", "nowhere"])
        #expect(domain.status != 0 && domain.stderr.contains("Domains (template section ids): plan, safety"))
        #expect(try sqlite("SELECT count(*) FROM reveal_log") == "0")
        #expect(try sqlite("SELECT count(*), length(secret) FROM report_secret") == "1|32")
    }

    @Test func revealByAnAuditorIsRefusedAndShowsNothing() throws {
        let result = try Self.run(work, as: Self.auditor, ["report", "evidence", "--month", "2026-11", "--reveal"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("Only a lead may reveal case ids; Ana Auditor is an auditor."))
        #expect(result.status == 3, "refused")
        #expect(result.stdout.isEmpty)
        let team = try Self.run(work, as: Self.auditor, ["report", "team", "Alpha", "--reveal"])
        #expect(team.status != 0 && team.stdout.isEmpty)
        #expect(try sqlite("SELECT count(*) FROM reveal_log") == "0")
    }

    @Test func revealByTheLeadShowsCaseIDsAndIsLogged() throws {
        let rows = try #require(try json(["report", "evidence", "--month", "2026-11", "--reveal"]) as? [[String: Any]])
        #expect(rows.map { $0["case"] as? String } == [drawn[0], drawn[0]])
        let table = try Self.run(work, ["report", "evidence", "--reveal"])
        #expect(table.status == 0 && table.stdout.contains(drawn[0]) && table.stdout.contains("REVEALED"))
        let log = try sqlite("SELECT revealed_by, report, arguments FROM reveal_log ORDER BY id")
        #expect(log == """
            Lena Lead|evidence|["--month","2026-11","--reveal","--format","json"]
            Lena Lead|evidence|["--reveal","--format","table"]
            """)
        #expect(try sqlite("SELECT count(*) FROM audit_log WHERE table_name = 'reveal_log' AND operation = 'insert'") == "2")
        // The reveal the report logged itself is no change under it: its foot names the head
        // that includes the reveal, without a warning that the figures may mix two states.
        let head = try sqlite("SELECT seq || ':' || chain_sha256 FROM audit_log ORDER BY seq DESC LIMIT 1")
        #expect(table.stdout.hasSuffix("Audit log head \(head) (check with: assay verify --head \(head))\n"), "\(table.stdout.suffix(300))")
        #expect(!table.stdout.contains("changed while this report was read"))
    }

    /// The first report that names cases by pseudonym makes the database's secret (a log
    /// entry of its own): that is no change to the figures either.
    @Test func theFirstPseudonymisedReportIsNotWarnedOfItsOwnSecret() throws {
        #expect(try sqlite("SELECT count(*) FROM report_secret") == "0")
        let csv = try Self.run(work, ["report", "evidence", "--month", "2026-11", "--format", "csv"])
        #expect(csv.status == 0)
        #expect(try sqlite("SELECT count(*) FROM report_secret") == "1")
        let head = try sqlite("SELECT seq || ':' || chain_sha256 FROM audit_log ORDER BY seq DESC LIMIT 1")
        #expect(csv.stderr.contains("Audit log head \(head) "), "\(csv.stderr)")
        #expect(!csv.stderr.contains("changed while this report was read"), "\(csv.stderr)")
    }

    @Test func teamGivesOneObjectWithItsRateTrendDomainsEscalationsAndActions() throws {
        let page = try #require(try json(["report", "team", "alpha", "--month", "2026-11", "--months", "6"]) as? [String: Any])
        #expect(page["team"] as? String == "Alpha")
        #expect(page["month"] as? String == "2026-11")
        #expect(page["audited"] as? Int == 2 && page["inadequate"] as? Int == 1)
        #expect(page["rate"] as? Double == 0.5)
        #expect(page["ci_low"] is Double && page["ci_high"] is Double && page["se"] is Double)
        #expect(page["ci_method"] is String)
        #expect(page["pooled_rate"] is Double)
        // The authority: (5 × 1) / (5 × 2 + 2 × 2), as report rates has it.
        #expect(abs((page["authority_rate"] as? Double ?? 0) - 5.0 / 14.0) < 1e-12)
        let trend = try #require(page["trend"] as? [String: Any])
        #expect(trend["from"] as? String == "2026-06" && trend["to"] as? String == "2026-11")
        #expect(trend["direction"] as? String == "no clear change")
        #expect((trend["months"] as? [[String: Any]])?.map { $0["month"] as? String } == ["2026-11"])
        let domains = try #require(page["domains"] as? [[String: Any]])
        #expect(domains.map { $0["domain"] as? String } == ["plan", "safety"] || domains.map { $0["domain"] as? String } == ["safety", "plan"])
        let safety = try #require(domains.first { $0["domain"] as? String == "safety" })
        #expect(safety["title"] as? String == "Safety")
        #expect(safety["audited"] as? Int == 2 && safety["inadequate"] as? Int == 1 && safety["requires_improvement"] as? Int == 0)
        #expect(safety["share_ri_or_inadequate"] as? Double == 0.5)
        #expect(safety["authority_share"] as? Double == 0.25)
        #expect(page["open_escalations"] as? Int == 0)
        #expect(page["open_actions"] as? Int == 2)
        let overdue = try #require(page["overdue_actions"] as? [[String: Any]])
        #expect(overdue.count == 1)
        #expect(overdue.first?["what"] as? String == "Write a chronology")
        #expect(overdue.first?["due"] as? String == "2026-11-15")
        #expect((overdue.first?["days_overdue"] as? Int ?? 0) >= 19)  // today is 2026-12-04 or later
        #expect(Self.isPseudonym(overdue.first?["case"] as? String))

        let evidence = try #require(try json(["report", "evidence"]) as? [[String: Any]])
        #expect(overdue.first?["case"] as? String == evidence.first?["case"] as? String)  // the same pseudonym in every report

        let beta = try #require(try json(["report", "team", "BETA"]) as? [String: Any])
        #expect(beta["team"] as? String == "Beta" && beta["rate"] as? Double == 0)
        #expect(beta["open_actions"] as? Int == 0 && (beta["overdue_actions"] as? [Any])?.isEmpty == true)

        let text = try Self.run(work, ["report", "team", "Alpha"])
        #expect(text.status == 0)
        #expect(text.stdout.contains("Team Alpha · 2026-11"))
        #expect(text.stdout.contains("Open actions: 2, overdue: 1"))
        #expect(leakedCaseIDs(in: text.stdout).isEmpty, "a case id leaked: \(text.stdout)")

        let revealed = try #require(try json(["report", "team", "Alpha", "--reveal"]) as? [String: Any])
        #expect((revealed["overdue_actions"] as? [[String: Any]])?.first?["case"] as? String == drawn[0])
        #expect(try sqlite("SELECT report, arguments FROM reveal_log") == #"team|["Alpha","--months","12","--reveal","--format","json"]"#)
    }

    @Test func anUnknownTeamIsRefusedWithTheKnownOnes() throws {
        let result = try Self.run(work, ["report", "team", "Gamma"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("No team \"Gamma\". Known teams: Alpha; Beta."))
        #expect(result.status == 4, "not found")
        let evidence = try Self.run(work, ["report", "evidence", "--team", "Gamma"])
        #expect(evidence.status != 0 && evidence.stderr.contains("Known teams: Alpha; Beta."))
    }
}
