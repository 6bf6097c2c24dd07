import AssayCore
@testable import AssayTemplates
import Testing

/// A small valid template; tests change one thing at a time.
let validTemplate = """
    id: mini
    version: 1
    title: Mini audit
    applies_to: [child-in-need, child-protection]
    lookback_months: 6
    sections:
      - id: voice
        title: The child's voice
        questions:
          - id: seen-alone
            prompt: Was the child seen alone?
            guidance: Look at visit records.
            kind: grade
            weight: 2
            limits_overall: true
            descriptors:
              1: Seen alone every visit; their words shape the plan.
              2: Seen alone at most visits.
              3: Seen, rarely alone.
              4: Not seen.
          - id: wishes
            prompt: Are wishes and feelings recorded?
            kind: grade
            descriptors:
              1: Always, verbatim.
              2: Usually.
              3: Sometimes.
              4: Never.
      - id: timeliness
        title: Timeliness
        questions:
          - id: strategy-on-time
            prompt: Was the strategy meeting on time?
            kind: yes_no
          - id: plan-type
            prompt: Which plan?
            kind: choice
            choices: [child in need, child protection]
            required: false
          - id: assessment
            prompt: Quality of the assessment?
            kind: grade
            descriptors: {1: a, 2: b, 3: c, 4: d}
    """

@Suite struct TemplateLoaderTests {
    func problems(_ text: String) -> [String] {
        do {
            _ = try TemplateLoader.load(text: text, file: "t.yaml")
            return []
        } catch let error as InputRejected {
            return error.problems.map(\.description)
        } catch {
            return ["\(error)"]
        }
    }

    @Test func loadsAValidTemplate() throws {
        let t = try TemplateLoader.load(text: validTemplate, file: "t.yaml")
        #expect(t.id == "mini" && t.version == 1)
        #expect(t.appliesTo == [.childInNeed, .childProtection])
        #expect(t.sections.map(\.id) == ["voice", "timeliness"])
        #expect(t.questions.count == 5)
        #expect(t.questions[0].weight == 2 && t.questions[0].limitsOverall)
        #expect(t.questions[0].descriptors[.inadequate] == "Not seen.")
        #expect(t.questions[3].required == false)
        #expect(t.questions[2].kind == .yesNo)
        #expect(t.contentSHA256 == Hashing.sha256Hex(Array(validTemplate.utf8)))
    }

    @Test func reportsAnUnknownKeyWithItsLine() {
        let p = problems(validTemplate.replacingOccurrences(of: "        kind: grade\n        weight: 2", with: "        kind: grade\n        colour: red\n        weight: 2"))
        #expect(p.count == 1)
        #expect(p.first?.hasPrefix("t.yaml:14: field \"colour\": unknown key in a question") == true)
    }

    @Test func reportsDuplicateIds() {
        let p = problems(validTemplate.replacingOccurrences(of: "id: wishes", with: "id: seen-alone"))
        #expect(p.contains { $0.contains("duplicate question id \"seen-alone\" (first on line 10)") })
        let s = problems(validTemplate.replacingOccurrences(of: "id: timeliness", with: "id: voice"))
        #expect(s.contains { $0.contains("duplicate section id \"voice\"") })
    }

    /// One pass names every problem: a duplicated question that is also broken otherwise
    /// (here an unknown kind) is reported as both, not only as the second.
    @Test func aDuplicateIsReportedEvenWhenThatQuestionIsAlsoBroken() {
        let p = problems("""
            id: dup
            version: 1
            title: Duplicates
            sections:
              - id: voice
                title: Voice
                questions:
                  - id: seen-alone
                    prompt: Seen alone?
                    kind: yes_no
                  - id: seen-alone
                    prompt: Seen again?
                    kind: gradez

            """)
        #expect(p.contains { $0.contains("duplicate question id \"seen-alone\" (first on line 8)") }, "\(p)")
        #expect(p.contains { $0.contains("bad kind \"gradez\"") }, "\(p)")
    }

    @Test func reportsAMissingDescriptor() {
        let p = problems(validTemplate.replacingOccurrences(of: "{1: a, 2: b, 3: c, 4: d}", with: "{1: a, 2: b, 4: d}"))
        #expect(p.count == 1)
        #expect(p.first?.contains("question \"assessment\" has no descriptor for 3 (requires improvement)") == true)
    }

    @Test func reportsABadKind() {
        let p = problems(validTemplate.replacingOccurrences(of: "kind: yes_no", with: "kind: essay"))
        #expect(p.first?.contains("bad kind \"essay\"") == true)
        #expect(p.first?.hasPrefix("t.yaml:34:") == true)
    }

    @Test func reportsAnEmptySection() {
        let text = validTemplate.components(separatedBy: "  - id: timeliness")[0] + "  - id: empty\n    title: Empty\n    questions: []\n"
        #expect(problems(text).contains { $0.contains("section \"empty\" is empty") })
    }

    @Test func reportsEveryProblemInOnePass() {
        let text = validTemplate
            .replacingOccurrences(of: "applies_to: [child-in-need, child-protection]", with: "applies_to: [youth-justice]")
            .replacingOccurrences(of: "kind: yes_no", with: "kind: yesno")
            .replacingOccurrences(of: "title: Mini audit\n", with: "")
        let p = problems(text)
        #expect(p.count == 3)
        #expect(p.contains { $0.contains("field \"title\": missing in the template") })
        #expect(p.contains { $0.contains("unknown service code \"youth-justice\"") })
    }

    @Test func reportsBrokenYAMLWithItsLine() {
        let p = problems("id: x\nsections: [\n  - a: b\n")
        #expect(p.count == 1)
        #expect(p.first?.contains("not valid YAML") == true)
    }

    @Test func refusesDescriptorsAndWeightsOnOtherKinds() {
        let text = validTemplate.replacingOccurrences(of: "kind: yes_no", with: "kind: yes_no\n        weight: 3\n        limits_overall: true")
        let p = problems(text)
        #expect(p.contains { $0.contains("only grade questions are weighted") })
        #expect(p.contains { $0.contains("only grade questions can limit") })
    }
}
