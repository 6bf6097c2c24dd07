import AssayOutput
import Testing

/// Tables wider than the terminal (issue 18, item 7): never cut into ambiguity (two teams
/// both `Child Protect…`), but wrapped at word boundaries, or shown expanded when even that
/// cannot fit; `--expanded` and the shell's `expanded on|off|auto`.
@Suite struct TableFittingTests {
    let teams = Listing(
        columns: [Column("case_id"), Column("team"), Column("locality"), Column("audited"), Column("status")],
        rows: [
            [.text("CS102893"), .text("Child Protection North"), .text("Northmoor"), .int(12), .text("in progress")],
            [.text("CS220117"), .text("Child Protection South and West"), .text("Ashcombe Vale"), .int(7), .text("not started")],
        ])

    func table(_ listing: Listing, width: Int?, expanded: ExpandedMode = .off) -> [String] {
        TableFormat().render(listing, style: TerminalStyle(width: width, color: false, expanded: expanded))
            .split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
    }

    @Test func aTableThatFitsIsUnchanged() {
        let lines = table(teams, width: 200)
        #expect(lines.count == 4)
        #expect(lines[0] == "case id   team                             locality       audited  status")
        #expect(lines[2] == "CS102893  Child Protection North           Northmoor           12  in progress")
    }

    @Test func aNarrowTerminalWrapsTextAtWordsAndNeverCutsAValue() {
        let lines = table(teams, width: 56)
        #expect(lines.allSatisfy { $0.count <= 56 }, "\(lines)")
        #expect(!lines.joined().contains("…"))
        // Each team whole, wrapped under itself; numbers keep their column on the row's first
        // line; the first column is never wrapped, so a line starting blank continues the row above.
        #expect(lines == [
            "case id   team        locality      audited  status",
            "--------  ----------  ------------  -------  -----------",
            "CS102893  Child       Northmoor          12  in progress",
            "          Protection",
            "          North",
            "CS220117  Child       Ashcombe            7  not started",
            "          Protection  Vale",
            "          South and",
            "          West",
        ])
    }

    @Test func aHeaderWiderThanItsColumnWrapsToo() {
        let listing = Listing(columns: [Column("id"), Column("inclusion_probability"), Column("note")],
                              rows: [[.text("a"), .number(0.5, decimals: 2), .text("short words only here")]])
        let lines = table(listing, width: 30)
        #expect(lines.allSatisfy { $0.count <= 30 }, "\(lines)")
        #expect(!lines.joined().contains("…"))
    }

    @Test func aHyphenatedValueWrapsAfterItsHyphenAndNoWordIsBroken() {
        let listing = Listing(columns: [Column("case_id"), Column("service"), Column("locality"), Column("n")],
                              rows: [[.text("C1"), .text("disabled-children"), .text("Northmoor"), .int(3)]])
        // One line needs 7 + 2 + 17 + 2 + 9 + 2 + 1 = 40 columns; in 32, disabled-children wraps after its hyphen.
        let lines = table(listing, width: 32)
        #expect(lines == [
            "case id  service    locality   n",
            "-------  ---------  ---------  -",
            "C1       disabled-  Northmoor  3",
            "         children",
        ])
        // Narrower than its longest pieces allow: expanded, never a word broken or cut.
        #expect(table(listing, width: 28).first?.hasPrefix("-[ RECORD 1 ]") == true)
    }

    @Test func whenEvenWrappingCannotFitTheRowsAreExpanded() {
        let many = Listing(columns: (1...12).map { Column("column_\($0)") },
                           rows: [(1...12).map { .text("value number \($0)") }])
        let lines = table(many, width: 40)
        #expect(lines.first == "-[ RECORD 1 ]-------------")  // as wide as its widest line
        #expect(lines.contains("column 1   value number 1"))
        #expect(lines.contains("column 12  value number 12"))
        #expect(lines.allSatisfy { $0.count <= 40 })
    }

    @Test func expandedOnShowsEveryRowAsABlockOfFieldAndValue() {
        let lines = table(teams, width: 200, expanded: .on)
        #expect(lines == [
            "-[ RECORD 1 ]----------------------------",
            "case id   CS102893",
            "team      Child Protection North",
            "locality  Northmoor",
            "audited   12",
            "status    in progress",
            "-[ RECORD 2 ]----------------------------",
            "case id   CS220117",
            "team      Child Protection South and West",
            "locality  Ashcombe Vale",
            "audited   7",
            "status    not started",
        ])
        // Not a terminal (a file, a pipe): expanded all the same, with no width to fit.
        #expect(table(teams, width: nil, expanded: .on).first?.hasPrefix("-[ RECORD 1 ]") == true)
    }

    @Test func expandedAutoExpandsOnlyWhenARowWouldNotFitOnOneLine() {
        #expect(table(teams, width: 200, expanded: .auto).first?.hasPrefix("case id") == true)
        #expect(table(teams, width: 56, expanded: .auto).first?.hasPrefix("-[ RECORD 1 ]---") == true)
        #expect(table(teams, width: nil, expanded: .auto).first?.hasPrefix("case id") == true)
    }

    @Test func anExpandedValueWiderThanTheTerminalWrapsUnderItself() {
        let long = Listing(columns: [Column("id"), Column("evidence")],
                           rows: [[.int(1), .text("The assessment of 3 October analyses the risk from the father's history")]])
        let lines = table(long, width: 40, expanded: .on)
        #expect(lines.allSatisfy { $0.count <= 40 }, "\(lines)")
        #expect(lines[2].hasPrefix("evidence  The assessment"))
        #expect(lines[3].hasPrefix("          "))
    }

    @Test func wordWrapBreaksOnlyAtSpacesAndIndentsWhatContinues() {
        let wrapped = WordWrap.wrap("  Guidance: Read the assessment carefully and note the analysis of risk.", width: 30)
        #expect(wrapped == "  Guidance: Read the\n    assessment carefully and\n    note the analysis of risk.")
        // A two-column line continues under its second column.
        #expect(WordWrap.wrap("  e        evidence for this question, several lines", width: 32)
                == "  e        evidence for this\n           question, several\n           lines")
        // A word longer than the width is left whole, never cut.
        #expect(WordWrap.wrap("see https://example.org/a/very/long/address/indeed now", width: 20)
                == "see\n  https://example.org/a/very/long/address/indeed\n  now")
        #expect(WordWrap.wrap("short", width: nil) == "short")
    }
}
