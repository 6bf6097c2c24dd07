import AssayCore
import AssayStore
import Foundation
import GRDB

extension Store {
    /// `report domains` over the months `from` through `through`, counted by SQLite: the
    /// same audits as `DomainsReport(audits: reportedAudits(…))` — submitted audits of drawn
    /// cases with their domain grades (a moderated audit's agreed ones), and imported
    /// history — without reading six million domain grades into Swift (ten years of a
    /// region's audits). Ranges of months are counted at once (`readInParts`). A test checks
    /// SQLite and Swift count alike.
    public func domainsReport(from: Month, through: Month, grouping: ReportGrouping?) throws -> DomainsReport {
        let ranges = Self.monthRanges(from: from, through: through, parts: ProcessInfo.processInfo.activeProcessorCount)
        let parts = try readInParts(ranges.count) { part, db in
            try Self.domainTallies(db, from: ranges[part].from, through: ranges[part].through, grouping: grouping)
        }
        var counts: [ReportGroup: [String: DomainsReport.Count]] = [:]
        for part in parts {
            for (group, domains) in part.counts { counts[group, default: [:]].merge(domains) { $0 + $1 } }
        }
        return DomainsReport(counts: counts, audits: parts.reduce(0) { $0 + $1.audits },
                             auditsWithoutDomainGrades: parts.reduce(0) { $0 + $1.withoutGrades },
                             includesHistory: parts.contains(where: \.includesHistory),
                             period: try ReportPeriod(from: from, to: through), grouping: grouping)
    }

    private static func domainTallies(_ db: Database, from: Month, through: Month, grouping: ReportGrouping?) throws
        -> (counts: [ReportGroup: [String: DomainsReport.Count]], audits: Int, withoutGrades: Int, includesHistory: Bool) {
        // Column names come from `ReportGrouping.Field`, never from input.
        let columns = (grouping?.fields ?? []).map(\.rawValue)
        let drawnColumns = columns.map { "a.\($0), " }.joined(), importedColumns = columns.map { "i.\($0), " }.joined()
        let groupBy = (columns + ["section_id"]).joined(separator: ", ")
        // reportedAudits' audits (rawCounts says why the draw id stands for its join).
        let drawn = "a.status = 'submitted' AND a.unsampled = 0 AND a.reaudit = 0 AND a.overall IS NOT NULL AND a.draw_id IS NOT NULL AND a.month BETWEEN ? AND ?"
        let window: [any DatabaseValueConvertible] = [from.description, through.description]
        var counts: [ReportGroup: [String: DomainsReport.Count]] = [:]
        // Each audit's own grades unless it was moderated; a moderated audit's agreed grades.
        let rows = try Row.fetchCursor(db, sql: """
            SELECT \(drawnColumns)g.section_id, count(*), sum(g.grade = 3), sum(g.grade = 4)
            FROM audit a JOIN audit_section_grade g ON g.audit_id = a.id
            WHERE \(drawn) AND NOT EXISTS (SELECT 1 FROM moderation m WHERE m.audit_id = a.id)
            GROUP BY \(groupBy)
            UNION ALL
            SELECT \(drawnColumns)g.section_id, count(*), sum(g.agreed_grade = 3), sum(g.agreed_grade = 4)
            FROM moderation m JOIN audit a ON a.id = m.audit_id JOIN moderation_section_grade g ON g.moderation_id = m.id
            WHERE \(drawn) AND g.agreed_grade IS NOT NULL
            GROUP BY \(groupBy)
            UNION ALL
            SELECT \(importedColumns)d.section_id, count(*), sum(d.grade = 3), sum(d.grade = 4)
            FROM imported_audit i JOIN imported_domain_grade d ON d.imported_audit_id = i.id
            WHERE i.month BETWEEN ? AND ?
            GROUP BY \(groupBy)
            """, arguments: StatementArguments(window + window + window))
        while let row = try rows.next() {
            let domain: String = row[columns.count]
            let count = DomainsReport.Count(audited: row[columns.count + 1], requiresImprovement: row[columns.count + 2],
                                            inadequate: row[columns.count + 3])
            counts[.authority, default: [:]][domain, default: DomainsReport.Count()] += count
            if let group = grouping?.group(columns: row, from: 0) {
                counts[group, default: [:]][domain, default: DomainsReport.Count()] += count
            }
        }
        // How many audits count, and how many of them carry no domain grade.
        let totals = try Row.fetchOne(db, sql: """
            SELECT count(*), sum(NOT CASE WHEN m.id IS NULL
                THEN EXISTS (SELECT 1 FROM audit_section_grade g WHERE g.audit_id = a.id)
                ELSE EXISTS (SELECT 1 FROM moderation_section_grade g WHERE g.moderation_id = m.id AND g.agreed_grade IS NOT NULL) END)
            FROM audit a LEFT JOIN moderation m ON m.audit_id = a.id
            WHERE \(drawn)
            """, arguments: StatementArguments(window))!
        let history = try Row.fetchOne(db, sql: """
            SELECT count(*), sum(NOT EXISTS (SELECT 1 FROM imported_domain_grade d WHERE d.imported_audit_id = i.id))
            FROM imported_audit i WHERE i.month BETWEEN ? AND ?
            """, arguments: StatementArguments(window))!
        let imported: Int = history[0]
        return (counts, (totals[0] as Int) + imported, (totals[1] as Int? ?? 0) + (history[1] as Int? ?? 0), imported > 0)
    }
}
