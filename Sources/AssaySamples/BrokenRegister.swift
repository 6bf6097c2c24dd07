import AssayCore

/// A small register that is wrong on purpose, for the import's error path: one row for each
/// way an export goes wrong, between rows that are fine, so an importer must keep reading
/// after a bad row and report every problem with the line a person would open the file at.
///
/// Returned as bytes because one field is not valid UTF-8. Line numbers are the physical
/// lines of the file where a record starts (the header is line 1); one clean row has a
/// quoted worker spanning two lines, so every line after it is one further down than its
/// record number would suggest.
public enum BrokenRegister {
    /// The date the broken register describes: dates after it are a defect.
    public static let asOf = CalendarDate(year: 2026, month: 11, day: 1)!

    /// One deliberate mistake: where it is, in which of Assay's register fields, and what it is.
    public struct Defect: Sendable, Equatable, CustomStringConvertible {
        public enum Kind: String, Sendable, CaseIterable {
            case missingRequiredField = "missing required field"
            case duplicateCaseID = "duplicate case id"
            case unparsableDate = "unparsable date"
            case monthFirstDate = "American month-first date"
            case unknownService = "unknown service"
            case wrongFieldCount = "wrong number of fields"
            case invalidUTF8 = "invalid UTF-8"
            case openedAfterAsOf = "opened after the as-of date"
        }

        public let line: Int
        /// Assay's field name (`case_id`, `team`, `locality`, `service`, `opened`), or nil when
        /// the whole row is wrong.
        public let field: String?
        public let kind: Kind
        public let detail: String

        /// `line 4: field "team": missing required field (Team is empty)`.
        public var description: String {
            "line \(line): " + (field.map { "field \"\($0)\": " } ?? "") + kind.rawValue + " (\(detail))"
        }
    }

    /// The file's bytes, header first, LF line ends.
    public static func bytes() -> [UInt8] { laidOut.bytes }

    /// Every deliberate mistake, in line order: each is on a row of its own, and each row
    /// holds exactly one, so an importer should report exactly these.
    public static var defects: [Defect] { laidOut.defects }

    /// The lines where a record that is fine in every way starts.
    public static var cleanLines: [Int] { laidOut.cleanLines }

    private static let laidOut: (bytes: [UInt8], defects: [Defect], cleanLines: [Int]) = {
        var bytes: [UInt8] = []
        CSVLine.append(OpenCase.header, to: &bytes)
        var line = 2
        var defects: [Defect] = []
        var cleanLines: [Int] = []
        for row in rows {
            CSVLine.append(rawFields: row.fields, to: &bytes)
            if let defect = row.defect {
                defects.append(Defect(line: line, field: defect.1, kind: defect.0, detail: defect.2))
            } else {
                cleanLines.append(line)
            }
            line += 1 + row.fields.reduce(0) { $0 + $1.filter { $0 == CSVLine.lineFeed }.count }
        }
        return (bytes, defects, cleanLines)
    }()

    private struct Row {
        let fields: [[UInt8]]
        let defect: (Defect.Kind, String?, String)?

        static func clean(_ fields: String...) -> Row {
            Row(fields: fields.map { Array($0.utf8) }, defect: nil)
        }

        static func broken(_ kind: Defect.Kind, _ field: String?, _ detail: String, _ fields: String...) -> Row {
            Row(fields: fields.map { Array($0.utf8) }, defect: (kind, field, detail))
        }
    }

    /// Bytes 0xC3 0x28: a UTF-8 lead byte followed by "(", which is not a continuation byte.
    private static let invalidUTF8Team = Array("Assessment East ".utf8) + [0xC3, 0x28]

