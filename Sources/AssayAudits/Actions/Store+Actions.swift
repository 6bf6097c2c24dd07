import AssayCore
import AssayStore
import Foundation
import GRDB

/// Which actions `actions` lists.
public struct ActionFilter: Sendable {
    public var team: String?
    public var owner: String?
    public var status: AuditAction.Status?
    /// Only open actions due before this date.
    public var overdueAsOf: CalendarDate?

    public init(team: String? = nil, owner: String? = nil, status: AuditAction.Status? = nil, overdueAsOf: CalendarDate? = nil) {
        self.team = team
        self.owner = owner
        self.status = status
        self.overdueAsOf = overdueAsOf
    }
}

/// Actions raised by audits, chased until they are done or cancelled (docs/actions.md).
/// Every change is one audited write; closing is refused twice, so the first closing's
/// who, when and note stand.
extension Store {
    public func actions(_ filter: ActionFilter) throws -> [AuditAction] {
        var clauses: [String] = []
        var arguments: StatementArguments = []
        if let team = filter.team { clauses.append("x.team = ? COLLATE NOCASE"); arguments += [team] }
        if let owner = filter.owner { clauses.append("x.owner = ? COLLATE NOCASE"); arguments += [owner] }
        if let status = filter.status { clauses.append("x.status = ?"); arguments += [status.rawValue] }
        if let date = filter.overdueAsOf { clauses.append("x.status = 'open' AND x.due < ?"); arguments += [date] }
        let whereClause = clauses.isEmpty ? "" : " WHERE " + clauses.joined(separator: " AND ")
        return try read { db in
            try Row.fetchAll(db, sql: AuditAction.selection + whereClause + " ORDER BY x.due, x.id", arguments: arguments).map(AuditAction.init(row:))
        }
    }

    public func action(id: Int64) throws -> AuditAction {
        try read { db in try Self.action(id: id, in: db) }
    }

    static func action(id: Int64, in db: Database) throws -> AuditAction {
        guard let action = try Row.fetchOne(db, sql: AuditAction.selection + " WHERE x.id = ?", arguments: [id]).map(AuditAction.init(row:)) else {
            throw AuditError.noAction(id)
        }
        return action
    }

    /// `action add AUDIT_ID`: an action on any audit, submitted ones included (raising an
    /// action changes no judgement).
    @discardableResult
    public func raiseAction(auditID: Int64, what: String, owner: String, due: CalendarDate) throws -> Int64 {
        try require(Self.everyone, to: "raise actions")
        let what = what.trimmingCharacters(in: .whitespacesAndNewlines), owner = owner.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !what.isEmpty, !owner.isEmpty else { throw AuditError.actionIncomplete }
        return try write { tx in
            _ = try tx.query { db in try Self.audit(id: auditID, in: db) }
            return try Self.insertAction(tx, auditID: auditID, what: what, owner: owner, due: due)
        }
    }

    /// `action done ID --note` / `action cancel ID --reason`.
    public func closeAction(id: Int64, as status: AuditAction.Status, note: String) throws {
        precondition(status != .open)
        try require(Self.everyone, to: "close actions")
        let text = note.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else {
            throw status == .done ? AuditError.noteMissing : AuditError.reasonMissing(.cancelAction)
        }
        try write { tx in
            let action = try tx.query { db in try Self.action(id: id, in: db) }
            guard action.status == .open else {
                throw AuditError.actionClosed(id, status: action.status.rawValue, by: action.closedBy ?? "?", at: action.closedAt ?? "?",
                                              note: action.closingNote ?? "")
            }
            try tx.update(AuditActionRecord.self, id: id, set: [
                (.status, status.rawValue), (.closedAt, tx.timestamp), (.closedBy, identity.name), (.closingNote, text),
            ])
        }
    }
}
