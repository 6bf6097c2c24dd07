import AssayCore
import AssayStore
import GRDB

/// A case a draw adds outside its random sample (`draw --include-reaudits WEEKS`,
/// docs/sampling.md "Re-audits"): its last submitted audit judged it inadequate at least
/// WEEKS weeks before the draw's month began, and it has not been audited since. Stored in
/// `draw_reaudit`, apart from `draw_case`, so the random sample, its verification and
/// `--exclude-recent` are untouched; its audit is a re-audit, never in an estimate.
public struct DrawReaudit: Sendable, Equatable {
    public let caseID: String
    public let lastAuditID: Int64
    public let lastMonth: Month
}

/// A draw's added re-audit case as `sample` lists it.
public struct DrawReauditCase: Sendable, Equatable {
    public let reaudit: DrawReaudit
    public let team: String
    public let locality: String
    public let service: String?
    public let worker: String?
    public let auditID: Int64?
    public let status: String?
    public let auditor: String?
}

extension Store {
    /// The cases `draw --include-reaudits weeks` adds to `month`'s draw made from `frameID`:
    /// in that frame, not in `drawn`, whose latest audit (`AuditRules.latestAuditOfItsCase`)
    /// is submitted with an official overall grade (`AuditRules.officialOverall`) of 4, submitted at least `weeks` weeks before the month's
    /// first day. By case id.
    public func reauditCandidates(month: Month, weeks: Int, frameID: Int64, drawn: Set<String>) throws -> [DrawReaudit] {
        guard weeks >= 0 else { throw SamplingError.negativeReauditWeeks(weeks) }
        let firstDay = CalendarDate(year: month.year, month: month.month, day: 1)!
        let rows = try read { db in
            try Row.fetchAll(db, sql: """
                SELECT a.id, a.case_id, a.month, a.submitted_at, \(AuditRules.officialOverall(audit: "a", moderation: "m")) AS overall
                FROM audit a \(AuditRules.joinModeration(audit: "a", as: "m"))
                WHERE a.status = 'submitted' AND a.month < ?
                  AND a.case_id IN (SELECT case_id FROM frame_case WHERE frame_id = ?)
                  AND \(AuditRules.latestAuditOfItsCase("a"))
                ORDER BY a.case_id
                """, arguments: [month, frameID])
        }
        return rows.compactMap { row in
            let caseID: String = row["case_id"]
            guard !drawn.contains(caseID), (row["overall"] as Int?) == Grade.inadequate.rawValue,
                  let submitted = (row["submitted_at"] as String?).flatMap({ CalendarDate(parsing: String($0.prefix(10))) }),
                  submitted.days(to: firstDay) >= weeks * 7,
                  let lastMonth = Month(row["month"] as String) else { return nil }
            return DrawReaudit(caseID: caseID, lastAuditID: row["id"], lastMonth: lastMonth)
        }
    }

    /// Writes a draw's added re-audit cases, in the transaction that stores the draw
    /// (`saveDraw(_:reaudits:replaceReason:)`).
    static func insertDrawReaudits(_ tx: AuditedWriter, drawID: Int64, _ reaudits: [DrawReaudit]) throws {
        for r in reaudits {
            try tx.insert(DrawReauditRecord(drawID: drawID, caseID: r.caseID, lastAuditID: r.lastAuditID, lastMonth: r.lastMonth))
        }
    }

    /// A stored draw's added re-audit cases, by case id.
    public func drawReaudits(drawID: Int64) throws -> [DrawReaudit] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT case_id, last_audit_id, last_month FROM draw_reaudit WHERE draw_id = ? ORDER BY case_id",
                             arguments: [drawID]).map {
                DrawReaudit(caseID: $0["case_id"], lastAuditID: $0["last_audit_id"], lastMonth: $0["last_month"] as Month)
            }
        }
    }

    /// The re-audit cases added to `month`'s current draw, with the register's details and
    /// their audit this month (if begun), by team and case id; empty without a draw.
    /// (`CROSS JOIN`: the month's additions first, each looked up in its frame — `sample` reads
    /// this every time, and SQLite otherwise walks the whole frame; Store+CasesToAudit.swift.)
    public func drawReauditCases(month: Month) throws -> [DrawReauditCase] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT r.case_id, r.last_audit_id, r.last_month, f.team, f.locality, f.service, f.worker,
                       a.id AS audit_id, a.status, a.auditor
                FROM draw d CROSS JOIN draw_reaudit r ON r.draw_id = d.id
                CROSS JOIN frame_case f ON f.frame_id = d.frame_id AND f.case_id = r.case_id
                LEFT JOIN audit a ON a.month = d.month AND a.case_id = r.case_id
                WHERE d.month = ? AND d.status = 'current' ORDER BY f.team, r.case_id
                """, arguments: [month]).map { row in
                DrawReauditCase(reaudit: DrawReaudit(caseID: row["case_id"], lastAuditID: row["last_audit_id"],
                                                     lastMonth: row["last_month"] as Month),
                                team: row["team"], locality: row["locality"], service: row["service"], worker: row["worker"],
                                auditID: row["audit_id"], status: row["status"], auditor: row["auditor"])
            }
        }
    }
}
