import AssayAudits
import AssayCore
import AssayOutput
import ArgumentParser
import Foundation

/// `actions`: actions raised by audits, soonest due first — what the QA lead chases.
struct ActionsCommand: AssayCommand {
    static let configuration = CommandConfiguration(
        commandName: "actions", abstract: "List actions raised by audits, soonest due first.",
        discussion: "--overdue: open actions due before --as-of (default today). See docs/actions.md.")

    @Option(help: ArgumentHelp("Only this team's.", valueName: "team"))
    var team: String?

    @Option(help: ArgumentHelp("Only this owner's.", valueName: "name"))
    var owner: String?

    @Option(help: ArgumentHelp("open, done or cancelled.", valueName: "status"))
    var status: String?

    @Flag(help: "Only open actions past their due date.")
    var overdue = false

    @Option(name: .customLong("as-of"), help: ArgumentHelp("The date overdue is judged at (default today).", valueName: DateOption.valueName))
    var asOf: CalendarDate?

    @OptionGroup var output: OutputOptions

    func execute(in session: Session) throws {
        let date = asOf ?? session.today
        var filter = ActionFilter(team: team, owner: owner, overdueAsOf: overdue ? date : nil)
        if let status {
            guard let parsed = AuditAction.Status(rawValue: status.lowercased()) else {
                throw AssayFailure.usage("--status \(status): write open, done or cancelled." + EditDistance.didYouMean(status, among: ["open", "done", "cancelled"]))
            }
            filter.status = parsed
        }
        let actions = try session.store().actions(filter)
        session.emit(Listing(
            columns: [Column("id"), Column("audit_id", "audit"), Column("case_id"), Column("team"), Column("owner"), Column("due"),
                      Column("status"), Column("overdue"), Column("what")],
            rows: actions.map { a in
                [.int(Int(a.id)), .int(Int(a.auditID)), .text(a.caseID), .text(a.team), .text(a.owner), .text(a.due.description),
                 .text(a.status.rawValue), .bool(a.isOverdue(asOf: date)), .text(a.what)]
            }), as: output)
    }
}

/// `action add|done|cancel|show`.
struct ActionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "action", abstract: "Raise, close or show one action.",
        subcommands: [ActionAddCommand.self, ActionDoneCommand.self, ActionCancelCommand.self, ActionShowCommand.self])
}

struct ActionAddCommand: AssayCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Raise an action on an audit (submitted ones too).")

    @Argument(help: ArgumentHelp("The audit id (see `audits`).", valueName: "audit-id"))
    var auditID: Int64

    @Option(help: ArgumentHelp("What must happen.", valueName: "text"))
    var what: String

    @Option(help: ArgumentHelp("Who owns it.", valueName: "name"))
    var owner: String

    @Option(help: ArgumentHelp("By when.", valueName: DateOption.valueName))
    var due: CalendarDate

    func execute(in session: Session) throws {
        let id = try session.store().raiseAction(auditID: auditID, what: what, owner: owner, due: due)
        session.write("Raised action \(id) on audit \(auditID), due \(due).\n")
    }
}

struct ActionDoneCommand: AssayCommand {
    static let configuration = CommandConfiguration(commandName: "done", abstract: "Record an action as done, with what was done.")

    @Argument(help: ArgumentHelp("The action id (see `actions`).", valueName: "id"))
    var id: Int64

    @Option(help: ArgumentHelp("What was done.", valueName: "text"))
    var note: String

    func execute(in session: Session) throws {
        let store = try session.store()
        try store.closeAction(id: id, as: .done, note: note)
        let action = try store.action(id: id)
        let late = action.due < session.today ? " (after its due date, \(action.due))" : ""
        session.write("Action \(id) done\(late).\n")
    }
}

struct ActionCancelCommand: AssayCommand {
    static let configuration = CommandConfiguration(commandName: "cancel", abstract: "Cancel an action, with the reason.")

    @Argument(help: ArgumentHelp("The action id (see `actions`).", valueName: "id"))
    var id: Int64

    @Option(help: ArgumentHelp("Why it is no longer needed.", valueName: "text"))
    var reason: String

    func execute(in session: Session) throws {
        try session.store().closeAction(id: id, as: .cancelled, note: reason)
        session.write("Action \(id) cancelled.\n")
    }
}

struct ActionShowCommand: AssayCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one action in full.")

    @Argument(help: ArgumentHelp("The action id (see `actions`).", valueName: "id"))
    var id: Int64

    @OptionGroup var output: OutputOptions

    func execute(in session: Session) throws {
        let a = try session.store().action(id: id)
        session.emit(Listing(record: [
            (Column("id"), .int(Int(a.id))), (Column("audit_id"), .int(Int(a.auditID))), (Column("case_id"), .text(a.caseID)),
            (Column("team"), .text(a.team)), (Column("what"), .text(a.what)), (Column("owner"), .text(a.owner)),
            (Column("due"), .text(a.due.description)), (Column("status"), .text(a.status.rawValue)),
            (Column("overdue"), .bool(a.isOverdue(asOf: session.today))),
            (Column("raised_at"), .text(a.raisedAt)), (Column("raised_by"), .text(a.raisedBy)),
            (Column("closed_at"), .optional(a.closedAt)), (Column("closed_by"), .optional(a.closedBy)),
            (Column("closing_note"), .optional(a.closingNote)),
        ]), as: output)
    }
}
