import Foundation
import Testing

/// What Assay prints of hostile stored text, through the built binary (issue 16): CSV cells a
/// spreadsheet would run as formulas get an apostrophe (not with `--raw-csv`; always in an
/// evidence pack), Markdown escapes HTML, and no control character stored in the database
/// (text stored before Assay refused them, or written behind its back) reaches the terminal:
/// it is shown as a visible `\u{1B}`.
@Suite(.serialized) struct OutputSafetyTests {
    let work = Workspace()
    static let lead = AuditWorkspace.lead
    static let formula = #"=HYPERLINK("http://x","y")"#

    /// C1 audited by Ana: `plan-quality` graded 3 (so `report evidence` lists it) with a
    /// formula and a script tag as its evidence; `note` (free text) starting with `@`.
    init() throws {
        try AuditWorkspace.prepare(work)
        work.write("c1.yaml", """
            template: mini
            answers:
              risk: g
              seen: 'yes'
              plan-quality:
                value: r
                evidence: '\(Self.formula) <script>alert(1)</script> & more'
              note: '@SUM(A1)'
            overall: 3

            """)
        let result = try AuditWorkspace.run(work, as: "Ana", ["audit", "C1", "--template", "mini", "--answers", "c1.yaml"])
        try #require(result.status == 0, "\(result.stderr)")
    }

    func run(_ arguments: [String]) throws -> AssayBinary.Result {
        let result = try AuditWorkspace.run(work, as: Self.lead, arguments)
        #expect(result.status == 0, "\(arguments): \(result.stderr)")
        return result
    }

    /// The CSV's rows as fields (RFC 4180: quoted fields, doubled quotes; no line breaks here).
    static func rows(_ csv: String) -> [[String]] {
        csv.split(whereSeparator: \.isNewline).map { line in
            var fields: [String] = [], field = "", quoted = false
            var chars = Array(line)[...]
            while let c = chars.popFirst() {
                switch (c, quoted) {
                case ("\"", true) where chars.first == "\"": field.append("\""); chars.removeFirst()
                case ("\"", _): quoted.toggle()
                case (",", false): fields.append(field); field = ""
                default: field.append(c)
                }
            }
            return fields + [field]
        }
    }

    /// `rows` as dictionaries by the header's names.
    static func records(_ csv: String) -> [[String: String]] {
        let all = rows(csv)
        guard let header = all.first else { return [] }
        return all.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
    }

