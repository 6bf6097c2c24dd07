import AssayCore
import AssayStore
import Foundation
import GRDB

extension Store {
    /// The audits `reportedAudits` returns for the months `from` through `through`, counted by
    /// month and by `grouping`'s fields, with how many were judged inadequate (the agreed
    /// grade of a moderated audit), drawn and imported alike.
    ///
    /// The drawn audits come from `audit_tally`, which SQLite keeps as audits are submitted,
    /// re-graded and moderated (migration `v20-monthly-tally`): ten years of a region's
    /// audits are a million rows but about 120,000 tallies (docs/performance.md, "The
    /// monthly tallies"). Imported history is a few thousand rows, counted as it is.
    public func rawCounts(from: Month, through: Month, grouping: ReportGrouping?) throws -> RawCounts {
        try read { db in
            let (cells, includesHistory) = try Self.rawCountCells(db, from: from, through: through, grouping: grouping)
            return RawCounts(grouping: grouping, cells: cells, includesHistory: includesHistory)
        }
    }

    private static func rawCountCells(_ db: Database, from: Month, through: Month,
                                      grouping: ReportGrouping?) throws -> (cells: [RawCounts.Cell], includesHistory: Bool) {
        // Column names come from `ReportGrouping.Field`, never from input. A tally without a
        // service has '' for it, which names no service, as NULL does (`group(columns:from:)`).
        let columns = (grouping?.fields ?? []).map { "\($0.rawValue)" }
        let selected = columns.map { ", " + $0 }.joined()
        let groupBy = (["month"] + columns).joined(separator: ", ")
        var cells: [RawCounts.Cell] = []
        var includesHistory = false
        var months: [String: Month] = [:]
        let rows = try Row.fetchCursor(db, sql: """
            SELECT 0, month\(selected), sum(audits), sum(inadequate) FROM audit_tally
            WHERE month BETWEEN ? AND ?
            GROUP BY \(groupBy)
            UNION ALL
            SELECT 1, month\(selected), count(*), sum(overall = 4) FROM imported_audit
            WHERE month BETWEEN ? AND ?
            GROUP BY \(groupBy)
            """, arguments: [from, through, from, through])
        while let row = try rows.next() {
            let monthText: String = row[1]
            guard let month = months[monthText] ?? Month(monthText) else { continue }
            months[monthText] = month
            let group = grouping?.group(columns: row, from: 2)
            cells.append(RawCounts.Cell(month: month, group: group, audited: row[2 + columns.count], inadequate: row[3 + columns.count]))
            if (row[0] as Int) == 1 { includesHistory = true }
        }
        return (cells, includesHistory)
    }
}