    private static let rows: [Row] = [
        .clean("CS204518", "Assessment North", "Northmoor", "Assessment", "Priya Hollis", "14/10/2026",
               "N1 Abuse or neglect", ""),
        .clean("CS311907", "Children and Families East", "Eastbridge", "Child in need", "Tomasz Fenwick", "2025-06-03",
               "N4 Family in acute stress", ""),
        .broken(.missingRequiredField, "team", "Team is empty",
                "CS458210", "", "Wrenfield", "Child protection", "Gwen Lowther", "02/09/2026", "N1 Abuse or neglect", ""),
        .clean("CS720331", "Children in Care North", "Northmoor", "Child in care", "Isla Carrow", "17/03/2019",
               "N1 Abuse or neglect", "C2"),
        .broken(.unparsableDate, "opened", "31/02/2025: there is no 31 February",
                "CS139642", "Child Protection South", "Harrowdene", "Child protection", "Dev Orchard", "31/02/2025",
                "N1 Abuse or neglect", ""),
        .clean("CS602214", "Early Help Hub", "Eastbridge", "Early help", "Wren Yardley", "21/07/2026",
               "N9 Cases other than children in need", ""),
        .clean("CS845073", "Care Leavers (18+)", "Ashcombe Vale", "Care leaver", "Jude Saltash", "2022-11-30",
               "N8 Absent parenting", ""),
        .broken(.unknownService, "service", "\"Youth Justice\" is not one of Assay's services",
                "CS377120", "Children and Families North", "Northmoor", "Youth Justice", "Kasia Pennock", "05/05/2026",
                "N6 Socially unacceptable behaviour", ""),
        .clean("CS918254", "Disabled Children's Team", "Ashcombe Vale", "Disabled children", "Hamza Birchall",
               "12/01/2021", "N2 Child's disability", ""),
        .broken(.monthFirstDate, "opened", "11/25/2024 is month first; there is no month 25",
                "CS264409", "Children and Families South and West", "Harrowdene", "Child in need", "Amara Dunmore",
                "11/25/2024", "N5 Family dysfunction", ""),
        .clean("CS553187", "Children in Care, Permanence", "Harrowdene", "child-in-care", "Sol Ingleby", "08/08/2017",
               "N1 Abuse or neglect", "E1"),
        .broken(.wrongFieldCount, nil, "7 fields where the header has 8: no Legal Status",
                "CS490016", "Assessment North", "Wrenfield", "Assessment", "Zara Farrant", "27/10/2026",
                "N5 Family dysfunction"),
        .clean("CS671935", "Child Protection North", "Northmoor", "CHILD_PROTECTION", "Femi Garside", "2026-04-14",
               "N1 Abuse or neglect", ""),
        .broken(.duplicateCaseID, "case_id", "CS602214 is also on line 7",
                "CS602214", "Children and Families South and West", "Sallow Marsh", "Child in need", "Una Varley",
                "19/02/2026", "N4 Family in acute stress", ""),
        // Unallocated (no worker) and no primary need yet: both allowed.
        .clean("CS105772", "Front Door (MASH)", "Wrenfield", "Front door", "", "29/10/2026", "", ""),
        Row(fields: [Array("CS806641".utf8), invalidUTF8Team] + ["Eastbridge", "Assessment", "Elif Kettering",
                                                                   "20/10/2026", "N4 Family in acute stress", ""].map { Array($0.utf8) },
            defect: (.invalidUTF8, "team", "bytes 0xC3 0x28 are not UTF-8")),
        // A quoted worker over two lines: fine, and the next record starts two lines down.
        .clean("CS382290", "Children and Families North", "Wrenfield", "Child in need", "Bea Marchbank\n(covering)",
               "03/12/2025", "N3 Parental illness or disability", ""),
        .clean("CS950418", "Children in Care North", "Eastbridge", "Child in care", "Lorne Netherby", "2024-08-19",
               "N1 Abuse or neglect", "C1"),
        .broken(.unparsableDate, "opened", "2025-13-01: there is no month 13",
                "CS227063", "Early Help Outreach", "Sallow Marsh", "Early help", "Ade Colley", "2025-13-01",
                "N9 Cases other than children in need", ""),
        .clean("CS734815", "Assessment South and West", "Ashcombe Vale", "assessment", "Oren Thistlewood", "23/10/2026",
               "N5 Family dysfunction", ""),
        .broken(.openedAfterAsOf, "opened", "15/11/2026 is after the as-of date 2026-11-01",
                "CS461179", "Children and Families East", "Eastbridge", "Child in need", "Tomasz Fenwick", "15/11/2026",
                "N4 Family in acute stress", ""),
        .clean("CS817306", "Child Protection South", "Sallow Marsh", "Child protection", "Niamh Whitcombe", "06/06/2026",
               "N1 Abuse or neglect", ""),
        // Fine in every way, though it tests the edges: opened on the as-of date itself, a
        // service spelled as a code, a worker whose name holds quotes.
        .clean("CS590043", "Children and Families East", "Eastbridge", "child-protection", "Robin \"Bobbie\" Ashdown",
               "01/11/2026", "N1 Abuse or neglect", ""),
        .broken(.missingRequiredField, "locality", "Locality is only spaces",
                "CS148820", "Child Protection North", "   ", "Child protection", "Callum Jessop", "10/10/2026",
                "N1 Abuse or neglect", ""),
        .clean("CS663501", "Care Leavers (18+)", "Northmoor", "CARE_LEAVER", "Quillfeather, Sam (agency)", "2020-09-01",
               "N1 Abuse or neglect", ""),
        // One-digit day and month are valid UK dates.
        .clean("CS402958", "Disabled Children's Team", "Northmoor", "Disabled children", "Cerys Eastwood", "1/4/2023",
               "N2 Child's disability", ""),
        .clean("CS279114", "Children in Care, Permanence", "Ashcombe Vale", "Child in care", "Maya Rookwood", "2014-02-11",
               "N8 Absent parenting", "S20"),
        .clean("CS588620", "Early Help Hub", "Northmoor", "Early help", "Vik Underhill", "30/09/2026", "", ""),
        .clean("CS731047", "Front Door (MASH)", "Northmoor", "Front door", "Rhiannon Quarry", "31/10/2026", "", ""),
    ]
}
