import Foundation
import Testing

/// `import audits FILE.csv` through the built binary: a broken file is refused whole with
/// every problem at file:line, exits non-zero (also from a script) and stores nothing; the
/// bundled three-year history imports with a summary.
@Suite struct ImportAuditsCommandTests {
    let work = Workspace()
    static let history = AssayBinary.packageRoot + "/Samples/history-2023-11-to-2026-10.csv"

    init() throws {
        try #require(try work.assay.run(["--db", "qa.db", "--as", "Lena Lead", "init"]).status == 0)  // with the shipped templates
    }

    @Test func aBrokenFileIsRejectedWithLinesAndFieldsAndNothingIsStored() throws {
        work.write("past.csv", """
            month,case_id,team,locality,service,overall,auditor,domain_voice
            2025-01,CS1,CP North,Northmoor,child-protection,2,Ann,2
            2025-01,CS2,CP North,Northmoor,child-protection,excellent,Ann,2
            2025-02,CS1,CP North,Northmoor,Youth Justice,3,Ann,3
            2099-01,CS3,CP North,Northmoor,child-protection,3,Ann,9

            """)
        let result = try work.assay.run(["--db", "qa.db", "--as", "Lena Lead", "import", "audits", "past.csv"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("past.csv: rejected, 4 problems; nothing was imported."))
        #expect(result.stderr.contains("past.csv:3: field \"overall\": \"excellent\" is not a grade"))
        #expect(result.stderr.contains("past.csv:4: field \"service\": unknown service \"Youth Justice\""))
        #expect(result.stderr.contains("past.csv:5: field \"month\": 2099-01 is after the current month"))
        #expect(result.stderr.contains("past.csv:5: field \"domain_voice\": \"9\" is not a grade"))
        #expect(result.stdout.isEmpty)

        // From a script, with --bail: the script stops there and exits non-zero.
        work.write("cycle.assay", "import audits past.csv\npeople add Sam --role auditor\n")
        let script = try work.assay.run(["--db", "qa.db", "--as", "Lena Lead", "--bail", "run", "cycle.assay"])
        #expect(script.status != 0)
        #expect(script.stderr.contains("cycle.assay:1: past.csv: rejected, 4 problems"))
        let people = try work.assay.run(["--db", "qa.db", "people", "--format", "csv"])
        #expect(!people.stdout.contains("Sam,"))

        // Nothing was stored: the good rows of the broken file import afterwards.
        work.write("fixed.csv", """
            month,case_id,team,locality,service,overall,auditor,domain_voice
            2025-01,CS1,CP North,Northmoor,child-protection,2,Ann,2
            2025-01,CS2,CP North,Northmoor,child-protection,1,Ann,2

            """)
        let fixed = try work.assay.run(["--db", "qa.db", "--as", "Lena Lead", "import", "audits", "fixed.csv"])
        #expect(fixed.status == 0, "\(fixed.stderr)")
        #expect(fixed.stdout.hasPrefix("Imported 2 past audits as audit import 1 from fixed.csv: 1 month (2025-01), 1 team, 1 locality."))
    }

    @Test func theSampleHistoryImportsWithASummary() throws {
        let rows = try String(contentsOfFile: Self.history, encoding: .utf8).split(separator: "\n").count - 1
        let result = try work.assay.run(["--db", "qa.db", "--as", "Lena Lead", "import", "audits", Self.history])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("""
            Imported \(rows) past audits as audit import 1 from history-2023-11-to-2026-10.csv: \
            36 months (2023-11 to 2026-10), 15 teams, 6 localities.
            """))
        #expect(result.stdout.contains("Teams: Assessment East; Assessment North;"))
        #expect(!result.stderr.contains("Domains in no registered template"), "the history grades the shipped templates' sections")

        let again = try work.assay.run(["--db", "qa.db", "--as", "Lena Lead", "import", "audits", Self.history])
        #expect(again.status != 0)
        #expect(again.stderr.contains("already imported as audit import 1"))
    }

    @Test func onlyALeadMayImportPastAudits() throws {
        _ = try work.assay.run(["--db", "qa.db", "--as", "Lena Lead", "people", "add", "Ash", "--role", "auditor"])
        let result = try work.assay.run(["--db", "qa.db", "--as", "Ash", "import", "audits", Self.history])
        #expect(result.status != 0)
        #expect(result.stderr.contains("Only a lead may import past audits"))
    }
}
