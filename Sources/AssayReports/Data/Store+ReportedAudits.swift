import AssayAudits
import AssayCore
import AssayStore
import Foundation
import GRDB

extension Store {
    /// The audits reports count in the months `from` through `through` (both included):
    /// submitted audits of drawn cases, with their draw's stratum and its population, and
    /// imported past audits. Ad-hoc audits, re-audits and audits still in progress are left out. A
    /// moderated audit counts with its agreed overall and domain grades (docs/moderation.md).
    ///
    /// `domainGrades`: whether each audit carries its domain grades. Reports that tally
    /// domains take them from `domainsReport` and the rest never look at them, so they pass
    /// false: over ten years of a region's audits they are six million rows, half the reading.
    ///
    /// Kept while the database is unchanged (`Store.remembered`): a session paging through
    /// teams reads the window once. Up to 200,000 audits (about 20 MB) are kept.
    public func reportedAudits(from: Month, through: Month, domainGrades: Bool) throws -> [ReportedAudit] {
        try remembered("reportedAudits \(from) \(through) \(domainGrades)", keepIf: { $0.count <= 200_000 }) {
            try readReportedAudits(from: from, through: through, domainGrades: domainGrades)
        }
    }

    private func readReportedAudits(from: Month, through: Month, domainGrades: Bool) throws -> [ReportedAudit] {
        // Months apart are read at once, one range of months a core (ten years of a region's
        // audits are a million rows and six million domain grades); `readInParts` makes
        // sure the parts read one state of the database. In month order, as one read.
        let ranges = Self.monthRanges(from: from, through: through, parts: ProcessInfo.processInfo.activeProcessorCount)
        var parts = try readInParts(ranges.count) { part, db in
            try Self.drawnAudits(db, from: ranges[part].from, through: ranges[part].through, domainGrades: domainGrades)
        }
        // Joined part by part, each freed once copied: a million audits are 100 MB a copy.
        var drawn: [ReportedAudit] = []
        drawn.reserveCapacity(parts.reduce(0) { $0 + $1.count })
        for i in parts.indices {
            drawn.append(contentsOf: parts[i])
            parts[i] = []
        }
        let imported = try pastAudits(from: from, through: through).map {
            ReportedAudit(month: $0.month, team: $0.team, locality: $0.locality, service: $0.service, overall: $0.overall,
                          origin: .imported, domainGrades: domainGrades ? $0.domainGrades : [:])
        }
        if imported.isEmpty { return drawn }
        // Both lists run in month order (each is read so), so a merge gives what a stable
        // sort of `imported + drawn` gives, imported history first within a month, without
        // sorting a million audits.
        var merged: [ReportedAudit] = []
        merged.reserveCapacity(imported.count + drawn.count)
        var i = imported.startIndex, d = drawn.startIndex
        while i < imported.endIndex || d < drawn.endIndex {
            if d == drawn.endIndex || (i < imported.endIndex && !(drawn[d].month < imported[i].month)) {
                merged.append(imported[i])
                i += 1
            } else {
                merged.append(drawn[d])
                d += 1
            }
        }
        return merged
    }

    /// `from` through `through` cut into at most `parts` consecutive ranges of months.
    static func monthRanges(from: Month, through: Month, parts: Int) -> [(from: Month, through: Month)] {
        guard from <= through else { return [(from, through)] }
        var months = 1
        while from.adding(months: months) <= through { months += 1 }
        let n = max(1, min(parts, months))
        let step = (months + n - 1) / n
        return stride(from: 0, to: months, by: step).map { start in
            (from.adding(months: start), from.adding(months: min(start + step, months) - 1))
        }
    }

    /// The drawn audits `reportedAudits` returns, as a condition on `audit a` with the first
    /// and last month as its two parameters, for reports that count them in SQL
    /// (`rawCounts`, `domainsReport`): `AuditRules.countedInMonths`. An audit's case is always
    /// in its draw, so the draw id stands for the join to `draw_case`.
    static let reportedDrawnAudit = AuditRules.countedInMonths("a")

