import AssayOutput
import Foundation
import Testing

@Suite struct FormatTests {
    let listing = Listing(
        columns: [Column("team"), Column("cases"), Column("inadequate_rate"), Column("lead")],
        rows: [[.text("CP North"), .int(120), .number(0.125, decimals: 3), .null],
               [.text("Care, \"East\""), .int(7), .number(0.25, decimals: 3), .text("Ann")]])

    func render(_ name: OutputFormatName, _ l: Listing? = nil, style: TerminalStyle = .plain) -> String {
        name.format.render(l ?? listing, style: style)
    }

    @Test func jsonIsAnArrayOfObjectsWithSnakeCaseKeysAndNulls() throws {
        let json = render(.json)
        let parsed = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]]
        #expect(parsed?.count == 2)
        #expect(parsed?[0]["inadequate_rate"] as? Double == 0.125)
        #expect(parsed?[0]["lead"] is NSNull)
        #expect(parsed?[1]["team"] as? String == "Care, \"East\"")
        #expect(json.contains("\"inadequate_rate\": 0.125"))
    }

    @Test func aSingleRecordIsOneJSONObject() throws {
        let record = Listing(record: [(Column("database"), .text("a.db")), (Column("frames"), .int(2))])
        let parsed = try JSONSerialization.jsonObject(with: Data(render(.json, record).utf8)) as? [String: Any]
        #expect(parsed?["frames"] as? Int == 2)
    }

    @Test func anEmptyListingIsAnEmptyArray() {
        #expect(render(.json, Listing(columns: [Column("a")], rows: [])) == "[]\n")
    }

    @Test func csvQuotesOnlyWhatNeedsIt() {
        #expect(render(.csv) == "team,cases,inadequate_rate,lead\nCP North,120,0.125,\nCare,7,0.25,Ann\n".replacingOccurrences(of: "Care,7", with: "\"Care, \"\"East\"\"\",7"))
    }

    @Test func csvSpreadsAGroupIntoItsOwnColumns() {
        let grouped = Listing(columns: [Column("group"), Column("n")], rows: [
            [.group([GroupField("team", .text("A")), GroupField("locality", .text("North"))]), .int(3)],
        ])
        #expect(render(.csv, grouped) == "team,locality,n\nA,North,3\n")
        #expect(render(.json, grouped).contains(#"{"group": {"team": "A", "locality": "North"}, "n": 3}"#))
    }

    @Test func tablesAlignNumbersRightAndUnderlineTheHeader() {
        let lines = render(.table).split(separator: "\n").map(String.init)
        #expect(lines[0] == "team          cases  inadequate rate  lead")
        #expect(lines[1] == "------------  -----  ---------------  ----")
        #expect(lines[2] == "CP North        120            0.125")
        #expect(lines[3] == "Care, \"East\"      7            0.250  Ann")
    }

    @Test func tablesAlignByCharactersNotBytes() {
        // Accents, a combining mark and an emoji are one character each on screen; a row of
        // plain ASCII beside them lines up the same (the renderer counts ASCII as bytes).
        let names = Listing(columns: [Column("worker"), Column("cases")], rows: [
            [.text("Zoë Brontë"), .int(3)], [.text("Jose\u{301}"), .int(12)], [.text("Sam 🙂"), .int(1)], [.text("Al"), .int(100)],
        ])
        let lines = render(.table, names).split(separator: "\n").map(String.init)
        #expect(lines == ["worker      cases", "----------  -----", "Zoë Brontë      3", "Jose\u{301}           12",
                          "Sam 🙂           1", "Al            100"])
        #expect(lines.map(\.count).dropFirst(2).allSatisfy { $0 == lines[1].count })
    }

    @Test func tablesFitTheTerminalWithoutCuttingText() {
        // Before, the cell was cut to "xxx…"; now it is shown whole, wrapped (TableFittingTests).
        let wide = Listing(columns: [Column("n"), Column("note")], rows: [[.int(1), .text(String(repeating: "x", count: 100))]])
        let out = render(.table, wide, style: TerminalStyle(width: 40, color: false))
        #expect(out.split(separator: "\n").allSatisfy { $0.count <= 40 })
        #expect(!out.contains("…"))
        #expect(out.filter { $0 == "x" }.count == 100)
    }

    @Test func colourOnlyWhenAllowed() {
        #expect(!render(.table).contains("\u{1B}["))
        #expect(render(.table, style: TerminalStyle(width: 200, color: true)).contains("\u{1B}[1m"))
    }

    @Test func markdownEscapesPipesAndRightAlignsNumbers() {
        let l = Listing(columns: [Column("name"), Column("n")], rows: [[.text("a|b"), .int(2)]])
        #expect(render(.markdown, l) == "| name | n |\n| --- | ---: |\n| a\\|b | 2 |\n")
    }
}
