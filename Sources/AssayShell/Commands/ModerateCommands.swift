import AssayAudits
import AssayCore
import AssayOutput
import AssayStore
import ArgumentParser

/// `moderate AUDIT_ID --answers FILE` (the default subcommand, `moderate audit` in full) and
/// `moderate sample MONTH`. A group with a default, as `audit` is, so that the audit id
/// does not swallow the word `sample`.
struct ModerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "moderate", abstract: "Moderate audits: the month's moderation sample, and blind second gradings.",
        usage: """
            moderate <audit-id> [--answers <file>]
              moderate sample <yyyy-mm> [--share <percent>] [--seed <seed>] [--replace --reason <text>] [--show]
            """,
        discussion: "See docs/moderation.md.",
        subcommands: [ModerateAuditCommand.self, ModerateSampleCommand.self], defaultSubcommand: ModerateAuditCommand.self)
}

/// `moderate AUDIT_ID --answers FILE`: a moderator's blind grades of a sampled audit, with the
/// agreed grades, stored in one step.
struct ModerateAuditCommand: AssayCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "Moderate a sampled audit, guided or from an answers file: blind grades, then agreed ones (the default).",
        discussion: """
            Moderators and leads; never one's own audit; only audits in their month's moderation \
            sample, once each. The file is an audit answers file (docs/audits.md) with optional \
            agreed:, agreed_overall and agreed_reason (docs/moderation.md). Without --answers, at a \
            terminal: the guided form, blind grades first, then the first auditor's beside them.
            """)

    @Argument(help: ArgumentHelp("The audit id (see `moderate sample MONTH --show`).", valueName: "audit-id"))
    var auditID: Int64

    @Option(help: ArgumentHelp("The moderator's answers (YAML or JSON), with any agreed grades.", valueName: "file"))
    var answers: String?

    func execute(in session: Session) throws {
        guard let answers else {
            try session.requireTerminal(for: "moderate \(auditID)", instead: "moderate \(auditID) --answers FILE (docs/moderation.md)")
            let store = try session.store()
            let (audit, template) = try store.moderationTarget(auditID: auditID)
            return try GuidedModeration(session: session, store: store, audit: audit, template: template).run()
        }
        let store = try session.store()
        let (audit, template) = try store.moderationTarget(auditID: auditID)
        let sheet = try ModerationSheet.read(path: answers, template: template, today: session.today)
        try store.moderate(auditID: auditID, template: template, sheet: sheet)
        session.write(TextPolicy.printable("Moderated audit \(auditID) of \(audit.caseID) (\(audit.month)): moderator's overall \(sheet.blind.overall.rawValue) "
                      + "\(sheet.blind.overall.name), agreed \(sheet.agreedOverall.rawValue) \(sheet.agreedOverall.name).\n"))
    }
}

/// `moderate sample MONTH`: the month's moderation sample (lead only); `--show` lists it.
struct ModerateSampleCommand: AssayCommand {
    static let configuration = CommandConfiguration(
        commandName: "sample", abstract: "Take the month's moderation sample of submitted audits (lead only), or --show it.",
        discussion: """
            One audit per auditor first, then the lowest tickets up to ceil(share × submitted \
            audits); tickets are SHA-256 of the seed and the audit id. See docs/moderation.md.
            """)

    @Argument(help: ArgumentHelp("The month whose submitted audits are sampled.", valueName: "yyyy-mm"))
    var month: Month

    @Option(help: ArgumentHelp("The share of the month's submitted audits, as 10% or 0.1 (default 10%).", valueName: "percent"))
    var share: String = "10%"

    @Option(help: ArgumentHelp("The seed (any text); default 32 secure random bytes.", valueName: "seed"))
    var seed: String?

    @Flag(help: "Replace the month's moderation sample (needs --reason; refused once any audit is moderated).")
    var replace = false

    @Option(help: ArgumentHelp("Why the sample is replaced.", valueName: "text"))
    var reason: String?

    @Flag(help: "List the month's stored sample instead of taking one (anyone).")
    var show = false

    @OptionGroup var output: OutputOptions

    func execute(in session: Session) throws {
        let store = try session.store()
        let sample: ModerationSample
        if show {
            guard let stored = try store.moderationSample(month: month) else {
                throw AssayFailure("\(month) has no moderation sample; a lead takes one: moderate sample \(month)")
            }
            sample = stored
        } else {
            if replace && (reason ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
                throw AssayFailure("moderate sample: --replace needs --reason TEXT.")
            }
            if !replace && reason != nil { throw AssayFailure("moderate sample: --reason goes with --replace.") }
            guard let fraction = ModerationSelection.parseShare(share) else {
                throw AssayFailure("--share \(share): write a percentage more than 0% and at most 100% (10%), or a fraction (0.1).")
            }
            sample = try store.takeModerationSample(month: month, share: fraction, seed: seed, replaceReason: replace ? reason : nil)
        }
        if output.format == .table {
            let percent = (sample.share * 100).formatted(.number.precision(.fractionLength(0...2)))
            session.write(TextPolicy.printable("""
                Moderation sample \(sample.id) of \(sample.month): \(sample.total) of \(sample.population) submitted audits \
                (share \(percent)%, \(sample.auditors) \(sample.auditors == 1 ? "auditor" : "auditors")), \(sample.moderatedCount) moderated.
                Seed \(sample.seed)\(sample.seedGiven ? " (given)" : "") · \(sample.algorithm) · taken \(sample.sampledAt) by \(sample.sampledBy)

                """))
        }
        session.emit(Listing(
            columns: [Column("audit_id", "id"), Column("case_id"), Column("team"), Column("auditor"), Column("chosen_as"),
                      Column("ticket"), Column("moderated_by"), Column("moderated_at")],
            rows: sample.rows.map { r in
                [.int(Int(r.auditID)), .text(r.caseID), .text(r.team), .text(r.auditor), .text(r.chosenAs), .text(r.ticket),
                 .optional(r.moderator), .optional(r.moderatedAt)]
            }), as: output)
    }
}
