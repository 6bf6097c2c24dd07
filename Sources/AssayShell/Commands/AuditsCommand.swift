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
    var month: Month?

    @Option(help: ArgumentHelp("Only this team.", valueName: "team"))
    var team: String?

    @Option(help: ArgumentHelp("Only this auditor's audits.", valueName: "name"))
    var auditor: String?

    @Option(help: ArgumentHelp("in_progress or submitted.", valueName: "status"))
    var status: String?

    @OptionGroup var output: OutputOptions

    func execute(in session: Session) throws {
        var filter = AuditFilter(team: team, auditor: auditor)
        filter.month = month
        if let status {
            guard let parsed = Audit.Status(rawValue: status.replacingOccurrences(of: "-", with: "_").lowercased()) else {
                throw AssayFailure.usage("--status \(status): write in_progress or submitted." + EditDistance.didYouMean(status, among: ["in_progress", "submitted"]))
            }
            filter.status = parsed
        }
        let store = try session.store()
        let audits = try store.audits(filter)
        let states = try store.moderationStates()
        session.emit(Listing(
            columns: [Column("audit_id", "id"), Column("case_id"), Column("month"), Column("team"), Column("template"),
                      Column("template_version", "v"), Column("auditor"), Column("status"), Column("overall"), Column("unsampled"), Column("reaudit"),
                      Column("moderation")],
            rows: try audits.map { a in
                // An audit awaiting blind moderation shows no grade but to its auditor (docs/moderation.md).
                let hidden = try store.isHiddenFromMe(a, states: states)
                return [.int(Int(a.id)), .text(a.caseID), .text(a.month.description), .text(a.team), .text(a.templateID),
                        .int(a.templateVersion), .text(a.auditor), .text(a.status.rawValue), hidden ? .null : GradeCell.cell(a.overall),
                        .bool(a.unsampled), .bool(a.reaudit), .optional(states[a.id]?.rawValue)]
            }), as: output)
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
            session.write(TextPolicy.printable(record.text()))
        } else {
            session.emit(record.listing(), as: output)
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
    /// Awaiting a blind moderation, and not the reader's own: grades, answers, evidence and
    /// the amendments' copies are withheld (docs/moderation.md, "Blind").
    let hidden: Bool
    let moderationState: ModerationState?
    let moderation: Moderation?

    init(store: Store, id: Int64) throws {
        audit = try store.audit(id: id)
        template = try store.template(of: audit)
        moderationState = try store.moderationStates()[id]
        hidden = try store.isHiddenFromMe(audit, states: [id: moderationState].compactMapValues { $0 })
        answers = hidden ? [:] : try store.answers(auditID: id)
        sections = hidden ? [:] : try store.sectionGrades(auditID: id)
        actions = try store.actions(auditID: id)
        escalations = try store.escalations(auditID: id)
        amendments = try store.amendments(auditID: id)
        moderation = try store.moderation(auditID: id)
    }

    static let hiddenNote = "Grades, answers and evidence are hidden: the audit awaits a blind moderation (docs/moderation.md)."

    func text() -> String {
        let a = audit
        var out = escalations.isEmpty ? "" : "ESCALATED\n"
        out += "Audit \(a.id) of case \(a.caseID) · \(a.month)\(a.unsampled ? " (ad-hoc, not drawn)" : "")\(a.reaudit ? " (re-audit, not drawn)" : "") · \(a.status.rawValue)\n"
        out += "Team \(a.team) · \(a.locality) · \(a.service?.displayName ?? "no service") · worker \(a.worker ?? "not recorded")\n"
        out += "Template \(a.templateID) v\(a.templateVersion) (sha256 \(a.templateSHA256.prefix(12))…) · auditor \(a.auditor)\n"
        out += "Started \(a.startedAt)" + (a.submittedAt.map { " · submitted \($0)" } ?? "") + "\n"
        if hidden {
            out += "\n\(Self.hiddenNote)\n"
            for action in actions { out += "Action: \(action.what) (owner \(action.owner), due \(action.due))\n" }
            for e in escalations {
                out += "Escalation \(e.id) raised \(e.raisedAt) by \(e.raisedBy): \(e.concern) → \(e.escalatedTo)"
                    + (e.response.map { "; response \(e.respondedAt ?? "") by \(e.respondedBy ?? ""): \($0)" } ?? "; AWAITING RESPONSE") + "\n"
            }
            return out
        }
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
        if moderationState == .pending { out += "In \(a.month)'s moderation sample; not yet moderated.\n" }
        if let m = moderation { out += moderationText(m) }
        return out
    }

    private func moderationText(_ m: Moderation) -> String {
        var out = "\nModerated \(m.moderatedAt) by \(m.moderator)\n"
        for section in template.sections {
            guard let grades = m.sections[section.id] else { continue }
            out += "  \(section.title): first \(GradeCell.words(grades.first)) · moderator \(GradeCell.words(grades.blind)) · agreed \(GradeCell.words(grades.agreed))\n"
            for question in section.questions where question.kind == .grade {
                guard let answer = m.answers[question.id] else { continue }
                out += "    [\(question.id)] first \(GradeCell.words(answers[question.id]?.grade)) · moderator \(GradeCell.words(answer.grade)) · agreed \(GradeCell.words(answer.agreedGrade))\n"
                if let evidence = answer.evidence {
                    out += evidence.split(separator: "\n", omittingEmptySubsequences: false).map { "       | \($0)\n" }.joined()
                }
            }
        }
        out += "  Overall: first \(GradeCell.words(m.firstOverall)) · moderator \(GradeCell.words(m.blindOverall))"
            + (m.blindReason.map { " (reason: \($0))" } ?? "") + " · agreed \(GradeCell.words(m.agreedOverall))"
            + (m.agreedReason.map { " — reason: \($0)" } ?? "") + "\n"
        out += "  The agreed grades are the ones reports count.\n"
        return out
    }

    /// The whole audit as one record; nested answers, actions, escalations and amendments.
    func listing() -> Listing {
        let a = audit
        let hideAll = hidden
        let answerCells: [Cell] = hideAll ? [] : template.sections.flatMap { section in
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
            (Column("draw_id"), a.drawID.map { .int(Int($0)) } ?? .null), (Column("unsampled"), .bool(a.unsampled)), (Column("reaudit"), .bool(a.reaudit)),
            (Column("team"), .text(a.team)), (Column("locality"), .text(a.locality)), (Column("service"), .optional(a.service?.code)),
            (Column("worker"), .optional(a.worker)), (Column("template"), .text(a.templateID)),
            (Column("template_version"), .int(a.templateVersion)), (Column("template_sha256"), .text(a.templateSHA256)),
            (Column("auditor"), .text(a.auditor)), (Column("status"), .text(a.status.rawValue)),
            (Column("started_at"), .text(a.startedAt)), (Column("submitted_at"), .optional(a.submittedAt)),
            (Column("hidden"), .bool(hidden)),
            (Column("section_grades"), hidden ? .null : .group(template.sections.map { GroupField($0.id, GradeCell.cell(sections[$0.id])) })),
            (Column("suggested_overall"), hidden ? .null : GradeCell.cell(a.suggestedOverall)),
            (Column("overall"), hidden ? .null : GradeCell.cell(a.overall)),
            (Column("overall_reason"), hidden ? .null : .optional(a.overallReason)),
            (Column("answers"), .list(answerCells)),
            (Column("actions"), .list(actions.map { .group([GroupField("what", .text($0.what)), GroupField("owner", .text($0.owner)),
                                                            GroupField("due", .text($0.due.description))]) })),
            (Column("escalations"), .list(escalations.map(EscalationCells.group))),
            (Column("amendments"), .list(amendments.map { .group([GroupField("reason", .text($0.reason)), GroupField("amended_at", .text($0.amendedAt)),
                                                                   GroupField("amended_by", .text($0.amendedBy)),
                                                                   GroupField("submitted_json", hideAll ? .null : .text($0.submittedJSON))]) })),
            (Column("moderation"), moderationCell()),
        ])
    }

    /// Null for an audit never sampled for moderation; else its state and, once moderated,
    /// the moderator's blind grades and the agreed ones.
    private func moderationCell() -> Cell {
        guard let state = moderationState else { return .null }
        guard let m = moderation else { return .group([GroupField("state", .text(state.rawValue))]) }
        let answerCells: [Cell] = template.questions.compactMap { q in
            m.answers[q.id].map { answer in
                .group([GroupField("question", .text(q.id)), GroupField("value", .optional(answer.value)),
                        GroupField("grade", GradeCell.cell(answer.grade)), GroupField("agreed_grade", GradeCell.cell(answer.agreedGrade)),
                        GroupField("evidence", .optional(answer.evidence)), GroupField("reason", .optional(answer.reason))])
            }
        }
        return .group([
            GroupField("state", .text(state.rawValue)), GroupField("moderator", .text(m.moderator)),
            GroupField("moderated_at", .text(m.moderatedAt)), GroupField("first_overall", GradeCell.cell(m.firstOverall)),
            GroupField("blind_suggested_overall", GradeCell.cell(m.blindSuggestedOverall)),
            GroupField("blind_overall", GradeCell.cell(m.blindOverall)), GroupField("blind_reason", .optional(m.blindReason)),
            GroupField("agreed_overall", GradeCell.cell(m.agreedOverall)), GroupField("agreed_reason", .optional(m.agreedReason)),
            GroupField("section_grades", .group(template.sections.compactMap { s in
                m.sections[s.id].map { g in
                    GroupField(s.id, .group([GroupField("first", GradeCell.cell(g.first)), GroupField("blind", GradeCell.cell(g.blind)),
                                             GroupField("agreed", GradeCell.cell(g.agreed))]))
                }
            })),
            GroupField("answers", .list(answerCells)),
        ])
    }
}
