import Foundation
import Testing

/// An evidence pack re-derives every draw of its months from the pack alone (issue 19;
/// docs/evidence-pack.md): draws by team × locality (a non-ASCII seed), by service (a
/// generated seed, exclusions), by a kept attribute (--per-stratum), one restricted to a
/// service and then replaced, and a Neyman draw whose p_h counts a moderated audit with its
/// agreed grade. `Scripts/reproduce-draw PACK` is the independent check; the pack's files
/// are validated against docs/schemas by `Scripts/validate-pack`.
@Suite struct EvidencePackReproductionTests {
    let work = Workspace()
    static let lead = "Lena Lead"
    static let months = ["2026-08", "2026-09", "2026-10", "2026-11"]

    init() throws {
        var rows = ["case_id,team,locality,service,Primary Need"]
        let needs = ["N1 Abuse", "N2 Disability", "=N3 Formula"]  // a formula-like value, written with an apostrophe
        for i in 1...40 {
            let need = i % 5 == 0 ? "" : needs[i % 3]  // every fifth case lacks the attribute
            rows.append("C\(String(format: "%02d", i)),\(i % 2 == 1 ? "Alpha" : "Beta"),\(i % 3 == 0 ? "Südbrook" : "Northmoor"),"
                        + "\(i % 4 == 0 ? "child-in-care" : "child-in-need"),\(need)")
        }
        work.write("cases.csv", rows.joined(separator: "\n") + "\n")
        work.write("mini.yaml", AuditWorkspace.template.replacingOccurrences(of: "[front-door]", with: "[child-in-need, child-in-care]"))
        for command in [
            ["init"],
            ["import", "cases", "cases.csv", "--as-of", "2026-07-01", "--keep", "Primary Need"],
            ["template", "register", "mini.yaml"],
            ["people", "add", "Ana", "--role", "auditor"],
            ["people", "add", "Mo Moderator", "--role", "moderator"],
            ["draw", "--month", "2026-08", "--size", "8", "--seed", "août 2026 ✓"],
            ["draw", "--month", "2026-09", "--size", "8", "--by", "service"],
            ["draw", "--month", "2026-10", "--per-stratum", "2", "--by", "Primary Need", "--seed", "oct"],
        ] {
            let result = try run(Self.lead, command)
            try #require(result.status == 0, "\(command): \(result.stderr)")
        }
        // October's audits, all first graded good; one moderated, agreed inadequate.
        for caseID in try drawn("2026-10") {
            work.write("\(caseID).yaml", "answers:\n  risk: g\n  seen: yes\n  plan-quality: g\noverall: g\n")
            let audit = try run("Ana", ["audit", caseID, "--template", "mini", "--answers", "\(caseID).yaml"])
            try #require(audit.status == 0, "\(caseID): \(audit.stderr)")
        }
        try #require(try run(Self.lead, ["moderate", "sample", "2026-10", "--share", "100%", "--seed", "m"]).status == 0)
        work.write("moderation.yaml", """
            answers:
              risk: g
              seen: yes
              plan-quality: g
            overall: g
            agreed_overall: i
            agreed_reason: Agreed after reading the case notes together.

            """)
        let moderated = try #require(try audits("2026-10").first)
        let moderation = try run("Mo Moderator", ["moderate", "\(moderated.id)", "--answers", "moderation.yaml"])
        try #require(moderation.status == 0, "\(moderation.stderr)")
        for command in [
            ["draw", "--month", "2026-11", "--size", "6", "--by", "team", "--services", "child-in-need", "--seed", "first"],
            ["draw", "--month", "2026-11", "--size", "10", "--allocation", "neyman", "--by", "Primary Need", "--seed", "nov",
             "--replace", "--reason", "Neyman allocation now that October is audited."],
        ] {
            let result = try run(Self.lead, command)
            try #require(result.status == 0, "\(command): \(result.stderr)")
        }
    }

    @discardableResult
    func run(_ user: String, _ arguments: [String]) throws -> AssayBinary.Result {
        var assay = work.assay
        assay.environment["ASSAY_TEMPLATES"] = work.file("no-shipped-templates")
        return try assay.run(["--db", "qa.db", "--as", user] + arguments)
    }

    func json(_ text: String) -> Any? { try? JSONSerialization.jsonObject(with: Data(text.utf8)) }

