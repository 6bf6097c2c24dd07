import AssayCore
import AssayStore
import Foundation
import GRDB

/// A drawn case the lead has decided will not be audited (docs/assignment.md, "A drawn case
/// that cannot be audited"): closed before anyone reached it, moved to another authority,
/// its file unavailable. Without this a case like that stays overdue for good, and every
/// chase list carries it.
public struct SetAsideCase: Sendable, Equatable {
    public let month: Month
    public let caseID: String
    public let reason: String
    public let setBy: String
    /// When it was set aside (ISO 8601, UTC).
    public let setAt: String
}

extension Store {
    /// Sets a case of `month`'s current draw aside (lead only), with the reason, in one
    /// transaction: refused for a case not in the draw, one already set aside, and one whose
    /// audit has begun (an audit in progress is the auditor's work; a submitted one counts).
    public func setAside(caseID: String, month: Month, reason: String) throws {
        try require([.lead], to: "set a drawn case aside")
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else { throw AuditError.reasonMissing(.setAside) }
        try write { tx in
            let (drawID, audit, already) = try tx.query { db in
                let drawID = try Self.drawIDHolding(caseID, month: month, db)
                let audit = try Row.fetchOne(db, sql: "SELECT id, status, auditor FROM audit WHERE month = ? AND case_id = ?",
                                             arguments: [month.description, caseID])
                let already = try Row.fetchOne(db, sql: "SELECT reason, set_by FROM set_aside WHERE draw_id = ? AND case_id = ?",
                                               arguments: [drawID, caseID])
                return (drawID, audit, already)
            }
            if let already {
                throw AuditError.alreadySetAside(caseID: caseID, month: month, by: already["set_by"], reason: already["reason"])
            }
            if let audit {
                throw AuditError.auditBegunCannotSetAside(caseID: caseID, month: month, audit: audit["id"],
                                                          submitted: (audit["status"] as String) == Audit.Status.submitted.rawValue, auditor: audit["auditor"])
            }
            try tx.insert(SetAsideRecord(drawID: drawID, caseID: caseID, reason: reason, setBy: tx.user.name, setAt: tx.timestamp))
        }
    }

    /// Undoes `setAside` (lead only): the case is to be audited again, due as before.
    public func undoSetAside(caseID: String, month: Month) throws {
        try require([.lead], to: "set a drawn case aside or back")
        try write { tx in
            let id = try tx.query { db -> Int64? in
                let drawID = try Self.drawIDHolding(caseID, month: month, db)
                return try Int64.fetchOne(db, sql: "SELECT id FROM set_aside WHERE draw_id = ? AND case_id = ?", arguments: [drawID, caseID])
            }
            guard let id else { throw AuditError.notSetAside(caseID: caseID, month: month) }
            try tx.delete(from: .setAside, id: id)
        }
    }

    /// The cases set aside in `month`'s current draw (every month's when nil), by month and case.
    public func setAsideCases(month: Month? = nil) throws -> [SetAsideCase] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT d.month, x.case_id, x.reason, x.set_by, x.set_at FROM set_aside x JOIN draw d ON d.id = x.draw_id
                WHERE d.status = 'current'\(month == nil ? "" : " AND d.month = ?") ORDER BY d.month, x.case_id
                """, arguments: month.map { [$0.description] } ?? []).map { row in
                SetAsideCase(month: Month(row["month"] as String)!, caseID: row["case_id"], reason: row["reason"],
                             setBy: row["set_by"], setAt: row["set_at"])
            }
        }
    }

    /// The current draw of `month` that holds the case, or a refusal naming what is missing.
    static func drawIDHolding(_ caseID: String, month: Month, _ db: Database) throws -> Int64 {
        guard let drawID = try Int64.fetchOne(db, sql: "SELECT id FROM draw WHERE month = ? AND status = 'current'", arguments: [month.description]) else {
            throw AuditError.monthNotDrawn(month)
        }
        guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM draw_case WHERE draw_id = ? AND case_id = ?)", arguments: [drawID, caseID]) == true else {
            throw AuditError.caseNotInDraw(caseID: caseID, month: month)
        }
        return drawID
    }

    /// The SQL condition "the drawn case `c` of draw `c.draw_id` is not set aside", for the
    /// queries that list someone's work.
    static let notSetAsideSQL = "NOT EXISTS (SELECT 1 FROM set_aside x WHERE x.draw_id = c.draw_id AND x.case_id = c.case_id)"

    /// The reason a drawn case `c` was set aside, or NULL, as a column of those queries.
    static let setAsideReasonSQL = "(SELECT x.reason FROM set_aside x WHERE x.draw_id = c.draw_id AND x.case_id = c.case_id)"

    /// Refuses to open an audit of a case set aside, naming who set it aside and how to undo it.
    static func refuseSetAside(_ tx: AuditedWriter, _ theCase: AuditedCase) throws {
        guard let drawID = theCase.drawID else { return }
        let row = try tx.query { db in
            try Row.fetchOne(db, sql: "SELECT reason, set_by FROM set_aside WHERE draw_id = ? AND case_id = ?", arguments: [drawID, theCase.caseID])
        }
        guard let row else { return }
        throw AuditError.setAside(caseID: theCase.caseID, month: theCase.month, by: row["set_by"], reason: row["reason"])
    }
}
