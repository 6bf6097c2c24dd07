@testable import AssayAudits
import AssayCore
import AssayTemplates
import AssayTestSupport
import Testing

/// `AnswerSheet.read`: a whole audit in a YAML or JSON file (`audit CASE --answers FILE`),
/// read against the mini template (AuditFixture). Every problem comes back in one pass, each
/// with the file, the line to fix and the field; a file with any problem yields nothing.
@Suite struct AnswerSheetTests {
    let dir = TemporaryDirectory()
    let template: AuditTemplate

    init() throws { template = try AuditFixture.miniTemplate() }

    /// A complete, correct answers file. Suggested overall, by hand: seen-alone good (weight 2),
    /// wishes outstanding, assessment requires improvement: (2×2 + 1 + 3) / 4 = 2, good; the
    /// auditor's overall (r) differs, so the reason is needed and given.
    static let goodYAML = """
        template: mini
        answers:
          seen-alone: g
          wishes:
            value: outstanding
            evidence: |
              Her words are quoted in every visit record.
          visit-on-time:
            value: na
            reason: The child was in hospital throughout.
          assessment: 3
          plan-type: 2
          visits: 4
          last-visit: 2026-10-28
          summary: Steady progress since the conference.
        overall: r
        reason: Plan drift that the grades do not show.
        actions:
          - what: Review the plan with the family
            owner: Wyn Worker
            due: 2099-12-15

        """

