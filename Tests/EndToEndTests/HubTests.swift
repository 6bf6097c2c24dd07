import Foundation
import Testing

/// The regional hub on a real PostgreSQL server (a private cluster, `PostgresCluster`):
/// returns exported, signed, imported and reported; refusals; idempotence; supersession;
/// row-level security (docs/regional.md).
@Suite struct HubTests {
    let cluster: PostgresCluster
    let database: String
    let hubURL: String
    /// Two authorities, each the report suites' two-team database (Alpha: 10 cases, 2 audited,
    /// 1 inadequate; Beta: 4 cases, 2 audited) with its own key.
    let north = Workspace(), south = Workspace()

    init() throws {
        cluster = try PostgresCluster.start()
        database = try cluster.makeDatabase()
        hubURL = cluster.url(database)
        for (work, name) in [(north, "Northmoor"), (south, "Southmere")] {
            try TwoTeamWorkspace.prepare(work)
            try ok(TwoTeamWorkspace.run(work, ["keys", "init", "--authority", name]))
            try ok(TwoTeamWorkspace.run(work, ["keys", "export-public", "--out", "key.pub"]))
        }
        try ok(hub(["hub", "init"]))
    }

    @discardableResult
    func ok(_ result: AssayBinary.Result, _ comment: Comment? = nil) throws -> AssayBinary.Result {
        try #require(result.status == 0, "\(comment?.rawValue ?? "") \(result.stderr)")
        return result
    }

    /// `assay ARGS` with the hub's URL in $ASSAY_HUB_URL, as an analyst's script would.
    func hub(_ arguments: [String], url: String? = nil) throws -> AssayBinary.Result {
        var assay = north.assay
        assay.environment["ASSAY_HUB_URL"] = url ?? hubURL
        return try assay.run(arguments)
    }

    func exportReturn(_ work: Workspace, _ name: String, _ extra: [String] = ["--exact-counts"]) throws -> String {
        try ok(TwoTeamWorkspace.run(work, ["export", "return", "--from", "2026-11", "--to", "2026-11", "--out", name] + extra))
        return work.file(name)
    }

