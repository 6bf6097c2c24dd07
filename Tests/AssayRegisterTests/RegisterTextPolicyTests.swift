import AssayCore
@testable import AssayRegister
import AssayStore
import Foundation
import GRDB
import Testing

/// Issue 16: a register value holding a NUL was silently shortened (`Team\0A` stored as
/// `Team`, `CS2\0X` as `CS2`), and ESC or BEL were stored and printed raw. Every value is
/// checked with TextPolicy, and the file rejected with each problem's line and field.
@Suite struct RegisterTextPolicyTests {
    let dir = TemporaryDirectory()
    let store: Store
    let asOf = CalendarDate(year: 2026, month: 11, day: 1)!

    init() throws {
        store = try Store(path: dir.file("a.db"), identity: lead)
    }

    func rejection(_ bytes: [UInt8], keep: [String] = []) -> InputRejected? {
        var options = RegisterImportOptions(asOf: asOf)
        options.keep = keep
        do {
            _ = try RegisterImporter(store: store).importFile(dir.write("cases.csv", bytes), options: options)
            Issue.record("imported")
        } catch let error as InputRejected {
            return error
        } catch {
            Issue.record("not a rejection of the file: \(error)")
        }
        return nil
    }

    @Test func controlCharactersAndNULAreRefusedWithLineAndFieldAndNothingIsStored() throws {
        let text = "case_id,team,locality,service,worker,legal_status\n"
            + "C1,Team\u{0}A,North,front-door,Ann,S31\n"               // line 2: NUL in team
            + "CS2\u{0}X,Team B,North,front-door,Ann,S31\n"             // line 3: NUL in the case id
            + "C3,Team B,\u{1B}[2JNorth,front-door,Ann,S31\n"           // line 4: ESC in locality
            + "C4,Team B,North,front-door,Ann\u{7},S31\n"               // line 5: BEL in worker
            + "C5,Team B,North,front-door,Ann,\u{1B}]0;pwned\u{7}\n"    // line 6: ESC in a kept attribute
            + "C6,Team B,North,front-door,Ann,S20\n"                    // fine
            + "C7,Team B,North,\"front-\u{202E}door\",Ann,S20\n"        // line 8: a bidi override in the service
        let refused = try #require(rejection(Array(text.utf8), keep: ["legal_status"]))
        let found = refused.problems.map { "\($0.line ?? 0) \($0.field ?? "-")" }
        #expect(found == ["2 team", "3 case_id", "4 locality", "5 worker", "6 legal_status", "8 service"])
        #expect(refused.problems.allSatisfy { $0.file == "cases.csv" })
        #expect(refused.problems[0].reason == "holds a NUL byte, U+0000, at character 5; remove it (control characters are not stored)")
        #expect(refused.problems[2].reason.contains("an escape character (ESC), U+001B"))
        #expect(refused.problems[3].reason.contains("a bell (BEL), U+0007"))
        #expect(refused.problems[5].reason.contains("a bidirectional override, U+202E"))
        #expect(!refused.message.contains("\u{1B}") && !refused.message.contains("\u{0}") && !refused.message.contains("\u{7}"),
                "the refusal itself prints nothing raw")
        #expect(try store.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM frame_case") } == 0)
        #expect(try store.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM frame") } == 0)
    }

    @Test func aKeptColumnWhoseHeaderHoldsAControlCharacterIsRefused() throws {
        let text = "case_id,team,locality,\"legal\u{1B}[8mstatus\"\nC1,Team A,North,S31\n"
        let refused = try #require(rejection(Array(text.utf8), keep: ["legal\u{1B}[8mstatus"]))
        #expect(refused.problems.map(\.line) == [1])
        #expect(refused.problems.first?.field == "column 4")
        #expect(refused.problems.first?.reason.contains("an escape character (ESC)") == true)
    }

    @Test func aKeptAttributeMayBreakLinesAsFreeText() throws {
        let text = "case_id,team,locality,note\r\nC1,Team A,North,\"two\r\nlines\"\r\nC2,Team A,North,\"tab\there\"\r\n"
        var options = RegisterImportOptions(asOf: asOf)
        options.keep = ["note"]
        _ = try RegisterImporter(store: store).importFile(dir.write("notes.csv", text), options: options)
        let attributes = try store.read { try String.fetchAll($0, sql: "SELECT attributes FROM frame_case ORDER BY case_id") }
        #expect(attributes == [#"{"note":"two\nlines"}"#, #"{"note":"tab\there"}"#], "CRLF inside a quoted value read as a line feed")
    }

    @Test func aLineBreakOrTabInsideAQuotedValueIsRefusedButTrimmedBlanksAreNot() throws {
        let text = "case_id,team,locality\nC1,\"Team\nA\",North\nC2,Team\tB,North\n\"C3 \",\" Team C\t\",North\n"
        let refused = try #require(rejection(Array(text.utf8)))
        #expect(refused.problems.map { "\($0.line ?? 0) \($0.field ?? "-")" } == ["2 team", "4 team"])
        #expect(refused.problems[0].reason.contains("a line break"))
        #expect(refused.problems[1].reason.contains("a tab"))
    }
}
