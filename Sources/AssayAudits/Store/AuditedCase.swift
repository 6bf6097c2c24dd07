import AssayCore
import AssayStore
import GRDB

/// The case an audit is about, as the register had it: where to find it in a draw, and
/// the team, locality, service and worker the audit copies.
public struct AuditedCase: Sendable, Equatable {
    public let caseID: String
    public let month: Month
    public let drawID: Int64?
    public let team: String
    public let locality: String
    public let service: Service?
    public let worker: String?
    public let opened: String?
    /// A re-audit: audited before in an earlier month, not drawn in this one (docs/audits.md,
    /// "Re-audits"); stored with `reaudit = 1` and left out of every sample estimate.
    public var reaudit: Bool = false

    public init(caseID: String, month: Month, drawID: Int64?, team: String, locality: String, service: Service?,
                worker: String?, opened: String?, reaudit: Bool = false) {
        self.caseID = caseID
        self.month = month
        self.drawID = drawID
        self.team = team
        self.locality = locality
        self.service = service
        self.worker = worker
        self.opened = opened
        self.reaudit = reaudit
    }
}

extension Store {
    /// Finds `caseID` in a month's current draw: the given month, or else the latest month
    /// whose draw holds it. With `unsampled`, a case that was not drawn is taken from the
    /// latest register instead, for an ad-hoc audit in `month` (default `fallbackMonth`).
    /// With `reaudit`, the case is audited again in `month` (default `fallbackMonth`): drawn
    /// there, it is an ordinary audit of a drawn case; otherwise it needs a submitted audit in
    /// an earlier month and is taken from the latest register, flagged as a re-audit.
    public func auditedCase(_ caseID: String, month: Month?, unsampled: Bool, reaudit: Bool = false,
                            fallbackMonth: Month) throws -> AuditedCase {
        if reaudit { return try reauditedCase(caseID, month: month ?? fallbackMonth) }
        if let added = try addedForReaudit(caseID, month: month) { return try reauditedCase(caseID, month: added) }
        return try read { db in
            var sql = """
                SELECT d.id AS draw_id, d.month, f.team, f.locality, f.service, f.worker, f.opened
                FROM draw_case c JOIN draw d ON d.id = c.draw_id
                JOIN frame_case f ON f.frame_id = d.frame_id AND f.case_id = c.case_id
                WHERE c.case_id = ? AND d.status = 'current'
                """
            var arguments: StatementArguments = [caseID]
            if let month {
                sql += " AND d.month = ?"
                arguments += [month.description]
            }
            if let row = try Row.fetchOne(db, sql: sql + " ORDER BY d.month DESC LIMIT 1", arguments: arguments) {
                return AuditedCase(caseID: caseID, month: row["month"] as Month, drawID: row["draw_id"],
                                   team: row["team"], locality: row["locality"],
                                   service: (row["service"] as String?).flatMap(Service.init(rawValue:)),
                                   worker: row["worker"], opened: row["opened"])
            }
            let inRegister = try Row.fetchOne(db, sql: """
                SELECT team, locality, service, worker, opened FROM frame_case
                WHERE case_id = ? ORDER BY frame_id DESC LIMIT 1
                """, arguments: [caseID])
            guard let inRegister else {
                throw AuditError.caseNotInRegister(caseID)
            }
            guard unsampled else { throw AuditError.caseNotDrawn(caseID, month: month) }
            return AuditedCase(caseID: caseID, month: month ?? fallbackMonth, drawID: nil,
                               team: inRegister["team"], locality: inRegister["locality"],
                               service: (inRegister["service"] as String?).flatMap(Service.init(rawValue:)),
                               worker: inRegister["worker"], opened: inRegister["opened"])
        }
    }
}

extension Store {
    /// The month whose current draw added the case for re-audit (`draw --include-reaudits`,
    /// table `draw_reaudit`): `month` if given and its draw added it, else the latest such
    /// month later than any current draw that drew it at random.
    private func addedForReaudit(_ caseID: String, month: Month?) throws -> Month? {
        try read { db in
            var sql = """
                SELECT d.month FROM draw_reaudit r JOIN draw d ON d.id = r.draw_id
                WHERE r.case_id = ? AND d.status = 'current'
                  AND NOT EXISTS (SELECT 1 FROM draw_case c JOIN draw e ON e.id = c.draw_id
                                  WHERE c.case_id = r.case_id AND e.status = 'current' AND e.month >= d.month)
                """
            var arguments: StatementArguments = [caseID]
            if let month {
                sql += " AND d.month = ?"
                arguments += [month.description]
            }
            return try String.fetchOne(db, sql: sql + " ORDER BY d.month DESC LIMIT 1", arguments: arguments).flatMap(Month.init)
        }
    }

    private func reauditedCase(_ caseID: String, month: Month) throws -> AuditedCase {
        let drawnHere = try read { db in
            try Bool.fetchOne(db, sql: """
                SELECT EXISTS (SELECT 1 FROM draw_case c JOIN draw d ON d.id = c.draw_id
                               WHERE c.case_id = ? AND d.status = 'current' AND d.month = ?)
                """, arguments: [caseID, month.description]) ?? false
        }
        if drawnHere { return try auditedCase(caseID, month: month, unsampled: false, fallbackMonth: month) }
        let earlier = try read { db in
            try String.fetchOne(db, sql: """
                SELECT max(month) FROM audit WHERE case_id = ? AND status = 'submitted' AND month < ?
                """, arguments: [caseID, month.description])
        }
        guard earlier != nil else {
            throw AuditError.nothingToReaudit(caseID, month: month)
        }
        let inRegister = try read { db in
            try Row.fetchOne(db, sql: """
                SELECT team, locality, service, worker, opened FROM frame_case
                WHERE case_id = ? ORDER BY frame_id DESC LIMIT 1
                """, arguments: [caseID])
        }
        guard let inRegister else { throw AuditError.caseNotInRegister(caseID) }
        return AuditedCase(caseID: caseID, month: month, drawID: nil,
                           team: inRegister["team"], locality: inRegister["locality"],
                           service: (inRegister["service"] as String?).flatMap(Service.init(rawValue:)),
                           worker: inRegister["worker"], opened: inRegister["opened"], reaudit: true)
    }
}
