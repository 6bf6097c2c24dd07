import AssayAudits
import AssayCore
import AssayOutput
import AssayStore
import AssayTemplates
import ArgumentParser

/// `audits`: the audits, newest month first; `audits show ID` one in full.
struct AuditsCommand: AssayCommand {
    static let configuration = CommandConfiguration(
        commandName: "audits", abstract: "List audits with their case, template, auditor, status and overall grade.",
        subcommands: [AuditsShowCommand.self])

    @Option(help: ArgumentHelp("Only this month.", valueName: "yyyy-mm"))
    var month: String?

    @Option(help: ArgumentHelp("Only this team.", valueName: "team"))
    var team: String?

    @Option(help: ArgumentHelp("Only this auditor's audits.", valueName: "name"))
    var auditor: String?

    @Option(help: ArgumentHelp("in_progress or submitted.", valueName: "status"))
    var status: String?

    @OptionGroup var output: OutputOptions

    func execute(in session: Session) throws {
        var filter = AuditFilter(team: team, auditor: auditor)
        filter.month = try month.map { try MonthOption.parse($0, default: session.month, option: "--month") }
        if let status {
            guard let parsed = Audit.Status(rawValue: status.replacingOccurrences(of: "-", with: "_").lowercased()) else {
                throw AssayFailure("--status \(status): write in_progress or submitted.")
            }
            filter.status = parsed
        }
        let audits = try session.store().audits(filter)
        session.emit(Listing(
            columns: [Column("audit_id", "id"), Column("case_id"), Column("month"), Column("team"), Column("template"),
                      Column("template_version", "v"), Column("auditor"), Column("status"), Column("overall"), Column("unsampled")],
            rows: audits.map { a in
                [.int(Int(a.id)), .text(a.caseID), .text(a.month.description), .text(a.team), .text(a.templateID),
                 .int(a.templateVersion), .text(a.auditor), .text(a.status.rawValue), GradeCell.cell(a.overall), .bool(a.unsampled)]
            }), as: output.format)
    }
}

/// `audits show ID`: every answer with its evidence, the section and overall grades, actions,
/// escalations, amendments and timestamps.
struct AuditsShowCommand: AssayCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Print one audit in full.")

    @Argument(help: ArgumentHelp("The audit id (see `audits`).", valueName: "audit-id"))
    var auditID: Int64

    @OptionGroup var output: OutputOptions

    func execute(in session: Session) throws {
        let store = try session.store()
        let record = try AuditRecord(store: store, id: auditID)
        if output.format == .table {
            session.write(record.text())
        } else {
            session.emit(record.listing(), as: output.format)
        }
    }
}

/// Grades print as their number (what analysts sort on) with the word beside it in tables.
enum GradeCell {
    static func cell(_ grade: Grade?) -> Cell { grade.map { .int($0.rawValue) } ?? .null }
    static func words(_ grade: Grade?) -> String { grade.map { "\($0.rawValue) \($0.name)" } ?? "none" }
}

/// One audit read whole from the store, printed as text or as one structured record.
struct AuditRecord {
    let audit: Audit
    let template: AuditTemplate
    let answers: [String: Answer]
    let sections: [String: Grade]
    let actions: [AuditAction]
    let escalations: [Escalation]
    let amendments: [AuditAmendment]

    init(store: Store, id: Int64) throws {
        audit = try store.audit(id: id)
        template = try store.template(of: audit)
        answers = try store.answers(auditID: id)
        sections = try store.sectionGrades(auditID: id)
        actions = try store.actions(auditID: id)
        escalations = try store.escalations(auditID: id)
        amendments = try store.amendments(auditID: id)
    }