    /// The drawn audits reports count in the months `from` through `through`, with their
    /// strata and domain grades.
    private static func drawnAudits(_ db: Database, from: Month, through: Month, domainGrades: Bool) throws -> [ReportedAudit] {
        var grades: [Int64: [String: Grade]] = [:]
        if domainGrades { try readDomainGrades(db, from: from, through: through, into: &grades) }
        // The window's moderated audits and its draws' strata are a few thousand rows, looked
        // up here rather than joined to each of a million audits (two index searches an
        // audit). An audit counts with its official grade (`AuditRules.officialOverall`):
        // looked up here for the moderated ones; an audit never moderated has its own.
        var officialOverall: [Int64: Int] = [:]
        let moderated = try Row.fetchCursor(db, sql: """
            SELECT m.audit_id, \(AuditRules.officialOverall(audit: "a", moderation: "m")) FROM moderation m JOIN audit a ON a.id = m.audit_id
            WHERE a.month BETWEEN ? AND ?
            """, arguments: [from, through])
        while let row = try moderated.next() { if let grade: Int = row[1] { officialOverall[row[0]] = grade } }
        struct StratumKey: Hashable { let draw: Int64, position: Int }
        var population: [StratumKey: Int] = [:]
        let strata = try Row.fetchCursor(db, sql: """
            SELECT s.draw_id, s.position, s.population FROM draw_stratum s
            WHERE s.draw_id IN (SELECT DISTINCT a.draw_id FROM audit a WHERE \(reportedDrawnAudit))
            """, arguments: [from, through])
        while let row = try strata.next() { population[StratumKey(draw: row[0], position: row[1])] = row[2] }
        // Rows come month by month and stratum by stratum: the last month and stratum are
        // tried before a table, and the tables are skipped when empty (a team page reads
        // twelve months of every team's audits, and these lookups were much of it).
        var lastMonth: (text: String, month: Month)?
        var lastStratum: (key: StratumKey, size: Int)?
        var audits: [ReportedAudit] = []
        let rows = try Row.fetchCursor(db, sql: """
            SELECT a.id, a.month, a.team, a.locality, a.service, a.overall, a.draw_id, c.stratum_position
            FROM audit a
            JOIN draw_case c ON c.draw_id = a.draw_id AND c.case_id = a.case_id
            WHERE \(reportedDrawnAudit)
            ORDER BY a.month, a.draw_id, c.stratum_position, a.case_id
            """, arguments: [from, through])
        while let row = try rows.next() {
            let monthText: String = row[1]
            let month: Month
            if let lastMonth, lastMonth.text == monthText {
                month = lastMonth.month
            } else {
                guard let parsed = Month(monthText) else { continue }
                month = parsed
                lastMonth = (monthText, parsed)
            }
            let id: Int64 = row[0]
            let key = StratumKey(draw: row[6], position: row[7])
            let size: Int
            if let lastStratum, lastStratum.key == key {
                size = lastStratum.size
            } else {
                guard let known = population[key] else { continue }
                size = known
                lastStratum = (key, known)
            }
            guard let overall = Grade(rawValue: (officialOverall.isEmpty ? nil : officialOverall[id]) ?? row[5]) else { continue }
            audits.append(ReportedAudit(month: month, team: row[2], locality: row[3],
                                        service: (row[4] as String?).flatMap(Service.init(rawValue:)), overall: overall,
                                        origin: .drawn(drawID: key.draw, position: key.position, population: size),
                                        domainGrades: grades.isEmpty ? [:] : grades[id] ?? [:]))
        }
        return audits
    }

    /// Each audit's domain grades (a moderated audit's agreed ones), by audit id. Reports
    /// tally domains through `domainsReport`; this is for a caller that holds the audits
    /// themselves, and is what `domainsReport` is tested against.
    private static func readDomainGrades(_ db: Database, from: Month, through: Month, into grades: inout [Int64: [String: Grade]]) throws {
        // Each audit's official domain grades (docs/moderation.md): the first auditor's,
        // or a moderated audit's agreed ones in their place.
        let official = AuditRules.officialDomainGrade("g")
        let gradeRows = try Row.fetchCursor(db, sql: """
            SELECT g.audit_id, g.section_id, g.grade FROM audit_section_grade g JOIN audit a ON a.id = g.audit_id
            WHERE \(reportedDrawnAudit) AND \(AuditRules.firstDomainGradesStand(audit: "a"))
            UNION ALL
            SELECT m.audit_id, g.section_id, \(official) FROM moderation_section_grade g
            JOIN moderation m ON m.id = g.moderation_id JOIN audit a ON a.id = m.audit_id
            WHERE \(reportedDrawnAudit) AND \(official) IS NOT NULL
            """, arguments: [from, through, from, through])
        while let row = try gradeRows.next() {
            if let grade = Grade(rawValue: row[2]) { grades[row[0], default: [:]][row[1]] = grade }
        }
    }
}

extension Store {
    /// The latest month with an audit that reports count (a submitted audit of a drawn case,
    /// or imported history); nil when there is none. Reports default to it.
    ///
    /// The drawn audits' latest month is the monthly tally's (`audit_tally` holds a row only
    /// for a month with counted audits): one step down its key, where finding it among the
    /// audits themselves read every one of them (0.47 s at a million).
    public func latestReportedMonth() throws -> Month? {
        try read { db in
            try String.fetchOne(db, sql: """
                SELECT max(month) FROM (
                    SELECT max(month) AS month FROM audit_tally WHERE audits > 0
                    UNION ALL SELECT max(month) FROM imported_audit)
                """).flatMap(Month.init)
        }
    }
}
