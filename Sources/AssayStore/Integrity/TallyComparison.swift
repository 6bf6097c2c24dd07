import GRDB

/// Recounts `audit_tally` from the audits it summarises, for `verify`.
///
/// The tally is derived (migration `v20-monthly-tally`: SQLite triggers keep it as audits and
/// moderations change) and so not in the audit log: the log records the audits themselves.
/// A tally edited on its own behind Assay's back would still mislead every direction of
/// travel, funnel and p-chart read from it, so `verify` counts the audits again, by the rules
/// reports use today (`AuditRules.counted` and `officialOverall`), and names each tally that
/// differs. A difference is also how a trigger that stopped agreeing with those rules would
/// show.
enum TallyComparison {
    /// Each tally that differs from its recount, worded for `verify`; at most `limit`. None
    /// for a database not yet upgraded to the tally (`verify` upgrades nothing; the schema
    /// check names what is missing).
    static func problems(_ db: Database, limit: Int) throws -> [String] {
        guard try db.tableExists("audit_tally") else { return [] }
        let counted = AuditRules.counted("a"), official = AuditRules.officialOverall(audit: "a", moderation: "m")
        let rows = try Row.fetchCursor(db, sql: """
            WITH recount AS (
                SELECT a.month, a.team, a.locality, coalesce(a.service, '') AS service,
                       count(*) AS audits, sum(\(official) = 4) AS inadequate
                FROM audit a \(AuditRules.joinModeration(audit: "a", as: "m"))
                WHERE \(counted)
                GROUP BY a.month, a.team, a.locality, coalesce(a.service, ''))
            SELECT r.month, r.team, r.locality, r.service, r.audits, r.inadequate, t.audits, t.inadequate
            FROM recount r LEFT JOIN audit_tally t
                ON t.month = r.month AND t.team = r.team AND t.locality = r.locality AND t.service = r.service
            WHERE t.audits IS NOT r.audits OR t.inadequate IS NOT r.inadequate
            UNION ALL
            SELECT t.month, t.team, t.locality, t.service, 0, 0, t.audits, t.inadequate FROM audit_tally t
            WHERE t.audits != 0 AND NOT EXISTS (SELECT 1 FROM recount r
                WHERE r.month = t.month AND r.team = t.team AND r.locality = t.locality AND r.service = t.service)
            LIMIT ?
            """, arguments: [limit])
        var problems: [String] = []
        while let row = try rows.next() {
            let service: String = row[3]
            let stratum = "\(row[0] as String), team \(row[1] as String), locality \(row[2] as String)\(service.isEmpty ? "" : ", service \(service)")"
            let held = (row[6] as Int?).map { "holds \($0) audits (\(row[7] as Int? ?? 0) inadequate)" } ?? "is missing"
            problems.append("the monthly tally for \(stratum) \(held), but its audits are \(row[4] as Int) (\(row[5] as Int) inadequate): "
                            + "the tally was changed outside Assay, and reports of the direction of travel read it")
        }
        return problems
    }
}