    func text() -> String {
        let a = audit
        var out = escalations.isEmpty ? "" : "ESCALATED\n"
        out += "Audit \(a.id) of case \(a.caseID) · \(a.month)\(a.unsampled ? " (ad-hoc, not drawn)" : "") · \(a.status.rawValue)\n"
        out += "Team \(a.team) · \(a.locality) · \(a.service?.displayName ?? "no service") · worker \(a.worker ?? "not recorded")\n"
        out += "Template \(a.templateID) v\(a.templateVersion) (sha256 \(a.templateSHA256.prefix(12))…) · auditor \(a.auditor)\n"
        out += "Started \(a.startedAt)" + (a.submittedAt.map { " · submitted \($0)" } ?? "") + "\n"
        var number = 0
        for section in template.sections {
            out += "\n\(section.title)" + (sections[section.id].map { " — \($0.rawValue) \($0.name)" } ?? "") + "\n"
            for question in section.questions {
                number += 1
                let answer = answers[question.id]
                out += "  \(number). \(question.prompt) [\(question.id)]\n"
                out += "     " + (answer.map { AuditScreen.describe($0, question) } ?? "unanswered") + "\n"
                if let evidence = answer?.evidence, evidence.contains("\n") {
                    out += evidence.split(separator: "\n", omittingEmptySubsequences: false).map { "       | \($0)\n" }.joined()
                }
            }
        }
        out += "\nSuggested overall: \(GradeCell.words(a.suggestedOverall))\n"
        out += "Overall: \(GradeCell.words(a.overall))" + (a.overallReason.map { " — reason: \($0)" } ?? "") + "\n"
        for action in actions { out += "Action: \(action.what) (owner \(action.owner), due \(action.due))\n" }
        for e in escalations {
            out += "Escalation \(e.id) raised \(e.raisedAt) by \(e.raisedBy): \(e.concern) → \(e.escalatedTo)"
                + (e.response.map { "; response \(e.respondedAt ?? "") by \(e.respondedBy ?? ""): \($0)" } ?? "; AWAITING RESPONSE") + "\n"
        }
        for m in amendments {
            out += "Reopened \(m.amendedAt) by \(m.amendedBy): \(m.reason) (the audit as submitted before is kept: --format json)\n"
        }
        return out
    }

    /// The whole audit as one record; nested answers, actions, escalations and amendments.
    func listing() -> Listing {
        let a = audit
        let answerCells: [Cell] = template.sections.flatMap { section in
            section.questions.map { q -> Cell in
                let answer = answers[q.id]
                return .group([
                    GroupField("section", .text(section.id)), GroupField("question", .text(q.id)), GroupField("kind", .text(q.kind.rawValue)),
                    GroupField("value", .optional(answer?.value)), GroupField("grade", GradeCell.cell(answer?.grade)),
                    GroupField("skipped", .bool(answer?.skipped ?? false)), GroupField("evidence", .optional(answer?.evidence)),
                    GroupField("reason", .optional(answer?.reason)), GroupField("answered_at", .optional(answer?.answeredAt)),
                    GroupField("answered_by", .optional(answer?.answeredBy)),
                ])
            }
        }
        return Listing(record: [
            (Column("audit_id"), .int(Int(a.id))), (Column("case_id"), .text(a.caseID)), (Column("month"), .text(a.month.description)),
            (Column("draw_id"), a.drawID.map { .int(Int($0)) } ?? .null), (Column("unsampled"), .bool(a.unsampled)),
            (Column("team"), .text(a.team)), (Column("locality"), .text(a.locality)), (Column("service"), .optional(a.service?.code)),
            (Column("worker"), .optional(a.worker)), (Column("template"), .text(a.templateID)),
            (Column("template_version"), .int(a.templateVersion)), (Column("template_sha256"), .text(a.templateSHA256)),
            (Column("auditor"), .text(a.auditor)), (Column("status"), .text(a.status.rawValue)),
            (Column("started_at"), .text(a.startedAt)), (Column("submitted_at"), .optional(a.submittedAt)),
            (Column("section_grades"), .group(template.sections.map { GroupField($0.id, GradeCell.cell(sections[$0.id])) })),
            (Column("suggested_overall"), GradeCell.cell(a.suggestedOverall)), (Column("overall"), GradeCell.cell(a.overall)),
            (Column("overall_reason"), .optional(a.overallReason)),
            (Column("answers"), .list(answerCells)),
            (Column("actions"), .list(actions.map { .group([GroupField("what", .text($0.what)), GroupField("owner", .text($0.owner)),
                                                            GroupField("due", .text($0.due.description))]) })),
            (Column("escalations"), .list(escalations.map(EscalationCells.group))),
            (Column("amendments"), .list(amendments.map { .group([GroupField("reason", .text($0.reason)), GroupField("amended_at", .text($0.amendedAt)),
                                                                   GroupField("amended_by", .text($0.amendedBy)),
                                                                   GroupField("submitted_json", .text($0.submittedJSON))]) })),
        ])
    }
}
