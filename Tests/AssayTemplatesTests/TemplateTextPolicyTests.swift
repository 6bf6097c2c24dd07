import AssayCore
import AssayStore
@testable import AssayTemplates
import AssayTestSupport
import Testing

/// Issue 16: a template's titles, prompts, guidance, descriptors and choices holding control
/// characters (as YAML escapes: raw ones YAML itself refuses) or a NUL are refused on their
/// lines, every problem at once, so nothing is registered.
@Suite struct TemplateTextPolicyTests {
    func rejection(_ text: String) -> InputRejected? {
        do {
            _ = try TemplateLoader.load(text: text, file: "t.yaml")
            Issue.record("accepted")
        } catch let error as InputRejected {
            return error
        } catch {
            Issue.record("not a rejection: \(error)")
        }
        return nil
    }

    func line(of fragment: String, in text: String) -> Int {
        text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains(fragment) }! + 1
    }

    @Test func escapedControlCharactersAreRefusedWithLineAndField() throws {
        let text = validTemplate
            .replacingOccurrences(of: "title: Mini audit", with: "title: \"Mini\\e]0;owned\\a audit\"")
            .replacingOccurrences(of: "title: The child's voice", with: "title: \"The child's\\0 voice\"")
            .replacingOccurrences(of: "prompt: Was the child seen alone?", with: "prompt: \"Was the child\\u001b[8m seen alone?\"")
            .replacingOccurrences(of: "guidance: Look at visit records.", with: "guidance: \"Look\\x07 at visit records.\"")
            .replacingOccurrences(of: "2: Seen alone at most visits.", with: "2: \"Seen alone\\r at most visits.\"")
            .replacingOccurrences(of: "choices: [child in need, child protection]", with: "choices: [child in need, \"child\\u202Eprotection\"]")
        let refused = try #require(rejection(text))
        #expect(refused.problems.map { "\($0.line ?? 0) \($0.field ?? "-")" } == [
            "\(line(of: "Mini", in: text)) title",
            "\(line(of: "child's", in: text)) title",
            "\(line(of: "Was the child", in: text)) prompt",
            "\(line(of: "Look", in: text)) guidance",
            "\(line(of: "Seen alone\\r", in: text)) descriptors",
            "\(line(of: "choices:", in: text)) choices",
        ])
        #expect(refused.problems[1].reason == "holds a NUL byte, U+0000, at character 12; remove it (control characters are not stored)")
        #expect(refused.consequence == "nothing was registered")
    }

    @Test func aRawBidiOverrideEvenInACommentIsRefusedBecauseTheTextIsStored() throws {
        let text = validTemplate.replacingOccurrences(of: "version: 1", with: "version: 1  # owner: \u{202E}dlareg")
        let refused = try #require(rejection(text))
        #expect(refused.problems.map(\.line) == [2])
        #expect(refused.problems.first?.reason.contains("a bidirectional override, U+202E") == true)
        // In a value, it is reported once, against the value's field.
        let inTitle = validTemplate.replacingOccurrences(of: "title: Mini audit", with: "title: Mini \u{202E}tidua")
        #expect(rejection(inTitle)?.problems.map { "\($0.line ?? 0) \($0.field ?? "-")" } == ["3 title"])
    }

    @Test func paragraphsMayBreakLinesAndCRLFFilesStillLoad() throws {
        let text = validTemplate.replacingOccurrences(of: "guidance: Look at visit records.", with: "guidance: |\n          Look at visit records.\n          \tAnd plans.")
        let template = try TemplateLoader.load(text: text, file: "t.yaml")
        #expect(template.questions.first?.guidance == "Look at visit records.\n\tAnd plans.")
        let crlf = try TemplateLoader.load(text: validTemplate.replacingOccurrences(of: "\n", with: "\r\n"), file: "t.yaml")
        #expect(crlf.title == "Mini audit")
        // Registered from a file, a CRLF template is the same as its LF twin: the store keeps
        // no carriage return (its writer refuses one).
        let dir = TemporaryDirectory()
        let store = try Store(path: dir.file("a.db"), identity: Identity(name: "Lena Lead", osLogin: "l"))
        let fromCRLF = try TemplateLoader.load(path: dir.write("crlf.yaml", validTemplate.replacingOccurrences(of: "\n", with: "\r\n")))
        #expect(try store.register(fromCRLF) == .registered)
        #expect(fromCRLF.source == validTemplate)
        #expect(try store.register(TemplateLoader.load(path: dir.write("lf.yaml", validTemplate))) == .alreadyRegistered)
        #expect(try store.template(id: "mini").source == validTemplate)
        // A title is one line.
        let broken = validTemplate.replacingOccurrences(of: "title: Mini audit", with: "title: \"Mini\\naudit\"")
        #expect(rejection(broken)?.problems.map(\.field) == ["title"])
    }
}
