import AssayCore
import AssayStore
import GRDB

extension Store {
    /// The audits `reportedAudits` returns for the months `from` through `through`, counted by
    /// SQLite by month, by `grouping`'s fields and by whether they were judged inadequate
    /// (the agreed grade of a moderated audit), drawn and imported alike.
    ///
    /// Why in SQL: the direction of travel over ten years of a region's audits reads a
    /// million rows; folded here they reach Swift as a few thousand (docs/performance.md).
    public func rawCounts(from: Month, through: Month, grouping: ReportGrouping?) throws -> RawCounts {
        // Column names come from `ReportGrouping.Field`, never from input.
        let columns = (grouping?.fields ?? []).map { "\($0.rawValue)" }
        let selected = columns.map { ", " + $0 }.joined()
        let groupBy = (["month"] + columns + ["inadequate"]).joined(separator: ", ")
        return try read { db in
            var cells: [RawCounts.Cell] = []
            var includesHistory = false
            var months: [String: Month] = [:]
            // The conditions are reportedAudits' own: submitted audits of drawn cases (the
            // join keeps only audits whose case is in their draw), no ad-hoc audits or
            // re-audits, a moderated audit with its agreed grade.
            let rows = try Row.fetchCursor(db, sql: """
                SELECT 0 AS imported, month\(selected), inadequate, count(*) FROM (
                    SELECT a.month\(columns.map { ", a." + $0 }.joined()), coalesce(m.agreed_overall, a.overall) = 4 AS inadequate
                    FROM audit a
                    LEFT JOIN moderation m ON m.audit_id = a.id
                    JOIN draw_case c ON c.draw_id = a.draw_id AND c.case_id = a.case_id
                    WHERE a.status = 'submitted' AND a.unsampled = 0 AND a.reaudit = 0 AND a.overall IS NOT NULL
                      AND a.month BETWEEN ? AND ?)
                GROUP BY \(groupBy)
                UNION ALL
                SELECT 1, month\(selected), overall = 4 AS inadequate, count(*) FROM imported_audit
                WHERE month BETWEEN ? AND ?
                GROUP BY \(groupBy)
                """, arguments: [from.description, through.description, from.description, through.description])
            while let row = try rows.next() {
                let monthText: String = row[1]
                guard let month = months[monthText] ?? Month(monthText) else { continue }
                months[monthText] = month
                var group: ReportGroup? = nil
                if let grouping {
                    var values: [ReportGroup.Value] = []
                    for (i, field) in grouping.fields.enumerated() {
                        let text: String? = row[2 + i]
                        // As `ReportGrouping.group(of:)`: an audit without a (known) service
                        // is in no service group.
                        if field == .service {
                            guard let code = text.flatMap(Service.init(rawValue:))?.code else { values = []; break }
                            values.append(.init(field: field.rawValue, value: code))
                        } else {
                            values.append(.init(field: field.rawValue, value: text ?? ""))
                        }
                    }
                    group = values.count == grouping.fields.count ? ReportGroup(values: values) : nil
                }
                let count: Int = row[3 + columns.count]
                let inadequate: Bool = row[2 + columns.count]
                cells.append(RawCounts.Cell(month: month, group: group, audited: count, inadequate: inadequate ? count : 0))
                if (row[0] as Int) == 1 { includesHistory = true }
            }
            return RawCounts(grouping: grouping, cells: cells, includesHistory: includesHistory)
        }
    }
}
