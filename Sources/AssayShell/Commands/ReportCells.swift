import AssayOutput
import AssayReports

/// Cells, columns and notes the reports share.
enum ReportCells {
    /// `{"team": "CP North"}` (`{}` for the authority) for programs; "CP North" or
    /// "Authority" for people.
    static func group(_ group: ReportGroup, forPeople: Bool) -> Cell {
        forPeople ? .text(group.description) : .group(group.values.map { GroupField($0.field, .text($0.value)) })
    }

    /// The columns that name a row's group in a report's CSV (docs/json.md, "Reports in
    /// CSV"): `level` (`authority`, or the grouping as `--by` spells it), `group` (the name
    /// a person reads: "Authority" on the authority's row, "CP North / Northmoor" on a team
    /// and locality's), then one column per field of the grouping, empty on the authority's
    /// row. One value a cell, so a spreadsheet can filter on the level and pivot on the name.
    static func tidyGroupColumns(_ grouping: ReportGrouping?) -> [Column] {
        [Column("level"), Column("group")] + (grouping?.fields ?? []).map { Column($0.rawValue) }
    }

    /// A row's cells under `tidyGroupColumns(grouping)`.
    static func tidyGroupCells(_ group: ReportGroup, _ grouping: ReportGrouping?) -> [Cell] {
        let values = Dictionary(group.values.map { ($0.field, $0.value) }, uniquingKeysWith: { a, _ in a })
        return [.text(group.isAuthority ? "authority" : grouping?.description ?? "group"), .text(group.description)]
            + (grouping?.fields ?? []).map { Cell.optional(values[$0.rawValue]) }
    }

    /// A fraction as people read it in a table: a whole percentage ("7%", "<1%"); empty when
    /// missing. JSON and CSV write the fraction itself.
    static func percent(_ value: Double?) -> Cell { value.map { .text(ShareText.percent($0)) } ?? .null }

    /// p to four places for people, "<0.0001" below that (never a misleading 0.0000).
    static func pValue(_ p: Double?) -> Cell {
        guard let p else { return .null }
        return p < 0.0001 ? .text("<0.0001") : .number(p, decimals: 4)
    }

    static func footnotes(_ notes: [String]) -> String {
        "\n" + notes.map { "  · \($0)\n" }.joined()
    }
}
