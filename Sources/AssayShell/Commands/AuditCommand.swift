import AssayAudits
import AssayCore
import AssayStore
import AssayTemplates
import ArgumentParser

/// `audit CASE_ID` (the default subcommand, `audit case CASE_ID` in full) and `audit amend ID`.
/// A group with a default rather than one command with a subcommand, because a command's
/// own positional argument would swallow the word `amend`.
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "Audit a drawn case: guided at a terminal, or from an answers file.",
        usage: """
            audit <case-id> [--month <yyyy-mm>] [--template <id>] [--unsampled | --reaudit] [--answers <file>]
              audit amend <audit-id> --reason <text>
            """,
        discussion: "See docs/audits.md.",
        subcommands: [AuditCaseCommand.self, AuditAmendCommand.self], defaultSubcommand: AuditCaseCommand.self)
}

/// `audit CASE_ID`: the guided audit of a drawn case at a terminal, or with `--answers FILE`
/// a whole audit checked and submitted in one step.
struct AuditCaseCommand: AssayCommand {
    static let configuration = CommandConfiguration(
        commandName: "case", abstract: "Audit a drawn case: guided at a terminal, or from an answers file (the default).",
        discussion: """
            Opens (or resumes) the audit of the case in the month's draw (default: the latest \
            month in which it was drawn), against the template for its service. Each answer is \
            saved as it is given. From a script or pipe, give --answers FILE (YAML or JSON): it is \
            checked against the template and submitted in one step, or nothing is stored. \
            See docs/audits.md.
            """,
        // Typed as `audit CASE_ID`: the word `case` is the grammar's, not the user's, so neither
        // help nor Tab offers it (it still parses).
        shouldDisplay: false)

    @Argument(help: ArgumentHelp("The case id, as in the register.", valueName: "case-id"))
    var caseID: String

    @Option(help: ArgumentHelp("The month whose draw holds the case (default the latest).", valueName: "yyyy-mm"))
    var month: Month?

    @Option(help: ArgumentHelp("A template other than the one for the case's service.", valueName: "id"))
    var template: String?

    @Flag(help: "Allow an ad-hoc audit of a case that was not drawn (flagged, left out of sample estimates).")
    var unsampled = false

    @Flag(help: "Audit again a case audited in an earlier month and not drawn in this one (flagged, left out of sample estimates).")
    var reaudit = false

    @Option(help: ArgumentHelp("Submit the whole audit from this YAML or JSON file.", valueName: "file"))
    var answers: String?

    func execute(in session: Session) throws {
        let store = try session.store()
        if unsampled && reaudit { throw AssayFailure("--unsampled and --reaudit cannot be combined; a re-audit is already left out of the estimates.") }
        let theCase = try store.auditedCase(caseID, month: month, unsampled: unsampled, reaudit: reaudit, fallbackMonth: session.month)
        if let answers {
            try submitFromFile(answers, theCase: theCase, store: store, session: session)
        } else {
            try session.requireTerminal(for: "audit \(caseID)", instead: "audit \(caseID) --answers FILE (docs/audits.md)")
            try guided(theCase, store: store, session: session)
        }
    }

    private func guided(_ theCase: AuditedCase, store: Store, session: Session) throws {
        let chosen: AuditTemplate
        if let existing = try store.audit(caseID: theCase.caseID, month: theCase.month) {
            chosen = try store.template(of: existing)  // a resume keeps the version it began with
            if let template, template != chosen.id {
                session.notice("Audit \(existing.id) was begun with template \(chosen.id); carrying on with it, not \(template).")
            }
        } else {
            chosen = try pickTemplate(store: store, theCase: theCase, fromFile: nil)
        }
        if let assigned = try store.assignedAuditor(caseID: theCase.caseID, month: theCase.month),
           assigned.lowercased() != session.identity.name.lowercased() {
            session.notice("Case \(theCase.caseID) was assigned to \(assigned) for \(theCase.month).")
        }
        let (audit, created) = try store.openAudit(of: theCase, template: chosen, unsampled: unsampled)
        try GuidedAudit(session: session, store: store, audit: audit, template: chosen).run(resumed: !created)
    }

    private func submitFromFile(_ path: String, theCase: AuditedCase, store: Store, session: Session) throws {
        // An audit in progress (begun in the shell, or reopened) is completed with the template it began with.
        let inProgress = try store.audit(caseID: theCase.caseID, month: theCase.month).flatMap { $0.status == .inProgress ? $0 : nil }
        let chosen = try inProgress.map { try store.template(of: $0) }
            ?? pickTemplate(store: store, theCase: theCase, fromFile: AnswerSheet.templateID(path: path))
        let sheet = try AnswerSheet.read(path: path, template: chosen, today: session.today)
        let id = try store.submitInOneStep(theCase, template: chosen, unsampled: unsampled, answers: sheet.answers,
                                           overall: sheet.overall, reason: sheet.reason, actions: sheet.actions)
        session.write(TextPolicy.printable("\(inProgress == nil ? "Submitted" : "Completed and submitted") audit \(id) of \(theCase.caseID) (\(theCase.month), \(chosen.id) v\(chosen.version)): "
                      + "overall \(sheet.overall.rawValue) \(sheet.overall.name).\n"))
    }

    /// `--template`, else the file's `template:`, else the template for the case's service.
    private func pickTemplate(store: Store, theCase: AuditedCase, fromFile: String?) throws -> AuditTemplate {
        if let id = template ?? fromFile { return try store.template(id: id) }
        return try store.template(for: theCase.service, caseID: theCase.caseID)
    }
}

/// `audit amend AUDIT_ID --reason TEXT`: a lead reopens a submitted audit; the reason is kept.
struct AuditAmendCommand: AssayCommand {
    static let configuration = CommandConfiguration(
        commandName: "amend", abstract: "Reopen a submitted audit for changes (lead only; the reason is logged).")

    @Argument(help: ArgumentHelp("The audit id (see `audits`).", valueName: "audit-id"))
    var auditID: Int64

    @Option(help: ArgumentHelp("Why it is reopened.", valueName: "text"))
    var reason: String

    func execute(in session: Session) throws {
        let store = try session.store()
        try store.amend(auditID: auditID, reason: reason)
        let audit = try store.audit(id: auditID)
        session.write(TextPolicy.printable("Reopened audit \(auditID) of case \(audit.caseID) (\(audit.month)); it is \(audit.auditor)'s to change and submit again: audit \(audit.caseID) --month \(audit.month)\n"))
    }
}
