import AssayCore
import AssayStore
import Foundation
import GRDB

extension Store {
    /// `report domains` over the months `from` through `through`: the same audits as
    /// `DomainsReport(audits: reportedAudits(…))` — submitted audits of drawn cases with
    /// their official domain grades (a moderated audit's agreed ones), and imported history.
    /// The drawn audits' grades come from `audit_domain_tally`, which SQLite keeps as audits
    /// are submitted and moderated (migration `v20-monthly-tally`): ten years of a region's
    /// audits are six million domain grades but a few hundred thousand tallies
    /// (docs/performance.md, "The monthly tallies"). A test checks this and
    /// `DomainsReport(audits:)` count alike. Kept while the database is unchanged
    /// (`Store.remembered`).
    public func domainsReport(from: Month, through: Month, grouping: ReportGrouping?) throws -> DomainsReport {
        try remembered("domainsReport \(from) \(through) \(grouping?.description ?? "-")") {
            try read { db in try Self.domainTallies(db, from: from, through: through, grouping: grouping) }
        }
    }

    private static func domainTallies(_ db: Database, from: Month, through: Month, grouping: ReportGrouping?) throws -> DomainsReport {
        // Column names come from `ReportGrouping.Field`, never from input. A tally without a
        // service has '' for it, which names no service, as NULL does.
        let columns = (grouping?.fields ?? []).map(\.rawValue)
        let selected = columns.map { "\($0), " }.joined(), importedColumns = columns.map { "i.\($0), " }.joined()
        let groupBy = (columns + ["section_id"]).joined(separator: ", ")
        let window: [any DatabaseValueConvertible] = [from, through]
        var tally = DomainTally()
        let rows = try Row.fetchCursor(db, sql: """
            SELECT \(selected)section_id, sum(audits), sum(requires_improvement), sum(inadequate) FROM audit_domain_tally
            WHERE month BETWEEN ? AND ?
            GROUP BY \(groupBy)
            UNION ALL
            SELECT \(importedColumns)d.section_id, count(*), sum(d.grade = 3), sum(d.grade = 4)
            FROM imported_audit i JOIN imported_domain_grade d ON d.imported_audit_id = i.id
            WHERE i.month BETWEEN ? AND ?
            GROUP BY \(groupBy)
            """, arguments: StatementArguments(window + window))
        while let row = try rows.next() {
            let count = DomainsReport.Count(audited: row[columns.count + 1], requiresImprovement: row[columns.count + 2],
                                            inadequate: row[columns.count + 3])
            tally.add(slot: tally.slot(of: grouping?.group(columns: row, from: 0)), domain: row[columns.count], count: count)
        }

        // How many audits count, and how many of them carry no domain grade: the drawn ones
        // (their tallies say how many have official domain grades), and the imported.
        let drawn = try Row.fetchOne(db, sql: "SELECT coalesce(sum(audits), 0), coalesce(sum(graded), 0) FROM audit_tally WHERE month BETWEEN ? AND ?",
                                     arguments: StatementArguments(window))!
        let history = try Row.fetchOne(db, sql: """
            SELECT count(*), sum(NOT EXISTS (SELECT 1 FROM imported_domain_grade d WHERE d.imported_audit_id = i.id))
            FROM imported_audit i WHERE i.month BETWEEN ? AND ?
            """, arguments: StatementArguments(window))!
        let drawnAudits: Int = drawn[0], graded: Int = drawn[1], imported: Int = history[0]
        return DomainsReport(counts: tally.counts, audits: drawnAudits + imported,
                             auditsWithoutDomainGrades: drawnAudits - graded + (history[1] as Int? ?? 0),
                             includesHistory: imported > 0, period: try ReportPeriod(from: from, to: through), grouping: grouping)
    }
}
