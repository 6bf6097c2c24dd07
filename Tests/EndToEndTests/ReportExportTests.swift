import Foundation
import Testing

/// Reports as a board paper and a spreadsheet need them (issue 17): CSV with one value a cell,
/// long (a row per group and month), the authority's row named; a team × month table of k of
/// n; tables for people with whole percentages, counts under ten audits and domains by title;
/// localities wherever teams are. On a database worked out by hand: team Alpha (Northmoor)
/// has 10 cases and Beta (Southdale) 4, two drawn from each in November 2026 and audited (the
/// first Alpha case inadequate), with imported history:
///
/// | month   | Alpha        | Beta        | authority     |
/// | ------- | ------------ | ----------- | ------------- |
/// | 2026-09 | 2 of 4       | 0 of 3      | 2 of 7        |
/// | 2026-10 | 3 of 12      | 1 of 5      | 4 of 17       |
/// | 2026-11 | 1 of 2       | 0 of 2      | 1 of 4        |
@Suite struct ReportExportTests {
    let work = Workspace()
    static let lead = "Lena Lead"

    init() throws {
        var rows = ["case_id,team,locality,service"]
        rows += (1...10).map { "A\($0),Alpha,Northmoor,front-door" }
        rows += (1...4).map { "B\($0),Beta,Southdale,front-door" }
        work.write("cases.csv", rows.joined(separator: "\n") + "\n")
        work.write("mini.yaml", AuditWorkspace.template)
        var past = ["month,case_id,team,locality,service,overall"]
        func history(_ month: String, _ team: String, _ locality: String, _ prefix: String, audited: Int, inadequate: Int) {
            past += (1...audited).map { "\(month),\(prefix)\($0),\(team),\(locality),front-door,\($0 <= inadequate ? 4 : 2)" }
        }
        history("2026-09", "Alpha", "Northmoor", "PA9-", audited: 4, inadequate: 2)
        history("2026-09", "Beta", "Southdale", "PB9-", audited: 3, inadequate: 0)
        history("2026-10", "Alpha", "Northmoor", "PA10-", audited: 12, inadequate: 3)
        history("2026-10", "Beta", "Southdale", "PB10-", audited: 5, inadequate: 1)
        work.write("past.csv", past.joined(separator: "\n") + "\n")
        for command in [
            ["init"],
            ["import", "cases", "cases.csv", "--as-of", "2026-11-01"],
            ["draw", "--month", "2026-11", "--per-stratum", "2", "--by", "team", "--seed", "export"],
            ["template", "register", "mini.yaml"],
            ["import", "audits", "past.csv"],
        ] {
            let result = try run(command)
            try #require(result.status == 0, "\(command): \(result.stderr)")
        }
        let drawn = (try json(["sample", "2026-11"]) as? [[String: Any]] ?? []).compactMap { $0["case_id"] as? String }.sorted()
        try #require(drawn.count == 4 && drawn[0].hasPrefix("A"))
        for (n, id) in drawn.enumerated() {
            let grade = n == 0 ? "i" : "g"
            work.write("\(id).yaml", "answers:\n  risk: \(grade)\n  seen: yes\n  plan-quality: \(grade)\noverall: \(grade)\n")
            let result = try run(["audit", id, "--template", "mini", "--answers", "\(id).yaml"])
            try #require(result.status == 0, "\(id): \(result.stderr)")
        }
    }

    @discardableResult
    func run(_ arguments: [String]) throws -> AssayBinary.Result {
        var assay = work.assay
        assay.environment["ASSAY_TEMPLATES"] = work.file("no-shipped-templates")
        assay.environment["COLUMNS"] = "200"
        return try assay.run(["--db", "qa.db", "--as", Self.lead] + arguments)
    }

    func json(_ arguments: [String]) throws -> Any {
        let result = try run(arguments + ["--format", "json"])
        try #require(result.status == 0, "\(arguments): \(result.stderr)")
        return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
    }