    @Test func csvNeutralisesFormulasInTextButNotNumbersUnlessRaw() throws {
        let csv = try run(["report", "evidence", "--month", "2026-11", "--format", "csv"]).stdout
        let row = try #require(Self.records(csv).first, "\(csv)")
        #expect(row["evidence"] == "'" + Self.formula + " <script>alert(1)</script> & more", "\(csv)")
        #expect(row["audit_id"] == "1")
        #expect(row["grade"] == "3")

        let raw = try run(["report", "evidence", "--month", "2026-11", "--format", "csv", "--raw-csv"]).stdout
        #expect(Self.records(raw).first?["evidence"] == Self.formula + " <script>alert(1)</script> & more", "\(raw)")

        let refused = try AuditWorkspace.run(work, as: Self.lead, ["report", "evidence", "--month", "2026-11", "--raw-csv"])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("--raw-csv goes with --format csv"))
    }

    @Test func markdownEscapesHTML() throws {
        let markdown = try run(["report", "evidence", "--month", "2026-11", "--format", "markdown"]).stdout
        #expect(markdown.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; more"), "\(markdown)")
        #expect(!markdown.contains("<script>"))
    }

    /// The evidence pack's CSVs are always neutralised; removing one leading apostrophe gives
    /// back exactly what records.db holds, and the independent checkers still pass.
    @Test func theEvidencePackNeutralisesAndTheCheckersStillPass() throws {
        _ = try run(["export", "evidence-pack", "2026-11", "--out", "pack"])
        let answersCSV = try String(contentsOfFile: work.file("pack/answers.csv"), encoding: .utf8)
        let answers = Self.records(answersCSV.replacingOccurrences(of: "\r\n", with: "\n"))
        let plan = try #require(answers.first { $0["question_id"] == "plan-quality" }, "\(answersCSV)")
        #expect(plan["evidence"] == "'" + Self.formula + " <script>alert(1)</script> & more")
        #expect(plan["grade"] == "3", "numbers are never prefixed")
        #expect(answers.first { $0["question_id"] == "note" }?["value"] == "'@SUM(A1)")
        for row in answers {
            let stored = try sqlite3(work, "SELECT ifnull(evidence, '<null>') FROM audit_answer WHERE audit_id = \(row["audit_id"] ?? "0") AND question_id = '\(row["question_id"] ?? "")'",
                                     file: "pack/records.db")
            var field = row["evidence"] ?? ""
            if field.hasPrefix("'") { field.removeFirst() }
            #expect((field.isEmpty ? "<null>" : field) == stored, "\(row)")
        }

        let head = try String(contentsOfFile: work.file("pack/chain-head.txt"), encoding: .utf8).trimmingCharacters(in: .newlines)
        for (script, arguments, expected) in [("reproduce-draw", [work.file("pack/records.db"), "2026-11"], "identical: 2 cases"),
                                              ("verify-log", [work.file("pack"), "--head", head], "intact: the chain recomputes")] {
            let result = try AssayBinary.runTool(["python3", AssayBinary.packageRoot + "/Scripts/" + script] + arguments, in: work.path)
            #expect(result.status == 0, "\(script): \(result.stdout)\(result.stderr)")
            #expect((result.stdout + result.stderr).contains(expected), "\(script): \(result.stdout)")
        }
    }

    /// An ESC, a BEL and a bidi override written into the database with sqlite3, behind
    /// Assay's back (what text stored before Assay refused them looks like).
    func storeControlCharacters() throws {
        let hostile = "'x' || char(27) || ']0;owned' || char(7) || char(27) || '[2J' || char(8238) || 'y'"
        _ = try sqlite3(work, """
            UPDATE audit_answer SET evidence = 'seen ' || \(hostile) WHERE question_id = 'plan-quality';
            UPDATE audit SET team = 'Alpha ' || \(hostile);
            UPDATE people SET team = \(hostile) WHERE name = 'Ana';
            UPDATE frame SET source_name = \(hostile);
            UPDATE frame_case SET locality = \(hostile) WHERE case_id = 'C2';
            """)
    }

    static let visible = #"x\u{1B}]0;owned\u{7}\u{1B}[2J\u{202E}y"#

    @Test func storedControlCharactersNeverReachTheTerminal() throws {
        try storeControlCharacters()
        for command in [
            ["audits"], ["audits", "--format", "markdown"],
            ["audits", "show", "1"], ["audits", "show", "1", "--format", "markdown"], ["audits", "show", "1", "--format", "json"],
            ["report", "evidence", "--month", "2026-11"], ["report", "evidence", "--month", "2026-11", "--format", "markdown"],
            ["report", "evidence", "--month", "2026-11", "--format", "json"],
            ["people"], ["people", "--format", "markdown"], ["people", "--format", "json"],
            ["frames"], ["frame", "show"],
        ] {
            let result = try AuditWorkspace.run(work, as: Self.lead, command)
            #expect(result.status == 0, "\(command): \(result.stderr)")
            #expect(!result.stdout.utf8.contains(0x1B) && !result.stdout.utf8.contains(0x07), "\(command) printed a raw control character: \(result.stdout.debugDescription)")
            let shown = command.contains("json") ? #"x\u001b]0;owned\u0007\u001b[2J\u202ey"# : Self.visible
            #expect(result.stdout.contains(shown), "\(command): \(result.stdout)")
        }
    }

    @Test func theGuidedAuditShowsStoredControlCharactersVisibly() throws {
        var env = work.assay.environment
        env["TERM"] = "dumb"
        env["NO_COLOR"] = "1"
        env["ASSAY_HISTORY"] = work.file("history")
        let arguments = ["--db", work.file("qa.db"), "--as", "Ana", "audit", "C4", "--template", "mini"]
        let first = try PseudoTerminal(arguments: arguments, environment: env)
        try first.waitFor("1> ")
        first.type("w\n")
        try first.waitFor("resumes.")
        _ = try first.waitForExit()
        _ = try sqlite3(work, "UPDATE audit SET worker = 'W' || char(27) || ']0;owned' || char(7) WHERE case_id = 'C4'")

        let second = try PseudoTerminal(arguments: arguments, environment: env)
        let screen = try second.waitFor("1> ")
        #expect(screen.contains(#"worker W\u{1B}]0;owned\u{7}"#), "\(screen)")
        #expect(!screen.contains("\u{1B}]") && !screen.contains("\u{07}"), "\(screen.debugDescription)")
        second.type("w\n")
        try second.waitFor("resumes.")
    }
}
