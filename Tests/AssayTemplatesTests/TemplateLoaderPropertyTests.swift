import AssayCore
import AssayTestSupport
@testable import AssayTemplates
import Foundation
import Testing

/// Properties of the template loader over seeded inputs (docs/fuzzing.md): every mutation of
/// a real template is either loaded or rejected with an `InputRejected` whose every problem
/// names the file and a line, in one line of text; and the inputs that used to break that
/// promise (found while fuzzing) stay fixed.
@Suite struct TemplateLoaderPropertyTests {
    static let file = "t.yaml"

    /// Loads `bytes` as `template check FILE` does (through a file, so bytes that are not
    /// UTF-8 reach the loader) and checks the outcome: broken promises go to `failures`.
    /// Returns the rejection, if any.
    @discardableResult
    static func check(_ bytes: [UInt8], in dir: TemporaryDirectory, failures: inout [String]) -> InputRejected? {
        do {
            let template = try TemplateLoader.load(path: dir.write(file, bytes))
            if template.sections.isEmpty || template.sections.contains(where: { $0.questions.isEmpty }) {
                failures.append("loaded with an empty section list or section")
            }
            if Set(template.questions.map(\.id)).count != template.questions.count { failures.append("loaded with a question id twice") }
            return nil
        } catch let rejection as InputRejected {
            // (Yams's own description of a key given twice had quoted the whole file.)
            failures += brokenPromises(of: rejection, file: file, bytes: bytes)
            return rejection
        } catch {
            failures.append("not a rejection: \(error)")
            return nil
        }
    }

    @Test func mutatedTemplatesLoadOrAreRejectedWithTheFileAndALine() {
        let dir = TemporaryDirectory()
        let seed = Array(validTemplate.utf8)
        var failures: [String] = []
        #expect(Self.check(seed, in: dir, failures: &failures) == nil)
        var mutator = InputMutator(seed: 20_261_202)
        var rejected = 0
        for round in 0..<1_000 {
            var found: [String] = []
            if Self.check(mutator.mutate(seed), in: dir, failures: &found) != nil { rejected += 1 }
            failures += found.map { "input \(round): \($0)" }
        }
        #expect(failures.isEmpty, "\(failures.prefix(10))")
        #expect(rejected > 300)
    }

    // MARK: Found while fuzzing

    /// The problem the loader reports for `text`, as `file:line: reason`.
    func problems(_ text: String) -> [String] {
        let dir = TemporaryDirectory()
        var failures: [String] = []
        defer { #expect(failures.isEmpty, "\(failures)") }
        return Self.check(Array(text.utf8), in: dir, failures: &failures)?.problems.map(\.description) ?? []
    }

    @Test func aKeyGivenTwiceIsReportedOnItsLineWithoutTheWholeFile() {
        // Yams rejects it before the loader sees it, and its own message holds the whole file.
        let text = validTemplate.replacingOccurrences(of: "version: 1\n", with: "version: 1\nversion: 2\n")
        #expect(problems(text) == ["t.yaml:2: not valid YAML: key \"version\" given twice in one mapping"])
    }

    @Test func aControlCharacterIsReportedOnItsLine() {
        let text = validTemplate.replacingOccurrences(of: "title: Mini audit", with: "title: Mini\u{1} audit")
        #expect(problems(text) == ["t.yaml:3: not valid YAML: control characters are not allowed (character 0x1)"])
    }

    @Test func aliasesAreRefusedOnTheirLineBeforeTheyMultiply() {
        // Nine lines that stand for a billion nodes: as a key, Yams hashed them all and never
        // finished; as values, sections × questions multiplied the loader's work.
        var laughs = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
        for (name, previous) in zip("bcdefghi", "abcdefgh") {
            laughs.append("\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 10).joined(separator: ", ") + "]")
        }
        let asKey = laughs.joined(separator: "\n") + "\n? *i\n: 1\n"
        #expect(problems(asKey) == ["t.yaml:2: \(YAMLAliases.refusal)"])
        let question = "q: &q {id: x, prompt: p, kind: text}\n"
        let questions = "l: &l [" + Array(repeating: "*q", count: 2_000).joined(separator: ", ") + "]\n"
        let section = "s: &s {id: s, title: t, questions: *l}\n"
        let sections = "sections: [" + Array(repeating: "*s", count: 2_000).joined(separator: ", ") + "]\n"
        let amplified = "id: t\nversion: 1\ntitle: t\napplies_to: [front-door]\n" + question + questions + section + sections
        #expect(problems(amplified) == ["t.yaml:6: \(YAMLAliases.refusal)"])
    }

    @Test func deepNestingAndHugeNumbersAreRejectedWithALine() {
        let deep = "id: t\nversion: 1\ntitle: t\napplies_to: " + String(repeating: "[", count: 5_000) + "\n"
        #expect(problems(deep).first?.hasPrefix("t.yaml:4: not valid YAML") == true)
        let huge = validTemplate.replacingOccurrences(of: "version: 1", with: "version: 99999999999999999999999999")
        #expect(problems(huge) == ["t.yaml:2: field \"version\": must be a whole number of at least 1"])
    }
}