    func sql(_ query: String, as user: String = PostgresCluster.admin) throws -> String {
        let result = try cluster.psql(cluster.url(database, user: user), query)
        try #require(result.status == 0, "\(query): \(result.stderr)")
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func jsonRows(_ result: AssayBinary.Result) throws -> [[String: Any]] {
        try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
    }

    /// Exported, signed, imported and reported: each authority's regional rate, standard
    /// error and interval are its own `report rates` figures for the month, digit for digit,
    /// from the same strata by the same estimator.
    @Test func returnRoundTripsAndRegionalRatesAreTheAuthoritiesOwn() throws {
        try ok(hub(["hub", "authority", "add", "Northmoor", "--key", north.file("key.pub"), "--neighbours", "Moors"]))
        try ok(hub(["hub", "authority", "add", "Southmere", "--key", south.file("key.pub"), "--neighbours", "Meres"]))
        let imported = try ok(hub(["hub", "import", try exportReturn(north, "north.json"), try exportReturn(south, "south.json")]))
        #expect(imported.stdout.contains("imported Northmoor's return"))
        let regional = try jsonRows(ok(hub(["hub", "report", "rates", "--from", "2026-11", "--to", "2026-11", "--format", "json"])))
        let own = try jsonRows(ok(TwoTeamWorkspace.run(north, ["report", "rates", "--month", "2026-11", "--format", "json"])))
        let authority = try #require(own.first { ($0["group"] as? [String: Any])?.isEmpty == true })
        for name in ["Northmoor", "Southmere"] {
            let row = try #require(regional.first { $0["authority"] as? String == name })
            for field in ["audited", "inadequate"] { #expect(row[field] as? Int == authority[field] as? Int, "\(name) \(field)") }
            for field in ["rate", "se", "ci_low", "ci_high"] {
                #expect(row[field] as? Double == authority[field] as? Double, "\(name) \(field)")
            }
            #expect(row["ci_method"] as? String == authority["ci_method"] as? String)
        }
        // By hand: Alpha's audit stands for 5 cases, Beta's for 2, so 5 / (2·5 + 2·2) = 5/14.
        #expect(abs((authority["rate"] as? Double ?? 0) - 5.0 / 14.0) < 1e-12)
        let region = try #require(regional.first { $0["authority"] is NSNull })
        #expect(region["audited"] as? Int == 8)
        #expect(abs((region["rate"] as? Double ?? 0) - 5.0 / 14.0) < 1e-12)
        // The other reports run on the same strata.
        let funnel = try jsonRows(ok(hub(["hub", "report", "funnel", "--format", "json"])))
        #expect(funnel.map { $0["authority"] as? String } == ["Northmoor", "Southmere"])
        #expect(funnel.allSatisfy { $0["flag_exact"] as? String == "within" })
        let trend = try ok(hub(["hub", "report", "trend", "--format", "csv"]))
        #expect(trend.stdout.contains("Northmoor,2026-11,4,1"))
        let domains = try ok(hub(["hub", "report", "domains", "--format", "csv"]))
        #expect(domains.stdout.contains("safety,Northmoor,4,"))
        let byGroup = try jsonRows(ok(hub(["hub", "report", "rates", "--by", "neighbours", "--format", "json"])))
        #expect(Set(byGroup.compactMap { $0["neighbours"] as? String }) == ["Moors", "Meres"])
    }

    /// The same return twice changes nothing; a later return for the same months supersedes
    /// the earlier and the hub's log says so.
    @Test func duplicateImportChangesNothingAndACorrectionSupersedes() throws {
        try ok(hub(["hub", "authority", "add", "Northmoor", "--key", north.file("key.pub")]))
        let first = try exportReturn(north, "first.json", [])
        try ok(hub(["hub", "import", first]))
        let before = try sql("SELECT count(*) FROM authority_return") + "/" + sql("SELECT count(*) FROM return_stratum") + "/" + sql("SELECT count(*) FROM hub_log")
        let again = try ok(hub(["hub", "import", first]))
        #expect(again.stdout.contains("already imported"))
        let after = try sql("SELECT count(*) FROM authority_return") + "/" + sql("SELECT count(*) FROM return_stratum") + "/" + sql("SELECT count(*) FROM hub_log")
        #expect(before == after)
        sleep(1)  // made a second later: returns are ordered by when they were made
        let corrected = try exportReturn(north, "corrected.json")
        let result = try ok(hub(["hub", "import", corrected]))
        #expect(result.stdout.contains("supersedes return 1"))
        #expect(try sql("SELECT return_id FROM authority_month WHERE month = '2026-11'") == "2")
        #expect(try sql("SELECT superseded_by FROM authority_return WHERE id = 1") == "2")
        #expect(try sql("SELECT count(*) FROM hub_log WHERE action = 'return superseded'") == "1")
        // Only the current return is reported: exact counts, no hidden strata.
        let rates = try jsonRows(ok(hub(["hub", "report", "rates", "--format", "json"])))
        #expect(rates.first { $0["authority"] as? String == "Northmoor" }?["audited"] as? Int == 4)
        // The older return, sent again, is neither new nor current.
        let stale = try ok(hub(["hub", "import", first]))
        #expect(stale.stdout.contains("already imported"))
        #expect(try sql("SELECT return_id FROM authority_month WHERE month = '2026-11'") == "2")
    }

    /// A changed figure, an unknown key and a return signed by another authority's key are
    /// refused, naming the file, with nothing imported.
    @Test func tamperedUnknownAndWronglyKeyedReturnsAreRefused() throws {
        try ok(hub(["hub", "authority", "add", "Northmoor", "--key", north.file("key.pub")]))
        let file = try exportReturn(north, "north.json")
        let text = try String(contentsOfFile: file, encoding: .utf8)
        // One inadequate audit of Alpha's made good: the counts still add up; only the signature can tell.
        let tampered = text.replacingOccurrences(of: "\"grades\":{\"1\":0,\"2\":1,\"3\":0,\"4\":1},\"inadequate\":1",
                                                 with: "\"grades\":{\"1\":0,\"2\":2,\"3\":0,\"4\":0},\"inadequate\":0")
        try #require(tampered != text)
        north.write("tampered.json", tampered)
        let refused = try hub(["hub", "import", north.file("tampered.json")])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("tampered.json"))
        #expect(refused.stderr.contains("signature does not verify"))

        let unknown = try hub(["hub", "import", try exportReturn(south, "south.json")])
        #expect(unknown.status == 4)
        #expect(unknown.stderr.contains("no authority on the hub has the key"))

        // Southmere's key registered as Northmoor's would be a wrong key: the hub refuses a key twice,
        // and a return naming Northmoor's key id but signed by Southmere's does not verify.
        let southBody = try String(contentsOfFile: south.file("south.json"), encoding: .utf8)
        let northKey = try #require(text.firstMatch(of: /"key_id":"([0-9a-f]{64})"/)?.output.1)
        let southKey = try #require(southBody.firstMatch(of: /"key_id":"([0-9a-f]{64})"/)?.output.1)
        south.write("forged.json", southBody.replacingOccurrences(of: String(southKey), with: String(northKey)))
        let forged = try hub(["hub", "import", south.file("forged.json")])
        #expect(forged.status == 1)
        #expect(forged.stderr.contains("signature does not verify with Northmoor's key"))

        let malformed = north.write("malformed.json", text.replacingOccurrences(of: "\"audited\":2", with: "\"audited\":2.5"))
        let bad = try hub(["hub", "import", malformed])
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("malformed.json"))
        #expect(try sql("SELECT count(*) FROM authority_return") == "0")
        #expect(try sql("SELECT count(*) FROM return_stratum") == "0")
    }

