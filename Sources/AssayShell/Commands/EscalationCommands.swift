import AssayAudits
import AssayCore
import AssayOutput
import ArgumentParser

/// `escalations [--open]`: children found unsafe now during audits, and the responses.
struct EscalationsCommand: AssayCommand {
    static let configuration = CommandConfiguration(
        commandName: "escalations", abstract: "List escalations raised during audits (children unsafe now).")

    @Flag(help: "Only those still awaiting a response.")
    var open = false

    @OptionGroup var output: OutputOptions

    func execute(in session: Session) throws {
        let escalations = try session.store().escalations(openOnly: open)
        session.emit(Listing(
            columns: [Column("escalation_id", "id"), Column("audit_id", "audit"), Column("case_id"), Column("concern"), Column("escalated_to"),
                      Column("raised_at"), Column("raised_by"), Column("response"), Column("responded_at"), Column("responded_by")],
            rows: escalations.map(EscalationCells.row)), as: output)
    }
}

/// `escalation respond ID --response TEXT`.
struct EscalationCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "escalation", abstract: "Record the response to an escalation.", subcommands: [EscalationRespondCommand.self])
}

struct EscalationRespondCommand: AssayCommand {
    static let configuration = CommandConfiguration(
        commandName: "respond", abstract: "Record what was done about an escalation; the audit can then be submitted.")

    @Argument(help: ArgumentHelp("The escalation id (see `escalations`).", valueName: "id"))
    var id: Int64

    @Option(help: ArgumentHelp("What was done, by whom.", valueName: "text"))
    var response: String

    func execute(in session: Session) throws {
        let store = try session.store()
        try store.respondToEscalation(id: id, response: response)
        let escalation = try store.escalations().first { $0.id == id }
        let remaining = try store.escalations(openOnly: true, auditID: escalation?.auditID).count
        session.write(TextPolicy.printable("Recorded the response to escalation \(id) (case \(escalation?.caseID ?? "?"), audit \(escalation.map { String($0.auditID) } ?? "?")). "
                      + (remaining == 0 ? "The audit can be submitted.\n" : "\(remaining) more on that audit await a response.\n")))
    }
}

/// An escalation's cells, shared by `escalations` and `audits show`.
enum EscalationCells {
    static func row(_ e: Escalation) -> [Cell] {
        [.int(Int(e.id)), .int(Int(e.auditID)), .text(e.caseID), .text(e.concern), .text(e.escalatedTo), .text(e.raisedAt), .text(e.raisedBy),
         .optional(e.response), .optional(e.respondedAt), .optional(e.respondedBy)]
    }

    static func group(_ e: Escalation) -> Cell {
        let keys = ["escalation_id", "audit_id", "case_id", "concern", "escalated_to", "raised_at", "raised_by", "response", "responded_at", "responded_by"]
        return .group(zip(keys, row(e)).map { GroupField($0, $1) })
    }
}
