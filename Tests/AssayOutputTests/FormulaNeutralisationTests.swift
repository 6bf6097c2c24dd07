import AssayOutput
import Foundation
import Testing

/// What the formats write for hostile stored text: formulas a spreadsheet would run (CSV),
/// markup (Markdown) and terminal control characters (table, Markdown, JSON).
@Suite struct FormulaNeutralisationTests {
    func render(_ name: OutputFormatName, _ listing: Listing, neutralising: Bool = true) -> String {
        name.format(neutralisingFormulas: neutralising).render(listing, style: .plain)
    }

    func one(_ cell: Cell) -> Listing { Listing(columns: [Column("v")], rows: [[cell]]) }

    /// The CSV's one data line.
    func csvField(_ cell: Cell, neutralising: Bool = true) -> String {
        let lines = render(.csv, one(cell), neutralising: neutralising).split(separator: "\n", omittingEmptySubsequences: false)
        return String(lines[1])
    }

    @Test func aFormulaInATextCellGetsAnApostrophe() {
        #expect(csvField(.text(#"=HYPERLINK("http://x","y")"#)) == #"'=HYPERLINK(""http://x"",""y"")"#.quotedCSV)
        for start in ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "'quoted"] {
            let field = csvField(.text(start))
            #expect(field.hasPrefix("'") || field.hasPrefix("\"'"), "\(start.debugDescription) -> \(field.debugDescription)")
        }
    }

    @Test func ordinaryTextIsUnchanged() {
        for text in ["CP North", "a=b", "x-y", "e@mail", " =leading space", ""] {
            #expect(csvField(.text(text)) == text)
        }
    }

    @Test func numbersStayNumbers() {
        #expect(csvField(.number(-0.5, decimals: 2)) == "-0.5")
        #expect(csvField(.int(-3)) == "-3")
        #expect(csvField(.bool(false)) == "false")
        #expect(csvField(.null) == "")
    }

    @Test func groupsAndListsAreText() {
        let grouped = Listing(columns: [Column("group"), Column("n")], rows: [
            [.group([GroupField("team", .text("=cmd")), GroupField("score", .number(-1, decimals: 0))]), .int(-2)],
        ])
        #expect(render(.csv, grouped) == "team,score,n\n'=cmd,-1,-2\n")
        #expect(csvField(.list([.text("-a"), .text("b")])) == "'-a; b")
    }

    @Test func rawCSVWritesCellsExactlyAsStored() {
        #expect(csvField(.text("=HYPERLINK(1)"), neutralising: false) == "=HYPERLINK(1)")
        #expect(csvField(.text("'quoted"), neutralising: false) == "'quoted")
        #expect(OutputFormatName.csv.format.render(one(.text("=1")), style: .plain) == "v\n'=1\n", "neutralised by default")
    }

    /// A reader removes one leading apostrophe from any text field that has one, and gets the
    /// stored value back, whatever it was.
    @Test func theApostropheIsReversible() {
        for stored in ["=1", "'=1", "''", "'", "-", "plain", "@x", "\t", "+44 1234"] {
            var field = csvField(.text(stored))
            if field.hasPrefix("\"") { field = String(field.dropFirst().dropLast()).replacingOccurrences(of: "\"\"", with: "\"") }
            if field.hasPrefix("'") { field.removeFirst() }
            #expect(field == stored)
        }
    }

    @Test func aFieldWithACRLFIsQuoted() {
        #expect(csvField(.text("a\r\nb")) == "\"a\r\nb\"")
    }

    @Test func markdownEscapesHTML() {
        let out = render(.markdown, one(.text("<script>alert('x')</script> & a|b")))
        #expect(out.contains("| &lt;script&gt;alert('x')&lt;/script&gt; &amp; a\\|b |"), "\(out)")
        #expect(!out.contains("<script>"))
    }

    @Test func theTableShowsControlCharactersVisibly() {
        let hostile = one(.text("x\u{1B}]0;owned\u{07}\u{1B}[2Jy\u{202E}z"))
        for format in [OutputFormatName.table, .markdown] {
            let out = render(format, hostile)
            #expect(!out.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" }, "\(format): \(out.debugDescription)")
            #expect(out.contains(#"x\u{1B}]0;owned\u{7}\u{1B}[2Jy\u{202E}z"#), "\(format): \(out)")
        }
        let record = Listing(record: [(Column("name"), .text("a\u{1B}[31mb\nc"))])
        let out = render(.table, record)
        #expect(out == #"name  a\u{1B}[31mb\u{A}c"# + "\n")
    }

    @Test func theTableKeepsItsOwnColour() {
        let out = TableFormat().render(one(.text("a\u{1B}b")), style: TerminalStyle(width: 80, color: true))
        #expect(out.hasPrefix("\u{1B}[1mv"))
        #expect(out.contains(#"a\u{1B}b"#))
    }

    @Test func jsonEscapesEveryControlCharacter() throws {
        let stored = "a\u{1B}b\u{07}\u{9B}c\u{202E}d\u{7F}"
        let out = render(.json, one(.text(stored)))
        #expect(!out.unicodeScalars.contains { TextPolicyProbe.isControl($0) }, "\(out.debugDescription)")
        let parsed = try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [[String: Any]]
        #expect(parsed?.first?["v"] as? String == stored, "the same string to a JSON reader")
    }
}

private enum TextPolicyProbe {
    static func isControl(_ s: Unicode.Scalar) -> Bool {
        (s.value < 0x20 && s != "\n") || (0x7F...0x9F).contains(s.value) || (0x202A...0x202E).contains(s.value)
    }
}

private extension String {
    /// Wrapped in quotes, as CSV quotes a field holding a quote or comma.
    var quotedCSV: String { "\"" + self + "\"" }
}