    /// The CSV's header and its rows as dictionaries by column.
    func csv(_ arguments: [String]) throws -> (header: [String], rows: [[String: String]]) {
        let result = try run(arguments + ["--format", "csv"])
        try #require(result.status == 0, "\(arguments): \(result.stderr)")
        let lines = Self.parseCSV(result.stdout)
        let header = try #require(lines.first)
        for line in lines { try #require(line.count == header.count, "a ragged row: \(line)") }
        return (header, lines.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) })
    }

    /// RFC 4180, as docs/json.md writes it: fields quoted when they hold a comma or a quote.
    static func parseCSV(_ text: String) -> [[String]] {
        var rows: [[String]] = [], row: [String] = [], field = "", quoted = false
        var characters = text.makeIterator()
        while let c = characters.next() {
            if quoted {
                if c == "\"" {
                    // A doubled quote is a quote; a single one closes the field.
                    var lookahead = characters
                    if lookahead.next() == "\"" { field.append("\""); characters = lookahead } else { quoted = false }
                } else { field.append(c) }
            } else if c == "\"" { quoted = true
            } else if c == "," { row.append(field); field = ""
            } else if c == "\n" { row.append(field); rows.append(row); row = []; field = ""
            } else { field.append(c) }
        }
        return rows
    }

    /// The cells of a table's line for `group`, split where two or more spaces part the columns.
    static func cells(_ table: String, _ group: String) -> [String] {
        guard let line = table.split(separator: "\n").first(where: { $0.hasPrefix(group + " ") }) else { return [] }
        return line.components(separatedBy: "  ").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    @Test func trendCSVIsOneRowPerGroupAndMonthWithTheAuthorityNamed() throws {
        let (header, rows) = try csv(["report", "trend", "--by", "team", "--months", "3", "--to", "2026-11"])
        #expect(header == ["from", "to", "level", "group", "team", "month", "audited", "inadequate", "rate",
                           "chi2", "p_value", "p_adjusted", "direction"])
        #expect(rows.count == 9)  // the authority and two teams, three months each
        // One value a cell: the old CSV packed a whole monthly series into one, "2026-09 / 7 / 2 / 0.286; …".
        #expect(rows.allSatisfy { $0.values.allSatisfy { !$0.contains(";") && !$0.contains(" / ") } })
        let authority = rows.filter { $0["level"] == "authority" }
        #expect(authority.allSatisfy { $0["group"] == "Authority" && $0["team"] == "" && $0["from"] == "2026-09" && $0["to"] == "2026-11" })
        #expect(authority.map { $0["month"] } == ["2026-09", "2026-10", "2026-11"])
        #expect(authority.map { $0["audited"] } == ["7", "17", "4"] && authority.map { $0["inadequate"] } == ["2", "4", "1"])
        let alpha = rows.filter { $0["team"] == "Alpha" }
        #expect(alpha.allSatisfy { $0["level"] == "team" && $0["group"] == "Alpha" })
        #expect(alpha.map { $0["audited"] } == ["4", "12", "2"] && alpha.map { $0["inadequate"] } == ["2", "3", "1"])
        #expect(alpha.map { $0["rate"] } == ["0.5", "0.25", "0.5"])
        // The group's test, on each of its rows, is the test JSON reports.
        let fromJSON = try #require((try json(["report", "trend", "--by", "team", "--months", "3", "--to", "2026-11"]) as? [[String: Any]])?.first)
        #expect(Set(authority.map { $0["p_value"] }).count == 1)
        #expect(abs((Double(authority[0]["p_value"] ?? "") ?? 0) - (fromJSON["p_value"] as? Double ?? 1)) < 1e-15)
        #expect(authority.allSatisfy { $0["direction"] == fromJSON["direction"] as? String && $0["p_adjusted"] == "" })
    }

    @Test func aWideTrendIsATeamByMonthTableOfKOfN() throws {
        let table = try run(["report", "trend", "--by", "team", "--months", "3", "--to", "2026-11", "--wide"])
        #expect(table.status == 0)
        #expect(Array(Self.cells(table.stdout, "Alpha").prefix(4)) == ["Alpha", "2 of 4", "3 of 12", "1 of 2"], "\(table.stdout)")
        #expect(Array(Self.cells(table.stdout, "Authority").prefix(4)) == ["Authority", "2 of 7", "4 of 17", "1 of 4"])
        let markdown = try run(["report", "trend", "--by", "team", "--months", "3", "--to", "2026-11", "--wide", "--format", "markdown"])
        #expect(markdown.stdout.contains("| group | 2026-09 | 2026-10 | 2026-11 | direction |"))
        #expect(markdown.stdout.contains("| Beta | 0 of 3 | 1 of 5 | 0 of 2 |"))
        let (header, rows) = try csv(["report", "trend", "--by", "team", "--months", "3", "--to", "2026-11", "--wide"])
        #expect(Array(header.prefix(11)) == ["from", "to", "level", "group", "team", "2026-09_inadequate", "2026-09_audited",
                                             "2026-10_inadequate", "2026-10_audited", "2026-11_inadequate", "2026-11_audited"])
        let alpha = try #require(rows.first { $0["team"] == "Alpha" })
        #expect(["2026-09", "2026-10", "2026-11"].map { "\(alpha["\($0)_inadequate"] ?? "") of \(alpha["\($0)_audited"] ?? "")" }
                == ["2 of 4", "3 of 12", "1 of 2"])
        let refused = try run(["report", "trend", "--wide", "--format", "json"])
        #expect(refused.status != 0 && refused.stderr.contains("--wide is a table for people and spreadsheets"))
    }

    @Test func theTrendTableShowsWhatTheTestSawAtEachEnd() throws {
        let table = try run(["report", "trend", "--by", "team", "--months", "3", "--to", "2026-11"])
        #expect(table.stdout.contains("The first month: 2026-09; the last month: 2026-11"))
        #expect(Self.cells(table.stdout, "Alpha").prefix(6) == ["Alpha", "3", "18", "6", "2 of 4", "1 of 2"])
        let year = try run(["report", "trend", "--months", "12", "--to", "2026-11"])
        // Twelve months: six pooled at each end, 2025-12 to 2026-05 (no audits) and 2026-06 to 2026-11 (28, 7 inadequate).
        #expect(year.stdout.contains("The first 6 months: 2025-12 to 2026-05; the last 6 months: 2026-06 to 2026-11"))
        #expect(Self.cells(year.stdout, "Authority").prefix(6) == ["Authority", "3", "28", "7", "no audits", "7 of 28 (25%)"], "\(year.stdout)")
    }

    @Test func ratesForPeopleShowCountsUnderTenAuditsAndWholePercentages() throws {
        let month = try run(["report", "rates", "--month", "2026-11", "--by", "team"])
        #expect(month.status == 0)
        // Four audits: "1 of 4", never the weighted 35.7% (5 of 14 cases' worth), which looks surer than 4 audits are.
        #expect(Self.cells(month.stdout, "Authority").prefix(4) == ["Authority", "4", "1", "1 of 4"], "\(month.stdout)")
        #expect(Self.cells(month.stdout, "Alpha")[3] == "1 of 2" && Self.cells(month.stdout, "Beta")[3] == "0 of 2")
        #expect(!month.stdout.contains("0.357") && !month.stdout.contains("36%"))
        #expect(month.stdout.contains("Under 10 audits the counts are shown"))
        #expect(month.stdout.contains("so the rate can differ from inadequate ÷ audited"))
        // Beta's interval, 0 of 2 (Clopper–Pearson): 0 to 1 − 0.025^(1/2) = 84%.
        #expect(Self.cells(month.stdout, "Beta")[4] == "0% to 84%")

        let range = try run(["report", "rates", "--from", "2026-09", "--to", "2026-11", "--by", "team"])
        let alpha = Self.cells(range.stdout, "Alpha"), beta = Self.cells(range.stdout, "Beta")
        #expect(alpha.prefix(3) == ["Alpha", "18", "6"] && beta.prefix(3) == ["Beta", "10", "1"], "\(range.stdout)")
        for row in [alpha, beta, Self.cells(range.stdout, "Authority")] {
            #expect(row[3].range(of: #"^\d+%$"#, options: .regularExpression) != nil, "a whole percentage: \(row)")
        }
        #expect(range.stdout.range(of: #"\d\.\d+%"#, options: .regularExpression) == nil)
    }

    @Test func ratesCSVNamesTheAuthorityAndGivesEachFieldItsColumn() throws {
        let (header, rows) = try csv(["report", "rates", "--month", "2026-11", "--by", "team,locality"])
        #expect(header == ["month", "level", "group", "team", "locality", "audited", "inadequate", "rate", "se", "ci_low", "ci_high",
                           "ci_method", "pooled_rate"])
        let authority = try #require(rows.first)
        let named: [String?] = ["month", "level", "group", "team", "locality", "audited", "inadequate", "ci_method", "pooled_rate"].map { authority[$0] }
        #expect(named == ["2026-11", "authority", "Authority", "", "", "4", "1", "korn-graubard", ""])
        #expect(abs((Double(authority["rate"] ?? "") ?? 0) - 5.0 / 14.0) < 1e-12)  // full precision
        let alpha = try #require(rows.first { $0["team"] == "Alpha" })
        #expect(alpha["level"] == "team,locality" && alpha["group"] == "Alpha / Northmoor" && alpha["locality"] == "Northmoor")
        #expect(alpha["rate"] == "0.5")
        // JSON keeps the group as an object.
        let rowsJSON = try #require(try json(["report", "rates", "--month", "2026-11", "--by", "team,locality"]) as? [[String: Any]])
        #expect(rowsJSON.first?["group"] as? [String: String] == [:])
        #expect(rowsJSON[1]["group"] as? [String: String] == ["team": "Alpha", "locality": "Northmoor"])
    }

    @Test func theTeamsCSVIsOneRowPerMonthForTheTeamAndTheAuthority() throws {
        let (header, rows) = try csv(["report", "team", "Alpha", "--month", "2026-11", "--months", "3"])
        #expect(header == ["team", "from", "to", "level", "group", "month", "audited", "inadequate", "raw_rate", "weighted_rate",
                           "ci_low", "ci_high", "ci_method"])
        #expect(rows.count == 6)
        // The old CSV was one record with the domains and the trend's months packed into cells.
        #expect(rows.allSatisfy { $0.values.allSatisfy { !$0.contains(";") && !$0.contains(" / ") } })
        let october = try #require(rows.first { $0["level"] == "team" && $0["month"] == "2026-10" })
        #expect(october["group"] == "Alpha" && october["audited"] == "12" && october["inadequate"] == "3" && october["raw_rate"] == "0.25")
        #expect(october["weighted_rate"] == "0.25")  // imported history weighs 1 an audit
        let november = try #require(rows.first { $0["level"] == "authority" && $0["month"] == "2026-11" })
        #expect(november["group"] == "Authority" && november["raw_rate"] == "0.25")
        #expect(abs((Double(november["weighted_rate"] ?? "") ?? 0) - 5.0 / 14.0) < 1e-12)  // as report rates has it

        let page = try run(["report", "team", "Alpha", "--month", "2026-11", "--months", "3"])
        #expect(page.stdout.contains("1 of 2 audited were inadequate (too few audits for a percentage)"))
        #expect(page.stdout.contains("first month 2 of 4, last month 1 of 2"))
        #expect(page.stdout.contains("Month by month (inadequate of audited)"))
        #expect(Self.cells(page.stdout, "2026-10") == ["2026-10", "3 of 12", "4 of 17 (24%)"], "\(page.stdout)")
        #expect(Self.cells(page.stdout, "Planning").prefix(2) == ["Planning", "2"] && !page.stdout.contains("plan "))
        #expect(page.stdout.range(of: #"\d\.\d+%"#, options: .regularExpression) == nil)
        // The same page for a paper: Markdown tables, not one record with its lists packed into cells.
        let paper = try run(["report", "team", "Alpha", "--month", "2026-11", "--months", "3", "--format", "markdown"])
        #expect(paper.stdout.contains("| 2026-10 | 3 of 12 | 4 of 17 (24%) |"), "\(paper.stdout)")
        #expect(paper.stdout.contains("| Planning | 2 | 0 | 1 | 1 of 2 | 1 of 4 |"))
        #expect(!paper.stdout.contains("| field | value |"))
    }

    @Test func domainsCSVAndJSONKeepTheIdAndAddTheTitle() throws {
        let (header, rows) = try csv(["report", "domains", "--month", "2026-11", "--by", "team"])
        #expect(header == ["month", "level", "group", "team", "domain", "title", "audited", "inadequate", "requires_improvement",
                           "share_ri_or_inadequate", "share_inadequate", "weakest"])
        #expect(rows.first?["level"] == "authority" && rows.first?["domain"] == "plan" && rows.first?["title"] == "Planning")
        let rowsJSON = try #require(try json(["report", "domains", "--month", "2026-11"]) as? [[String: Any]])
        #expect(rowsJSON.first?["domain"] as? String == "plan" && rowsJSON.first?["title"] as? String == "Planning")
    }

    @Test func localitiesHaveTheirRatesTrendAndFunnel() throws {
        let rates = try #require(try json(["report", "rates", "--from", "2026-09", "--to", "2026-11", "--by", "locality"]) as? [[String: Any]])
        #expect(rates.dropFirst().map { ($0["group"] as? [String: String])?["locality"] } == ["Northmoor", "Southdale"])
        #expect(rates.dropFirst().map { $0["audited"] as? Int } == [18, 10] && rates.dropFirst().map { $0["inadequate"] as? Int } == [6, 1])
        let (_, trend) = try csv(["report", "trend", "--by", "locality", "--months", "3", "--to", "2026-11"])
        let northmoor = trend.filter { $0["locality"] == "Northmoor" }
        #expect(northmoor.allSatisfy { $0["level"] == "locality" } && northmoor.map { $0["audited"] } == ["4", "12", "2"])
        let funnel = try run(["report", "funnel", "--by", "locality", "--months", "3"])
        #expect(funnel.status == 0 && funnel.stdout.contains("Funnel plot by locality, 2026-09 to 2026-11"))
        #expect(Self.cells(funnel.stdout, "Northmoor").prefix(3) == ["Northmoor", "18", "6"])
        #expect(Self.cells(funnel.stdout, "Southdale").prefix(3) == ["Southdale", "10", "1"])
        #expect(funnel.stdout.contains("of these 2 localities"))
    }

    @Test func actionsCSVIsOneRowPerTeamAndOneForAllTeams() throws {
        let audits = try #require(try json(["audits", "--month", "2026-11"]) as? [[String: Any]])
        let today = String(ISO8601DateFormatter().string(from: Date()).prefix(10))  // UTC
        for team in ["Alpha", "Beta"] {
            let id = try #require(audits.first { $0["team"] as? String == team }?["audit_id"] as? Int)
            let added = try run(["action", "add", String(id), "--what", "Update the chronology", "--owner", "TM", "--due", today])
            try #require(added.status == 0, "\(added.stderr)")
        }
        let (header, rows) = try csv(["report", "actions"])
        #expect(header == ["as_of", "level", "team", "raised", "on_time", "late", "cancelled", "open", "overdue", "median_days"])
        #expect(rows.map { $0["level"] } == ["team", "team", "authority"])
        #expect(rows.map { $0["team"] } == ["Alpha", "Beta", "All teams"])
        #expect(rows.last?["raised"] == "2" && rows.last?["open"] == "2" && rows.last?["overdue"] == "0")
        #expect(rows.allSatisfy { $0["as_of"] == today })
    }
}
