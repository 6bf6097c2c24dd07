import AssayCore
import GRDB

// The rows that share out a draw's cases and chase them (docs/assignment.md): who audits each
// case by when, and the cases a lead sets aside. Each record is its table's row, column for
// column (AuditedRecord.swift).

/// A drawn case given to an auditor (`assignment`); `due` is null only in rows older than due dates.
public struct AssignmentRecord: AuditedRecord {
    public static let table = AuditedTable.assignment

    public enum Column: String, AuditedColumn {
        case drawID = "draw_id"
        case caseID = "case_id"
        case auditor
        case assignedAt = "assigned_at"
        case assignedBy = "assigned_by"
        case due
    }

    public var drawID: Int64
    public var caseID: String
    public var auditor: String
    public var assignedAt: String
    public var assignedBy: String
    public var due: CalendarDate?

    public init(drawID: Int64, caseID: String, auditor: String, assignedAt: String, assignedBy: String, due: CalendarDate?) {
        self.drawID = drawID
        self.caseID = caseID
        self.auditor = auditor
        self.assignedAt = assignedAt
        self.assignedBy = assignedBy
        self.due = due
    }

    public func value(of column: Column) -> DatabaseValue {
        switch column {
        case .drawID: drawID.databaseValue
        case .caseID: caseID.databaseValue
        case .auditor: auditor.databaseValue
        case .assignedAt: assignedAt.databaseValue
        case .assignedBy: assignedBy.databaseValue
        case .due: due.databaseValue
        }
    }
}

/// A drawn case set aside, not to be audited, and why (`set_aside`).
public struct SetAsideRecord: AuditedRecord {
    public static let table = AuditedTable.setAside

    public enum Column: String, AuditedColumn {
        case drawID = "draw_id"
        case caseID = "case_id"
        case reason
        case setBy = "set_by"
        case setAt = "set_at"
    }

    public var drawID: Int64
    public var caseID: String
    public var reason: String
    public var setBy: String
    public var setAt: String

    public init(drawID: Int64, caseID: String, reason: String, setBy: String, setAt: String) {
        self.drawID = drawID
        self.caseID = caseID
        self.reason = reason
        self.setBy = setBy
        self.setAt = setAt
    }

    public func value(of column: Column) -> DatabaseValue {
        switch column {
        case .drawID: drawID.databaseValue
        case .caseID: caseID.databaseValue
        case .reason: reason.databaseValue
        case .setBy: setBy.databaseValue
        case .setAt: setAt.databaseValue
        }
    }
}
