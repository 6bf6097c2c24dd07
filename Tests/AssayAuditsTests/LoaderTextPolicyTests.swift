@testable import AssayAudits
import AssayCore
import AssayStore
import AssayTemplates
import AssayTestSupport
import Foundation
import GRDB
import Testing

/// Issue 16: control characters and NUL in the files auditors and leads load — past audits
/// (CSV) and answers files (YAML or JSON, raw or as escapes such as `"\u001b"` and `"\0"`) —
/// are refused with the file, line and field, every problem at once, and nothing stored.
/// Before, a NUL silently shortened a value (evidence "before\0after" stored as "before").
@Suite struct LoaderTextPolicyTests {
    // MARK: Past audits

    @Test func pastAuditValuesHoldingControlCharactersAreRefusedAndNothingIsStored() throws {
        let fx = try AuditFixture()
        let text = "month,case_id,team,locality,overall,auditor,domain_voice\n"
            + "2025-01,CS1\u{0}X,CP North,North,g,Ann,2\n"            // line 2: NUL in the case id
            + "2025-01,CS2,CP \u{1B}[2JNorth,North,g,Ann,2\n"         // line 3: ESC in the team
            + "2025-01,CS3,CP North,North,g,Ann\u{7},2\n"             // line 4: BEL in the auditor
            + "2025-01,CS4,CP North,North,g,Ann,2\u{0}\n"             // line 5: NUL in a domain grade
            + "2025-01,CS5,CP North,North,g,Ann,2\n"                  // fine
        let before = try fx.lead.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM imported_audit")! }
        let refused = #expect(throws: InputRejected.self) {
            try PastAuditImporter(store: fx.lead).importFile(fx.dir.write("past.csv", text), currentMonth: Month("2026-11")!)
        }
        #expect(refused?.problems.map { "\($0.line ?? 0) \($0.field ?? "-")" } == ["2 case_id", "3 team", "4 auditor", "5 domain_voice"])
        #expect(refused?.problems.first?.reason == "holds a NUL byte, U+0000, at character 4; remove it (control characters are not stored)")
        #expect(refused?.problems[1].reason.contains("an escape character (ESC), U+001B") == true)
        #expect(try fx.lead.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM imported_audit")! } == before)
        #expect(try fx.lead.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM audit_import")! } == 0)
    }

    // MARK: Answers files

    let dir = TemporaryDirectory()

    func rejection(_ text: String, name: String = "answers.yaml") -> InputRejected? {
        do {
            _ = try AnswerSheet.read(path: dir.write(name, text), template: try AuditFixture.miniTemplate())
            Issue.record("accepted")
        } catch let error as InputRejected {
            return error
        } catch {
            Issue.record("not a rejection of the file: \(error)")
        }
        return nil
    }

    static func line(of fragment: String, in text: String) -> Int {
        AnswerSheetTests.line(of: fragment, in: text)
    }

    @Test func answersHoldingEscapedOrRawControlCharactersAreRefusedOnTheirLines() throws {
        let text = AnswerSheetTests.goodYAML
            .replacingOccurrences(of: "      Her words are quoted in every visit record.\n",
                                  with: "      Her words are quoted\u{7} in every visit record.\n")         // raw BEL (YAML refuses it first)
        #expect(rejection(text)?.problems.first?.reason.contains("not valid YAML") == true, "raw controls never get past YAML")

        // As YAML escapes, which YAML turns into the characters themselves.
        let escaped = AnswerSheetTests.goodYAML
            .replacingOccurrences(of: "    evidence: |\n      Her words are quoted in every visit record.\n",
                                  with: "    evidence: \"before\\0after\"\n")
            .replacingOccurrences(of: "reason: The child was in hospital throughout.", with: "reason: \"In hospital\\e[2J\"")
            .replacingOccurrences(of: "summary: Steady progress since the conference.", with: "summary: \"Steady \\u001b]0;owned\\a progress\"")
            .replacingOccurrences(of: "reason: Plan drift that the grades do not show.", with: "reason: \"Plan drift\\b\\b\\b\\b\"")
            .replacingOccurrences(of: "- what: Review the plan with the family", with: "- what: \"Review\\0 the plan\"")
            .replacingOccurrences(of: "owner: Wyn Worker", with: "owner: \"Wyn\\u202EWorker\"")
        let refused = try #require(rejection(escaped))
        let found = refused.problems.map { "\($0.line ?? 0) \($0.field ?? "-")" }
        #expect(found == [
            "\(Self.line(of: "before", in: escaped)) evidence",
            "\(Self.line(of: "In hospital", in: escaped)) reason",
            "\(Self.line(of: "Steady", in: escaped)) summary",
            "\(Self.line(of: "Plan drift", in: escaped)) reason",
            "\(Self.line(of: "Review", in: escaped)) what",
            "\(Self.line(of: "Wyn", in: escaped)) owner",
        ])
        #expect(refused.problems[0].reason == "holds a NUL byte, U+0000, at character 7; remove it (control characters are not stored)")
        #expect(refused.problems.allSatisfy { $0.file == "answers.yaml" })
        #expect(!refused.message.unicodeScalars.contains { TextPolicy.isRefused($0, kind: .paragraph) }, "nothing raw in the refusal")
    }

    @Test func freeTextKeepsItsLineBreaksAndTabsButOneLineValuesDoNot() throws {
        // Evidence, reasons and text answers are paragraphs: line breaks and tabs are fine.
        let text = AnswerSheetTests.goodYAML
            .replacingOccurrences(of: "summary: Steady progress since the conference.", with: "summary: \"Steady\\tprogress\\nsince the conference.\"")
        let sheet = try AnswerSheet.read(path: dir.write("ok.yaml", text), template: try AuditFixture.miniTemplate())
        #expect(sheet.answers.first { $0.questionID == "summary" }?.value == "Steady\tprogress\nsince the conference.")
        #expect(sheet.answers.first { $0.questionID == "wishes" }?.evidence == "Her words are quoted in every visit record.")
        // A one-line value (an owner, a choice) may not break.
        let broken = AnswerSheetTests.goodYAML.replacingOccurrences(of: "owner: Wyn Worker", with: "owner: \"Wyn\\nWorker\"")
        let refused = try #require(rejection(broken))
        #expect(refused.problems.map(\.field) == ["owner"])
        #expect(refused.problems.first?.reason.contains("a line break") == true)
    }

    @Test func aJSONAnswersFileWithEscapesIsRefusedToo() throws {
        let json = """
            {
              "answers": {
                "seen-alone": "good",
                "wishes": {"value": 1, "evidence": "Quoted\\u0000 in the assessment."},
                "visit-on-time": "yes",
                "assessment": "requires improvement"
              },
              "overall": 2
            }
            """
        let refused = try #require(rejection(json, name: "answers.json"))
        #expect(refused.problems.map { "\($0.line ?? 0) \($0.field ?? "-")" } == ["4 evidence"])
    }
}
