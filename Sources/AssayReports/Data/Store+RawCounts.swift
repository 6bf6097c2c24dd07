import AssayCore
import AssayStore
import Foundation
import GRDB

extension Store {
    /// The audits `reportedAudits` returns for the months `from` through `through`, counted by
    /// SQLite by month and by `grouping`'s fields, with how many were judged inadequate (the
    /// agreed grade of a moderated audit), drawn and imported alike.
    ///
    /// Why in SQL: the direction of travel over ten years of a region's audits reads a
    /// million rows; folded here they reach Swift as a few thousand (docs/performance.md).
    public func rawCounts(from: Month, through: Month, grouping: ReportGrouping?) throws -> RawCounts {
        // Ranges of months are counted at once, a core each (`readInParts`: one state of
        // the database); a month's cells all come from one range.
        let ranges = Self.monthRanges(from: from, through: through, parts: ProcessInfo.processInfo.activeProcessorCount)
        let parts = try readInParts(ranges.count) { part, db in
            try Self.rawCountCells(db, from: ranges[part].from, through: ranges[part].through, grouping: grouping)
        }
        return RawCounts(grouping: grouping, cells: parts.flatMap(\.cells), includesHistory: parts.contains(where: \.includesHistory))
    }

    private static func rawCountCells(_ db: Database, from: Month, through: Month,
                                      grouping: ReportGrouping?) throws -> (cells: [RawCounts.Cell], includesHistory: Bool) {
        // Column names come from `ReportGrouping.Field`, never from input.
        let columns = (grouping?.fields ?? []).map { "\($0.rawValue)" }
        let selected = columns.map { ", " + $0 }.joined(), qualified = columns.map { ", a." + $0 }.joined()
        let groupBy = (["month"] + columns).joined(separator: ", ")
        var cells: [RawCounts.Cell] = []
        var includesHistory = false
        var months: [String: Month] = [:]
        // reportedAudits' audits: drawn ones, and imported history. An audit counts with its
        // official grade (`AuditRules.officialOverall`): the few moderated audits whose
        // official grade is inadequate and their auditor's not, or the other way round, come
        // as corrections (0 audits, ±1 inadequate) rather than joining the moderation table
        // to every audit (a fifth of the time at a million).
        let drawn = Self.reportedDrawnAudit
        let official = AuditRules.officialOverall(audit: "a", moderation: "m")
        let rows = try Row.fetchCursor(db, sql: """
            SELECT 0, a.month\(qualified), count(*), sum(a.overall = 4) FROM audit a
            WHERE \(drawn)
            GROUP BY \(groupBy)
            UNION ALL
            SELECT 1, month\(selected), count(*), sum(overall = 4) FROM imported_audit
            WHERE month BETWEEN ? AND ?
            GROUP BY \(groupBy)
            UNION ALL
            SELECT 2, a.month\(qualified), 0, (\(official) = 4) - (a.overall = 4)
            FROM moderation m JOIN audit a ON a.id = m.audit_id
            WHERE \(drawn) AND (\(official) = 4) != (a.overall = 4)
            """, arguments: [from, through, from, through,
                             from, through])
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