    /// Row-level security in PostgreSQL itself: an authority's login (as a BI tool would
    /// connect) reads only its own rows, and no login but the hub's owner writes.
    @Test func anAuthorityLoginCannotReadAnothersRows() throws {
        let third = Workspace()
        try TwoTeamWorkspace.prepare(third)
        try ok(TwoTeamWorkspace.run(third, ["keys", "init", "--authority", "Westholm"]))
        try ok(TwoTeamWorkspace.run(third, ["keys", "export-public", "--out", "key.pub"]))
        for (work, name) in [(north, "Northmoor"), (south, "Southmere"), (third, "Westholm")] {
            try ok(hub(["hub", "authority", "add", name, "--key", work.file("key.pub")]))
            try ok(hub(["hub", "import", try exportReturn(work, "\(name).json")]))
        }
        let login = "bi_" + database.suffix(8)
        try ok(hub(["hub", "login", "add", login, "--authority", "Northmoor"]))
        try ok(hub(["hub", "login", "add", "analyst_" + database.suffix(8), "--analyst"]))
        #expect(try sql("SELECT string_agg(name, ',' ORDER BY name) FROM authority", as: login) == "Northmoor")
        #expect(try sql("SELECT count(DISTINCT authority_id) FROM return_stratum", as: login) == "1")
        #expect(try sql("SELECT count(DISTINCT authority_id) FROM current_stratum", as: login) == "1")
        #expect(try sql("SELECT count(*) FROM authority_return", as: login) == "1")
        #expect(try sql("SELECT count(DISTINCT authority_id) FROM return_stratum", as: "analyst_" + database.suffix(8)) == "3")
        // The published regional figures (three authorities) are the authority's to read.
        #expect(try sql("SELECT authorities || ':' || audited FROM regional_month", as: login) == "3:12")
        // Reports through Assay with the authority's login see only its rows.
        let own = try jsonRows(ok(hub(["hub", "report", "rates", "--format", "json"], url: cluster.url(database, user: login))))
        #expect(own.compactMap { $0["authority"] as? String } == ["Northmoor"])
        // No writing.
        let write = try cluster.psql(cluster.url(database, user: login), "DELETE FROM return_stratum")
        #expect(write.status != 0)
        #expect(write.stderr.contains("permission denied"))
    }

    /// The regional page: valid HTML5, one file, the authorities' rates as the rates report
    /// gives them, each return's chain head, and no case or person.
    @Test func regionalHTMLReportIsOneValidPageFromTheSameFigures() throws {
        try ok(hub(["hub", "authority", "add", "Northmoor", "--key", north.file("key.pub")]))
        try ok(hub(["hub", "authority", "add", "Southmere", "--key", south.file("key.pub")]))
        try ok(hub(["hub", "import", try exportReturn(north, "north.json"), try exportReturn(south, "south.json")]))
        try ok(hub(["hub", "report", "html", "--region", "Moors & Meres", "--out", north.file("region.html")]))
        let html = try String(contentsOfFile: north.file("region.html"), encoding: .utf8)
        #expect(html.contains("<title>Moors &amp; Meres: regional case-audit report, 2026-11</title>"))
        #expect(html.contains("Across the region, an estimated 36% of cases were judged inadequate (2 of 8 audited cases"))
        #expect(html.contains("<th scope=\"row\">Northmoor</th>"))
        #expect(html.contains("id=\"regional-funnel\""))
        let head = try #require(try String(contentsOfFile: north.file("north.json"), encoding: .utf8).firstMatch(of: /"chain_head":"([0-9]+:[0-9a-f]{64})"/)?.output.1)
        #expect(html.contains(String(head)))
        for absent in ["Lena", "A1", "B2", "<script"] { #expect(!html.contains(absent), "\(absent)") }
        let mode = try FileManager.default.attributesOfItem(atPath: north.file("region.html"))[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let python = try #require(try ReportHTMLBrowser.pythonWithHTML5Lib(), "python3 with html5lib is not installed: run Scripts/setup")
        let result = try ReportHTMLBrowser.tool(python, ["-c", ReportHTMLBrowser.validator, north.file("region.html")])
        #expect(result.status == 0 && result.stdout.isEmpty, "html5lib: \(result.stdout) \(result.stderr)")
    }
}
