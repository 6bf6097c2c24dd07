import GRDB

/// Recounts the monthly tallies (`audit_tally`, `audit_domain_tally`) from the audits they
/// summarise, for `verify`.
///
/// The tallies are derived (migration `v20-monthly-tally`: SQLite triggers keep them as
/// audits, their domain grades and moderations change) and so not in the audit log: the log
/// records the rows themselves. A tally edited on its own behind Assay's back would still
/// mislead every report read from it, so `verify` counts the audits again, by the rules
/// reports use today (`AuditRules`: which audits count, and their official grades), and
/// names each tally that differs. A difference is also how a trigger that stopped agreeing
/// with those rules would show.
enum TallyComparison {
    /// Each tally that differs from its recount, worded for `verify`; at most `limit` of each
    /// table. None for a database not yet upgraded to the tallies (`verify` upgrades
    /// nothing; the schema check names what is missing).
    static func problems(_ db: Database, limit: Int) throws -> [String] {
        guard try db.tableExists("audit_tally"), try db.tableExists("audit_domain_tally") else { return [] }
        let counted = AuditRules.counted("a"), official = AuditRules.officialOverall(audit: "a", moderation: "m")
        let key = "a.month, a.team, a.locality, coalesce(a.service, '')"
        let agreed = AuditRules.officialDomainGrade("g")
        let audits = try differences(db, table: "audit_tally", keys: ["month", "team", "locality", "service"],
                                     values: ["audits", "inadequate", "graded"], recount: """
            SELECT \(key), count(*), sum(\(official) = 4),
                   sum(CASE WHEN \(AuditRules.firstDomainGradesStand(audit: "a"))
                            THEN EXISTS (SELECT 1 FROM audit_section_grade g WHERE g.audit_id = a.id)
                            ELSE EXISTS (SELECT 1 FROM moderation_section_grade g WHERE g.moderation_id = m.id AND \(agreed) IS NOT NULL) END)
            FROM audit a \(AuditRules.joinModeration(audit: "a", as: "m"))
            WHERE \(counted)
            GROUP BY \(key)
            """, limit: limit)
        let domains = try differences(db, table: "audit_domain_tally", keys: ["month", "team", "locality", "service", "section_id"],
                                      values: ["audits", "requires_improvement", "inadequate"], recount: """
            SELECT month, team, locality, service, section_id, count(*), sum(grade = 3), sum(grade = 4) FROM (
                SELECT a.month AS month, a.team AS team, a.locality AS locality, coalesce(a.service, '') AS service,
                       g.section_id AS section_id, g.grade AS grade
                FROM audit a JOIN audit_section_grade g ON g.audit_id = a.id
                WHERE \(counted) AND \(AuditRules.firstDomainGradesStand(audit: "a"))
                UNION ALL
                SELECT \(key), g.section_id, \(agreed)
                FROM audit a JOIN moderation m ON m.audit_id = a.id JOIN moderation_section_grade g ON g.moderation_id = m.id
                WHERE \(counted) AND \(agreed) IS NOT NULL)
            GROUP BY month, team, locality, service, section_id
            """, limit: limit)
        return audits + domains
    }

    /// The tallies' counts in words.
    private static let words = ["audits": "audits", "inadequate": "inadequate", "graded": "with domain grades",
                                "requires_improvement": "requires improvement"]

    /// The rows of `table` that differ from `recount` (its key columns, then its value
    /// columns, in the same order), either way: a tally missing, extra or with other counts.
    private static func differences(_ db: Database, table: String, keys: [String], values: [String],
                                    recount: String, limit: Int) throws -> [String] {
        let columns = (keys + values).joined(separator: ", ")
        let join = keys.map { "t.\($0) = r.\($0)" }.joined(separator: " AND ")
        let differ = values.map { "t.\($0) IS NOT r.\($0)" }.joined(separator: " OR ")
        let rows = try Row.fetchCursor(db, sql: """
            WITH r (\(columns)) AS (\(recount))
            SELECT \(keys.map { "r." + $0 }.joined(separator: ", ")), \(values.map { "r." + $0 }.joined(separator: ", ")),
                   \(values.map { "t." + $0 }.joined(separator: ", "))
            FROM r LEFT JOIN \(table) t ON \(join) WHERE \(differ)
            UNION ALL
            SELECT \(keys.map { "t." + $0 }.joined(separator: ", ")), \(values.map { _ in "0" }.joined(separator: ", ")),
                   \(values.map { "t." + $0 }.joined(separator: ", "))
            FROM \(table) t WHERE t.audits != 0 AND NOT EXISTS (SELECT 1 FROM r WHERE \(join))
            LIMIT ?
            """, arguments: [limit])
        var problems: [String] = []
        while let row = try rows.next() {
            let service: String = row[3]
            var place = "\(row[0] as String), team \(row[1] as String), locality \(row[2] as String)\(service.isEmpty ? "" : ", service \(service)")"
            if keys.count > 4 { place += ", domain \(row[4] as String)" }
            let found = (0..<values.count).map { row[keys.count + $0] as Int }
            let held = (0..<values.count).map { row[keys.count + values.count + $0] as Int? }
            let counts = { (numbers: [Int]) in zip(values, numbers).map { "\($0.1) \(Self.words[$0.0] ?? $0.0)" }.joined(separator: ", ") }
            let holds = held[0] == nil ? "is missing" : "holds \(counts(held.map { $0 ?? 0 }))"
            problems.append("the monthly \(keys.count > 4 ? "domain tally" : "tally") for \(place) \(holds), but a recount of its audits gives \(counts(found)): "
                            + "it was changed outside Assay, and reports read it")
        }
        return problems
    }
}
