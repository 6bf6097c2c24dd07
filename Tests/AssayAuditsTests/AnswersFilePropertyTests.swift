@testable import AssayAudits
import AssayCore
import AssayTemplates
import AssayTestSupport
import Foundation
import Testing

/// Properties of the answers-file loader (`audit CASE --answers FILE`) over seeded inputs
/// (docs/fuzzing.md): every mutation of a real answers file, YAML or JSON, is either read or
/// rejected with an `InputRejected` whose every problem names the file and a line.
@Suite struct AnswersFilePropertyTests {
    let dir = TemporaryDirectory()
    let template: AuditTemplate

    init() throws { template = try AuditFixture.miniTemplate() }

    static let json = """
        {
          "template": "mini",
          "answers": {
            "seen-alone": "good",
            "wishes": {"value": 1, "evidence": "Quoted in the assessment.", "reason": "Said so."},
            "visit-on-time": {"value": "na", "reason": "In hospital."},
            "assessment": "requires improvement",
            "visits": 12,
            "last-visit": "2026-10-28"
          },
          "overall": 2,
          "actions": [{"what": "Review", "owner": "Wyn Worker", "due": "2099-12-15"}]
        }
        """

    /// Reads `bytes` as an answers file and checks the outcome: broken promises go to
    /// `failures`. Returns the rejection, if any.
    @discardableResult
    func check(_ bytes: [UInt8], name: String, failures: inout [String]) -> InputRejected? {
        let path = dir.write(name, bytes)
        do {
            _ = try AnswerSheet.templateID(path: path)
            let sheet = try AnswerSheet.read(path: path, template: template)
            let ids = sheet.answers.map(\.questionID)
            if Set(ids).count != ids.count { failures.append("read with a question answered twice") }
            if !template.questions.filter(\.required).allSatisfy({ ids.contains($0.id) }) { failures.append("read without a required answer") }
            return nil
        } catch let rejection as InputRejected {
            failures += brokenPromises(of: rejection, file: name, bytes: bytes)
            return rejection
        } catch {
            failures.append("not a rejection: \(error)")
            return nil
        }
    }

    @Test func mutatedAnswersFilesAreReadOrRejectedWithTheFileAndALine() {
        let seeds = [(Array(AnswerSheetTests.goodYAML.utf8), "answers.yaml"), (Array(Self.json.utf8), "answers.json")]
        var failures: [String] = []
        for (seed, name) in seeds { #expect(check(seed, name: name, failures: &failures) == nil) }
        var mutator = InputMutator(seed: 20_261_202)
        var rejected = 0
        for round in 0..<1_000 {
            let (seed, name) = seeds[round % seeds.count]
            var found: [String] = []
            if check(mutator.mutate(seed), name: name, failures: &found) != nil { rejected += 1 }
            failures += found.map { "input \(round): \($0)" }
        }
        #expect(failures.isEmpty, "\(failures.prefix(10))")
        #expect(rejected > 300)
    }

    @Test func keysGivenTwiceControlCharactersAndAliasesAreRejectedOnTheirLines() {
        func problems(_ text: String) -> [String] {
            var failures: [String] = []
            defer { #expect(failures.isEmpty, "\(failures)") }
            return check(Array(text.utf8), name: "answers.yaml", failures: &failures)?.problems.map(\.description) ?? []
        }
        let twice = AnswerSheetTests.goodYAML.replacingOccurrences(of: "  assessment: 3\n", with: "  assessment: 3\n  assessment: 2\n")
        let line = AnswerSheetTests.line(of: "assessment: 3", in: twice)
        #expect(problems(twice) == ["answers.yaml:\(line): not valid YAML or JSON: key \"assessment\" given twice in one mapping"])
        let control = AnswerSheetTests.goodYAML.replacingOccurrences(of: "overall: r", with: "overall: r\u{7}")
        #expect(problems(control) == ["answers.yaml:\(AnswerSheetTests.line(of: "overall: r", in: control)): not valid YAML or JSON: control characters are not allowed (character 0x7)"])
        let alias = "a: &a [x, x]\nb: &b [*a, *a]\n? *b\n: 1\n"
        #expect(problems(alias) == ["answers.yaml:2: \(YAMLAliases.refusal)"])
        let deep = "answers: " + String(repeating: "{a: ", count: 3_000) + "\n"
        #expect(problems(deep).first?.hasPrefix("answers.yaml:1: not valid YAML or JSON") == true)
    }
}
