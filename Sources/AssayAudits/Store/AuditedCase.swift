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
}

extension Store {
    /// Finds `caseID` in a month's current draw: the given month, or else the latest month
    /// whose draw holds it. With `unsampled`, a case that was not drawn is taken from the
    /// latest register instead, for an ad-hoc audit in `month` (default `fallbackMonth`).
    public func auditedCase(_ caseID: String, month: Month?, unsampled: Bool, fallbackMonth: Month) throws -> AuditedCase {
        try read { db in
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
                return AuditedCase(caseID: caseID, month: Month(row["month"] as String)!, drawID: row["draw_id"],
                                   team: row["team"], locality: row["locality"],
                                   service: (row["service"] as String?).flatMap(Service.init(rawValue:)),
                                   worker: row["worker"], opened: row["opened"])
            }
            let inRegister = try Row.fetchOne(db, sql: """
                SELECT team, locality, service, worker, opened FROM frame_case
                WHERE case_id = ? ORDER BY frame_id DESC LIMIT 1
                """, arguments: [caseID])
            guard let inRegister else {
                throw AssayFailure("No case \(caseID) in any imported register.")
            }
            guard unsampled else {
                let when = month.map { " in \($0)" } ?? ""
                throw AssayFailure("""
                    Case \(caseID) was not drawn\(when). Only drawn cases are audited by default; \
                    an ad-hoc audit (left out of the sample estimates) needs --unsampled.
                    """)
            }
            return AuditedCase(caseID: caseID, month: month ?? fallbackMonth, drawID: nil,
                               team: inRegister["team"], locality: inRegister["locality"],
                               service: (inRegister["service"] as String?).flatMap(Service.init(rawValue:)),
                               worker: inRegister["worker"], opened: inRegister["opened"])
        }
    }
}
