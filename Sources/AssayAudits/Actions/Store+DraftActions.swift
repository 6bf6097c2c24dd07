import AssayCore
import AssayStore
import GRDB

/// Changing the actions of an audit still being written: the guided audit's summary (`a N`,
/// `d N`; docs/audits.md). Until the audit is submitted its actions are the auditor's draft,
/// so they may be reworded, given to another owner or date, or withdrawn, each change an
/// audited write like any other. Once they have been part of a submitted audit they are
/// chased, not rewritten (docs/actions.md): `action done` or `action cancel` closes them.
extension Store {
    /// Changes what action `id` of audit `auditID` asks, its owner and its due date (on or
    /// after the day it was raised). Only the audit's auditor or a lead, while it is in progress.
    public func changeDraftAction(id: Int64, auditID: Int64, what: String, owner: String, due: CalendarDate) throws {
        let what = what.trimmingCharacters(in: .whitespacesAndNewlines), owner = owner.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !what.isEmpty, !owner.isEmpty else { throw AuditError.draftActionIncomplete }
        try write { tx in
            let action = try draftAction(tx, id: id, auditID: auditID)
            let raisedOn = CalendarDate(parsing: String(action.raisedAt.prefix(10))) ?? ActionDueDate.day()
            if let problem = ActionDueDate.problem(due: due, raisedOn: raisedOn) {
                throw AuditError.actionDue(problem: problem, raised: false)
            }
            try tx.update(AuditActionRecord.self, id: id, set: [(.what, what), (.owner, owner), (.due, due)])
        }
    }

    /// Withdraws action `id` of audit `auditID` before the audit is submitted: the row is
    /// deleted, and the audit log keeps that it existed and who withdrew it.
    public func withdrawDraftAction(id: Int64, auditID: Int64) throws {
        try write { tx in
            _ = try draftAction(tx, id: id, auditID: auditID)
            try tx.delete(from: .auditAction, id: id)
        }
    }

    /// The action, when it may still be changed: the audit is editable by this user, the
    /// action is its own and open, and it was raised after the audit was last reopened.
    private func draftAction(_ tx: AuditedWriter, id: Int64, auditID: Int64) throws -> AuditAction {
        let audit = try lockedEditable(tx, auditID)
        let (action, reopened) = try tx.query { db in
            (try Self.action(id: id, in: db),
             try String.fetchOne(db, sql: "SELECT max(amended_at) FROM audit_amendment WHERE audit_id = ?", arguments: [auditID]))
        }
        guard action.auditID == audit.id else {
            throw AuditError.actionNotOfAudit(id, audit: action.auditID, asked: audit.id)
        }
        if let reopened, action.raisedAt <= reopened || action.status != .open {
            throw AuditError.actionSubmitted(id, audit: audit.id)
        }
        guard action.status == .open else {
            throw AuditError.actionClosed(id, status: action.status.rawValue, by: nil, at: nil, note: nil)
        }
        return action
    }
}
