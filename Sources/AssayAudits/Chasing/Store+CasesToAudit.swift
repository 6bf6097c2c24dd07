import AssayCore
import AssayStore
import GRDB

extension Store {
    /// The drawn cases of every month's current draw — or of `month`'s — with who audits
    /// each, how far its audit has gone, when it is due and when its audit was last touched;
    /// with `auditor`, only theirs (names match regardless of case); with `openOnly`, only
    /// those not yet submitted. By month, then team, then case id.
    ///
    /// A drawn case's due date is its assignment's; one nobody was assigned (or assigned
    /// before due dates were kept) takes the month's default: its last day plus `due-days`.
    public func drawnCasesToAudit(month: Month? = nil, auditor: String? = nil, openOnly: Bool = false) throws -> [CaseToAudit] {
        try read { db in
            let dueDays = try Store.value(of: .dueDays, in: db)
            var conditions = ["d.status = 'current'"]
            var arguments: StatementArguments = []
            if let month {
                conditions.append("d.month = ?")
                arguments += [month.description]
            }
            if let auditor {
                conditions.append("coalesce(a.auditor, s.auditor) = ? COLLATE NOCASE")
                arguments += [auditor]
            }
            if openOnly { conditions.append("a.status IS NOT 'submitted' AND (a.id IS NOT NULL OR \(Self.notSetAsideSQL))") }
            return try Row.fetchAll(db, sql: Self.drawnCasesToAuditSQL(conditions), arguments: arguments).map { row in
                let month = Month(row["month"] as String)!
                let due = try (row["due"] as String?).flatMap(CalendarDate.init(parsing:)) ?? Self.defaultDue(month, dueDays: dueDays)
                return Self.caseToAudit(row, month: month, origin: .drawn, due: due)
            }
        }
    }

    /// The query behind `todo`, `chase`, `overdue` and `progress`. `CROSS JOIN` fixes the join
    /// order — each current draw, its cases, each case's register row by (frame, case) —
    /// because SQLite otherwise walks every frame through `frame_case_by_stratum` for every
    /// month: `todo`'s query took 36–42 s at 100,000 audits over 120 months, 0.2 s in this order
    /// (issue 22). `QueryPlanTests` holds the order.
    static func drawnCasesToAuditSQL(_ conditions: [String]) -> String {
        """
        SELECT d.month, c.case_id, f.team, f.locality, f.service, coalesce(a.auditor, s.auditor) AS auditor,
               a.id AS audit_id, a.status, s.due, \(lastTouchedSQL) AS touched, \(setAsideReasonSQL) AS set_aside
        FROM draw d CROSS JOIN draw_case c ON c.draw_id = d.id
        CROSS JOIN frame_case f ON f.frame_id = d.frame_id AND f.case_id = c.case_id
        LEFT JOIN assignment s ON s.draw_id = d.id AND s.case_id = c.case_id
        LEFT JOIN audit a ON a.month = d.month AND a.case_id = c.case_id
        WHERE \(conditions.joined(separator: " AND "))
        ORDER BY d.month, f.team, c.case_id
        """
    }

    /// Someone's open work in every month, oldest month first: the drawn cases that are
    /// theirs and not yet submitted, then their audits in progress outside the draw (ad-hoc
    /// and re-audits), which have no due date but would otherwise be forgotten.
    public func openWork(auditor: String) throws -> [CaseToAudit] {
        let drawn = try drawnCasesToAudit(auditor: auditor, openOnly: true)
        let outside = try read { db in
            try Row.fetchAll(db, sql: """
                SELECT a.month, a.case_id, a.team, a.locality, a.service, a.auditor, a.id AS audit_id, a.status,
                       a.reaudit, \(Self.lastTouchedSQL) AS touched
                FROM audit a
                WHERE a.status = 'in_progress' AND (a.unsampled = 1 OR a.reaudit = 1) AND a.auditor = ? COLLATE NOCASE
                ORDER BY a.month, a.team, a.case_id
                """, arguments: [auditor]).map { row in
                Self.caseToAudit(row, month: Month(row["month"] as String)!, origin: (row["reaudit"] as Int) == 1 ? .reaudit : .adHoc, due: nil)
            }
        }
        func key(_ c: CaseToAudit) -> (Month, Int, String, String) { (c.month, c.origin == .drawn ? 0 : 1, c.team, c.caseID) }
        return (drawn + outside).sorted { key($0) < key($1) }
    }

    /// The month with the latest current draw, or nil before the first draw.
    public func latestDrawnMonth() throws -> Month? {
        try read { db in
            try String.fetchOne(db, sql: "SELECT max(month) FROM draw WHERE status = 'current'").flatMap(Month.init)
        }
    }

    /// The last day the audit `a` was touched: the latest of when it was opened, any answer
    /// given or changed, and any reopening. Timestamps are ISO 8601 UTC, so the greatest
    /// string is the latest.
    private static let lastTouchedSQL = """
        CASE WHEN a.id IS NULL THEN NULL ELSE max(a.started_at,
            coalesce((SELECT max(answered_at) FROM audit_answer WHERE audit_id = a.id), ''),
            coalesce((SELECT max(amended_at) FROM audit_amendment WHERE audit_id = a.id), '')) END
        """

    private static func caseToAudit(_ row: Row, month: Month, origin: CaseToAudit.Origin, due: CalendarDate?) -> CaseToAudit {
        CaseToAudit(month: month, caseID: row["case_id"], team: row["team"], locality: row["locality"], service: row["service"],
                    origin: origin, auditor: row["auditor"], auditID: row["audit_id"],
                    status: (row["status"] as String?).flatMap(Audit.Status.init(rawValue:)), due: due,
                    lastTouched: (row["touched"] as String?).flatMap { CalendarDate(parsing: String($0.prefix(10))) },
                    setAsideReason: row.hasColumn("set_aside") ? row["set_aside"] : nil)
    }
}

extension Store {
    /// True when `month` has a current draw.
    public func hasDraw(month: Month) throws -> Bool {
        try read { db in
            try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM draw WHERE month = ? AND status = 'current')", arguments: [month.description]) ?? false
        }
    }
}