    func drawn(_ month: String) throws -> [String] {
        let sample = try run(Self.lead, ["sample", month, "--format", "json"]).stdout
        return ((json(sample) as? [[String: Any]]) ?? []).compactMap { $0["case_id"] as? String }
    }

    /// The month's audits by id, with whether each was moderated.
    func audits(_ month: String) throws -> [(id: Int, caseID: String, moderated: Bool)] {
        let listing = try run(Self.lead, ["audits", "--month", month, "--format", "json"]).stdout
        return ((json(listing) as? [[String: Any]]) ?? []).compactMap { row in
            guard let id = row["audit_id"] as? Int, let caseID = row["case_id"] as? String else { return nil }
            return (id, caseID, row["moderation"] as? String == "moderated")
        }.sorted { $0.id < $1.id }
    }

    func script(_ name: String, _ arguments: [String]) throws -> AssayBinary.Result {
        try AssayBinary.runTool(["python3", AssayBinary.packageRoot + "/Scripts/" + name] + arguments, in: work.path)
    }

    func export() throws -> String {
        let result = try run(Self.lead, ["export", "evidence-pack"] + Self.months + ["--out", "pack"])
        try #require(result.status == 0, "\(result.stderr)")
        return work.file("pack")
    }

    func read(_ name: String) throws -> String {
        try String(contentsOfFile: work.file("pack/" + name), encoding: .utf8)
    }

