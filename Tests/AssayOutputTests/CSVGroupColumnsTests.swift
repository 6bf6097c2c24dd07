import AssayOutput
import Testing

/// A report's first row is usually the authority's, whose group is empty (`{}`): the CSV must
/// still give the groups' fields their own columns, not write "CP North / Northmoor" in one
/// cell because the first row had no keys (issue 17, tidy exports).
@Suite struct CSVGroupColumnsTests {
    @Test func anEmptyFirstGroupStillSpreadsTheOthersIntoColumns() {
        let listing = Listing(columns: [Column("group"), Column("n")], rows: [
            [.group([]), .int(9)],
            [.group([GroupField("team", .text("CP North")), GroupField("locality", .text("Northmoor"))]), .int(4)],
            [.group([GroupField("team", .text("Front Door")), GroupField("locality", .text("Eastbridge"))]), .int(5)],
        ])
        #expect(CSVFormat().render(listing, style: .plain) == "team,locality,n\n,,9\nCP North,Northmoor,4\nFront Door,Eastbridge,5\n")
    }
}