    /// The 1-based line of the first line of `text` holding `fragment` (so the expected
    /// lines below can be read straight off the file).
    static func line(of fragment: String, in text: String) -> Int {
        text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains(fragment) }! + 1
    }

    func read(_ text: String, name: String = "answers.yaml") throws -> AnswerSheet {
        try AnswerSheet.read(path: dir.write(name, text), template: template)
    }

    /// The problems the file is rejected with, as (line, field), sorted by line.
    func problems(_ text: String, name: String = "answers.yaml") -> [(line: Int?, field: String?)] {
        rejection(text, name: name)?.problems.map { ($0.line, $0.field) }.sorted { ($0.line ?? 0) < ($1.line ?? 0) } ?? []
    }

    func rejection(_ text: String, name: String = "answers.yaml") -> InputRejected? {
        do {
            _ = try read(text, name: name)
            Issue.record("the file was accepted")
            return nil
        } catch let error as InputRejected {
            return error
        } catch {
            Issue.record("unexpected error \(error)")
            return nil
        }
    }

    func goodYAML(replacing old: String, with new: String) -> String {
        precondition(Self.goodYAML.contains(old), old)
        return Self.goodYAML.replacingOccurrences(of: old, with: new)
    }

    @Test func aGoodYAMLFileReadsEveryAnswerInCanonicalForm() throws {
        let sheet = try read(Self.goodYAML)
        let byID = Dictionary(uniqueKeysWithValues: sheet.answers.map { ($0.questionID, $0) })
        #expect(byID.count == 8)
        #expect(byID["seen-alone"]?.grade == .good)
        #expect(byID["seen-alone"]?.value == "2")
        #expect(byID["wishes"]?.grade == .outstanding)
        #expect(byID["wishes"]?.evidence == "Her words are quoted in every visit record.")
        #expect(byID["visit-on-time"]?.value == "na")
        #expect(byID["visit-on-time"]?.reason == "The child was in hospital throughout.")
        #expect(byID["assessment"]?.grade == .requiresImprovement)
        #expect(byID["plan-type"]?.value == "child protection")
        #expect(byID["visits"]?.value == "4")
        #expect(byID["last-visit"]?.value == "2026-10-28")
        #expect(byID["summary"]?.value == "Steady progress since the conference.")
        #expect(sheet.answers.allSatisfy { !$0.skipped })
        #expect(sheet.overall == .requiresImprovement)
        #expect(sheet.reason == "Plan drift that the grades do not show.")
        #expect(sheet.actions.count == 1)
        #expect(sheet.actions.first?.what == "Review the plan with the family")
        #expect(sheet.actions.first?.owner == "Wyn Worker")
        #expect(sheet.actions.first?.due == CalendarDate(year: 2099, month: 12, day: 15))
        #expect(try AnswerSheet.templateID(path: dir.file("answers.yaml")) == "mini")
    }

    @Test func aGoodJSONFileReadsToo() throws {
        // Suggested: (2×2 + 1 + 3) / 4 = 2, good; the overall agrees, so no reason is needed.
        let json = """
            {
              "answers": {
                "seen-alone": "good",
                "wishes": {"value": 1, "evidence": "Quoted in the assessment."},
                "visit-on-time": "yes",
                "assessment": "requires improvement"
              },
              "overall": 2,
              "actions": []
            }
            """
        let sheet = try read(json, name: "answers.json")
        let grades = Dictionary(uniqueKeysWithValues: sheet.answers.compactMap { a in a.grade.map { (a.questionID, $0) } })
        #expect(grades == ["seen-alone": .good, "wishes": .outstanding, "assessment": .requiresImprovement])
        #expect(sheet.answers.first { $0.questionID == "wishes" }?.evidence == "Quoted in the assessment.")
        #expect(sheet.answers.first { $0.questionID == "visit-on-time" }?.value == "yes")
        #expect(sheet.overall == .good)
        #expect(sheet.reason == nil)
        #expect(sheet.actions.isEmpty)
        #expect(try AnswerSheet.templateID(path: dir.file("answers.json")) == nil)
    }

    @Test func aWrongGradeKeyIsReportedOnItsLine() throws {
        let text = goodYAML(replacing: "seen-alone: g", with: "seen-alone: x")
        let found = problems(text)
        #expect(found.count == 1)
        #expect(found.first?.line == Self.line(of: "seen-alone: x", in: text))
        #expect(found.first?.field == "seen-alone")
        let message = rejection(text)?.message ?? ""
        #expect(message.contains("answers.yaml: rejected, 1 problem; nothing was stored."))
        #expect(message.contains("answers.yaml:3: field \"seen-alone\": \"x\" is not a grade"))
    }

    @Test func aMissingRequiredAnswerIsReportedAtTheAnswers() throws {
        let text = goodYAML(replacing: "  assessment: 3\n", with: "")
        let found = problems(text)
        #expect(found.count == 1)
        #expect(found.first?.line == Self.line(of: "answers:", in: text))
        #expect(found.first?.field == "assessment")
        #expect(rejection(text)?.problems.first?.reason.contains("is required and has no answer") == true)
    }

    @Test func anOverallGradeWithoutItsReasonIsReportedAtTheOverall() throws {
        let text = goodYAML(replacing: "reason: Plan drift that the grades do not show.\n", with: "")
        let found = problems(text)
        #expect(found.count == 1)
        #expect(found.first?.line == Self.line(of: "overall: r", in: text))
        #expect(found.first?.field == "reason")
        #expect(rejection(text)?.problems.first?.reason.contains("differs from the suggested 2 (good) and needs a reason") == true)
    }

    @Test func anUnknownQuestionIsReportedOnItsLine() throws {
        let text = goodYAML(replacing: "  visits: 4\n", with: "  visits: 4\n  home-visits: 3\n")
        let found = problems(text)
        #expect(found.count == 1)
        #expect(found.first?.line == Self.line(of: "home-visits", in: text))
        #expect(found.first?.field == "answers")
        #expect(rejection(text)?.problems.first?.reason == "no question \"home-visits\" in template mini version 1")
    }

    @Test func aBadActionDueDateIsReportedOnItsLine() throws {
        let text = goodYAML(replacing: "due: 2099-12-15", with: "due: 2026-12-32")
        let found = problems(text)
        #expect(found.count == 1)
        #expect(found.first?.line == Self.line(of: "due: 2026-12-32", in: text))
        #expect(found.first?.field == "due")
    }

    @Test func naWithoutAReasonIsReportedOnItsAnswer() throws {
        let text = goodYAML(replacing: "    reason: The child was in hospital throughout.\n", with: "")
        let found = problems(text)
        #expect(found.count == 1)
        #expect(found.first?.line == Self.line(of: "visit-on-time:", in: text))
        #expect(found.first?.field == "visit-on-time")
    }

    @Test func everyProblemIsReportedInOnePass() throws {
        let text = """
            answers:
              seen-alone: x
              visit-on-time: yes
              assessment: g
              home-visits: 3
            overall: i
            colour: blue
            actions:
              - what: Update the chronology
                owner: Wyn Worker
                due: 2026-13-01
            """
        // Line 1: wishes (required) not answered. 2: not a grade. 5: no such question.
        // 6: i differs from the suggestion (good, from assessment alone) and has no reason.
        // 7: not a key of an answers file. 11: no 13th month.
        let found = problems(text)
        #expect(found.map(\.line) == [1, 2, 5, 6, 7, 11])
        #expect(found.map(\.field) == ["wishes", "seen-alone", "answers", "reason", "colour", "due"])
        #expect(rejection(text)?.message.hasPrefix("answers.yaml: rejected, 6 problems; nothing was stored.") == true)
    }

    @Test func problemsInJSONAreReportedOnTheirLinesToo() throws {
        let json = """
            {
              "answers": {
                "seen-alone": "excellent",
                "visit-on-time": "yes",
                "assessment": 2
              },
              "overall": 2,
              "actions": [{"what": "Chronology", "owner": "Wyn Worker", "due": "next week"}]
            }
            """
        let found = problems(json, name: "answers.json")
        #expect(found.map(\.line) == [2, 3, 8])
        #expect(found.map(\.field) == ["wishes", "seen-alone", "due"])
    }

    @Test func aFileForAnotherTemplateIsRefused() throws {
        let text = goodYAML(replacing: "template: mini", with: "template: front-door")
        let found = problems(text)
        #expect(found.map(\.line) == [1])
        #expect(found.map(\.field) == ["template"])
    }

    @Test func aFileThatIsNotYAMLIsRefusedWithItsLine() throws {
        let text = goodYAML(replacing: "  assessment: 3", with: "  assessment: [3")
        let rejected = rejection(text)
        #expect(rejected?.problems.count == 1)
        #expect(rejected?.problems.first?.reason.hasPrefix("not valid YAML or JSON") == true)
        #expect(rejected?.problems.first?.line != nil)
    }

    @Test func aMissingFileIsAFailureNotARejection() {
        #expect(throws: InputFileError.noSuchFile(dir.file("none.yaml"))) { try AnswerSheet.read(path: dir.file("none.yaml"), template: template) }
    }
}