    @Test func everyDrawOfThePackIsReDerivedFromThePackAlone() throws {
        let pack = try export()
        let files = try FileManager.default.contentsOfDirectory(atPath: pack).sorted()
        #expect(files == ["README.txt", "answers.csv", "audit-log.jsonl", "audits.csv", "chain-head.txt", "draw-1.json", "draw-2.json",
                          "draw-3.json", "draw-4.json", "draw-5.json", "draw-verification.txt", "frame-1.csv", "log-segment.json",
                          "pack.json", "records.db", "verification.txt"])
        // Each draw file is the documented draw format, exactly as `draw show --format json` prints it.
        for id in 1...5 {
            #expect(try read("draw-\(id).json") == run(Self.lead, ["draw", "show", "--id", "\(id)", "--format", "json"]).stdout)
        }
        // The frame carries the kept attribute the October and November draws stratified on.
        let frame = try read("frame-1.csv")
        #expect(frame.hasPrefix("case_id,team,locality,service,worker,opened,source_line,Primary Need\r\n"))
        #expect(frame.contains(",'=N3 Formula\r\n"))

        // Scripts/reproduce-draw with nothing but the pack's folder.
        let reproduced = try script("reproduce-draw", [pack])
        #expect(reproduced.status == 0, "\(reproduced.stdout)\(reproduced.stderr)")
        #expect(reproduced.stdout.contains("all 5 draws of the pack identical"), "\(reproduced.stdout)")
        for (file, line) in [("draw-1.json", "seed août 2026 ✓ (given)"), ("draw-2.json", "by service;"), ("draw-3.json", "by Primary Need;"),
                             ("draw-4.json", "(replaced)"), ("draw-5.json", "allocation neyman (requested neyman)")] {
            #expect(reproduced.stdout.contains(line), "\(file): \(reproduced.stdout)")
        }
        #expect(reproduced.stdout.components(separatedBy: "identical: ").count == 6)
        // September excluded August's cases: the check recomputed those exclusions from the pack.
        let september = try #require(json(try read("draw-2.json")) as? [String: Any])
        #expect((september["excluded"] as? [[String: Any]])?.count == 8)
        let check = try script("verify-log", [pack])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
    }

    /// Every file of a real pack has the shape docs/schemas states (JSON Schema for the JSON
    /// files, the column lists for the CSVs), and a file out of shape is named.
    @Test func thePackMatchesTheDocumentedSchemas() throws {
        let pack = try export()
        let valid = try script("validate-pack", [pack])
        #expect(valid.status == 0, "\(valid.stdout)\(valid.stderr)")
        #expect(valid.stdout.contains("valid: 16 files"), "\(valid.stdout)")

        let draw = try read("draw-5.json")
        work.write("pack/draw-5.json", draw.replacingOccurrences(of: "\"algorithm\": \"assay-draw-1\"", with: "\"algorithm\": \"assay-draw-2\""))
        let audits = try read("audits.csv")
        work.write("pack/audits.csv", audits.replacingOccurrences(of: ",2026-10,", with: ",October,"))
        let invalid = try script("validate-pack", [pack])
        #expect(invalid.status == 1, "\(invalid.stdout)")
        #expect(invalid.stdout.contains("draw-5.json: field algorithm: 'assay-draw-1' was expected"), "\(invalid.stdout)")
        #expect(invalid.stdout.contains("audits.csv: line 2, field month: 'October' is not a month"), "\(invalid.stdout)")
    }

    /// p_h counts the moderated audit with its agreed grade: its stratum had 2 audits, both
    /// first graded good, one agreed inadequate, so p_h = 1/2; the other strata's 0 of 2
    /// are clamped to 0.05. Counting first grades would have put every stratum at 0.05.
    @Test func theNeymanDrawsRatesCountTheAgreedGrade() throws {
        let moderated = try #require(try audits("2026-10").first { $0.moderated })
        let october = try #require(json(try run(Self.lead, ["draw", "show", "2026-10", "--format", "json"]).stdout) as? [String: Any])
        let need = try #require((october["cases"] as? [[String: Any]])?.first { $0["case_id"] as? String == moderated.caseID }?["stratum"] as? [String: String])
        let november = try #require(json(try run(Self.lead, ["draw", "show", "2026-11", "--format", "json"]).stdout) as? [String: Any])
        let rates = try #require(november["allocation"] as? [[String: Any]]).map { ($0["stratum"] as? [String: String] ?? [:], $0["neyman_p"] as? Double) }
        #expect(rates.count == 4)
        for (stratum, p) in rates {
            #expect(p == (stratum == need ? 0.5 : 0.05), "\(stratum)")
        }
        // The pack's audits.csv shows the three grades: the auditor's 2, the moderated 4, the official 4.
        let audits = try String(contentsOfFile: export() + "/audits.csv", encoding: .utf8).components(separatedBy: "\r\n")
        let header = audits[0].components(separatedBy: ",")
        let row = try #require(audits.first { $0.hasPrefix("\(moderated.id),\(moderated.caseID),2026-10,") }).components(separatedBy: ",")
        let grades = ["auditor_overall", "moderated_overall", "official_overall"].compactMap { header.firstIndex(of: $0) }.map { row[$0] }
        #expect(grades == ["2", "4", "4"], "\(header) \(row)")
    }

    @Test func aChangedCaseOrFrameInThePackIsCaught() throws {
        let pack = try export()
        // One case of September's draw swapped for a case it did not select.
        var september = try read("draw-2.json")
        let selected = try drawn("2026-09")
        let frameIDs = (1...40).map { "C" + String(format: "%02d", $0) }
        let victim = try #require(selected.first), stranger = try #require(frameIDs.first { !selected.contains($0) })
        september = september.replacingOccurrences(of: "{\"case_id\": \"\(victim)\", \"stratum\"", with: "{\"case_id\": \"\(stranger)\", \"stratum\"")
        #expect(september != (try read("draw-2.json")))
        work.write("pack/draw-2.json", september)
        let tampered = try script("reproduce-draw", [pack])
        #expect(tampered.status == 1, "\(tampered.stdout)")
        #expect(tampered.stdout.contains("case \(victim) selected but not stored"), "\(tampered.stdout)")
        // October's and November's exclusions, which September's cases decide, may differ with it.
        #expect(tampered.stdout.contains(" of 5 draws differ"), "\(tampered.stdout)")
        #expect(tampered.stdout.contains("the pack's files disagree with its records.db in 1 way"), "\(tampered.stdout)")
        #expect(tampered.stdout.contains("the draw files' draw_case rows differ from records.db's"), "\(tampered.stdout)")

        // Put it back, and move a case to another team in the frame instead.
        work.write("pack/draw-2.json", try run(Self.lead, ["draw", "show", "--id", "2", "--format", "json"]).stdout)
        #expect(try script("reproduce-draw", [pack]).status == 0)
        let frame = try read("frame-1.csv")
        work.write("pack/frame-1.csv", frame.replacingOccurrences(of: "\r\nC02,Beta,", with: "\r\nC02,Alpha,"))
        let moved = try script("reproduce-draw", [pack])
        #expect(moved.status == 1, "\(moved.stdout)")
        #expect(moved.stdout.contains("frame 1: the frame file's cases differ from records.db's"), "\(moved.stdout)")
        #expect(moved.stdout.contains("population stored"), "\(moved.stdout)")
    }
}
