import AssayCore
import AssayStore
import Foundation
import GRDB

extension Store {
    /// `report domains` over the months `from` through `through`, tallied as SQLite reads
    /// the grades: the same audits as `DomainsReport(audits: reportedAudits(…))` — submitted
    /// audits of drawn cases with their domain grades (a moderated audit's agreed ones), and
    /// imported history — without holding six million domain grades in audits (ten years of
    /// a region's audits). Ranges of months are tallied at once (`readInParts`). A test
    /// checks this and `DomainsReport(audits:)` count alike.
    /// Kept while the database is unchanged (`Store.remembered`).
    public func domainsReport(from: Month, through: Month, grouping: ReportGrouping?) throws -> DomainsReport {
        try remembered("domainsReport \(from) \(through) \(grouping?.description ?? "-")") {
            try tallyDomains(from: from, through: through, grouping: grouping)
        }
    }

    private func tallyDomains(from: Month, through: Month, grouping: ReportGrouping?) throws -> DomainsReport {
        let ranges = Self.monthRanges(from: from, through: through, parts: ProcessInfo.processInfo.activeProcessorCount)
        let parts = try readInParts(ranges.count) { part, db in
            try Self.domainTallies(db, from: ranges[part].from, through: ranges[part].through, grouping: grouping)
        }
        var counts: [ReportGroup: [String: DomainsReport.Count]] = [:]
        for part in parts {
            for (group, domains) in part.tally.counts { counts[group, default: [:]].merge(domains) { $0 + $1 } }
        }
        return DomainsReport(counts: counts, audits: parts.reduce(0) { $0 + $1.audits },
                             auditsWithoutDomainGrades: parts.reduce(0) { $0 + $1.withoutGrades },
                             includesHistory: parts.contains(where: \.includesHistory),
                             period: try ReportPeriod(from: from, to: through), grouping: grouping)
    }

    /// One range of months' tallies, and how many audits count and carry no domain grade.
    private struct DomainPart: Sendable {
        var tally = DomainTally()
        var audits = 0, withoutGrades = 0
        var includesHistory = false
    }

    private static func domainTallies(_ db: Database, from: Month, through: Month, grouping: ReportGrouping?) throws -> DomainPart {
        // Column names come from `ReportGrouping.Field`, never from input.
        let columns = (grouping?.fields ?? []).map(\.rawValue)
        let drawnColumns = columns.map { "a.\($0), " }.joined(), importedColumns = columns.map { "i.\($0), " }.joined()
        let groupBy = (columns + ["section_id"]).joined(separator: ", ")
        let drawn = Self.reportedDrawnAudit
        let window: [any DatabaseValueConvertible] = [from, through]
        var part = DomainPart()

        // The drawn audits' own grades (all but the moderated audits'): over ten years of a
        // region's audits, six million rows. Tallied here as they come, each audit's group
        // worked out once for its run of rows: SQLite's GROUP BY would sort them first, which
        // was four fifths of its time (docs/performance.md).
        let grades = try Row.fetchCursor(db, sql: """
            SELECT a.id, \(drawnColumns)g.section_id, g.grade
            FROM audit a JOIN audit_section_grade g ON g.audit_id = a.id
            WHERE \(drawn) AND \(AuditRules.firstDomainGradesStand(audit: "a"))
            """, arguments: StatementArguments(window))
        var lastAudit: Int64?, slot = 0, gradedAudits = 0
        while let row = try grades.next() {
            let audit: Int64 = row[0]
            if audit != lastAudit {
                lastAudit = audit
                gradedAudits += 1
                slot = part.tally.slot(of: grouping?.group(columns: row, from: 1))
            }
            guard let grade = Grade(rawValue: row[2 + columns.count]) else { continue }
            part.tally.add(slot: slot, domain: row[1 + columns.count], grade: grade)
        }

        // Moderated audits' agreed grades, and imported history: thousands of rows, which
        // SQLite groups.
        let official = AuditRules.officialDomainGrade("g")
        let rows = try Row.fetchCursor(db, sql: """
            SELECT \(drawnColumns)g.section_id, count(*), sum(\(official) = 3), sum(\(official) = 4)
            FROM moderation m JOIN audit a ON a.id = m.audit_id JOIN moderation_section_grade g ON g.moderation_id = m.id
            WHERE \(drawn) AND \(official) IS NOT NULL
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
            part.tally.add(slot: part.tally.slot(of: grouping?.group(columns: row, from: 0)), domain: row[columns.count], count: count)
        }

        // How many audits count, and how many of them carry no domain grade: the drawn ones
        // less those graded above (a moderated audit by its agreed grades), and the imported.
        let drawnAudits = try Int.fetchOne(db, sql: "SELECT count(*) FROM audit a WHERE \(drawn)", arguments: StatementArguments(window)) ?? 0
        let gradedModerated = try Int.fetchOne(db, sql: """
            SELECT count(*) FROM moderation m JOIN audit a ON a.id = m.audit_id
            WHERE \(drawn) AND EXISTS (SELECT 1 FROM moderation_section_grade g WHERE g.moderation_id = m.id AND \(official) IS NOT NULL)
            """, arguments: StatementArguments(window)) ?? 0
        let history = try Row.fetchOne(db, sql: """
            SELECT count(*), sum(NOT EXISTS (SELECT 1 FROM imported_domain_grade d WHERE d.imported_audit_id = i.id))
            FROM imported_audit i WHERE i.month BETWEEN ? AND ?
            """, arguments: StatementArguments(window))!
        let imported: Int = history[0]
        part.audits = drawnAudits + imported
        part.withoutGrades = drawnAudits - gradedAudits - gradedModerated + (history[1] as Int? ?? 0)
        part.includesHistory = imported > 0
        return part
    }
}
