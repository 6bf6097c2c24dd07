import Foundation
import Testing

@Suite struct TemplateCommandTests {
    let work = Workspace()

    @Test func aNewDatabaseRegistersTheShippedTemplates() throws {
        var assay = work.assay
        assay.environment["ASSAY_TEMPLATES"] = AssayBinary.packageRoot + "/AuditTemplates"
        let created = try assay.run(["--db", "qa.db", "init"])
        #expect(created.stderr.contains("Registered 4 templates from"), "\(created.stderr)")
        let result = try assay.run(["--db", "qa.db", "templates", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let rows = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]] ?? []
        #expect(Set(rows.compactMap { $0["id"] as? String }) == ["care-leavers", "children-in-care", "front-door", "help-and-protection"])
        let shown = try assay.run(["--db", "qa.db", "template", "show", "children-in-care", "--format", "csv"])
        #expect(shown.stdout.hasPrefix("section,question,kind,required,weight,limits_overall,prompt\n"))
    }

    @Test func checkReportsEveryProblemWithFileAndLine() throws {
        work.write("bad.yaml", """
            id: Bad Id
            version: 0
            title: Broken
            applies_to: [front-door]
            sections:
              - id: s
                title: S
                questions:
                  - id: q
                    prompt: Q?
                    kind: grade
                    descriptors: {1: a, 2: b, 3: c}
                    colour: red
              - id: empty
                title: Empty
                questions: []
            """)
        let result = try work.assay.run(["--db", "qa.db", "template", "check", "bad.yaml"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("bad.yaml: rejected, 5 problems"))
        #expect(result.stderr.contains("bad.yaml:1: field \"id\": use lower-case letters, digits and hyphens"))
        #expect(result.stderr.contains("bad.yaml:2: field \"version\": must be a whole number of at least 1"))
        #expect(result.stderr.contains("bad.yaml:12: field \"descriptors\": question \"q\" has no descriptor for 4 (inadequate)"))
        #expect(result.stderr.contains("bad.yaml:13: field \"colour\": unknown key in a question"))
        #expect(result.stderr.contains("section \"empty\" is empty"))
    }

    @Test func registeringAChangedTemplateUnderTheSameVersionIsRefused() throws {
        var assay = work.assay
        assay.environment["ASSAY_TEMPLATES"] = work.file("none")
        let original = try String(contentsOfFile: AssayBinary.packageRoot + "/AuditTemplates/front-door.yaml", encoding: .utf8)
        work.write("front-door.yaml", original)
        #expect(try assay.run(["--db", "qa.db", "init"]).status == 0)
        #expect(try assay.run(["--db", "qa.db", "template", "register", "front-door.yaml"]).stdout.contains("Registered front-door version 1."))
        work.write("front-door.yaml", original + "\n# an edit\n")
        let refused = try assay.run(["--db", "qa.db", "template", "register", "front-door.yaml"])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("Bump the version"))
        work.write("front-door.yaml", (original + "\n# an edit\n").replacingOccurrences(of: "version: 1", with: "version: 2"))
        #expect(try assay.run(["--db", "qa.db", "template", "register", "front-door.yaml"]).stdout.contains("Registered front-door version 2."))
    }
}
