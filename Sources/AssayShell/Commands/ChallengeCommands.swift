import AssayAudits
import AssayCore
import AssayOutput
import AssayStore
import ArgumentParser

/// `challenge AUDIT_ID --question Q --comment TEXT [--by NAME]` and `challenge resolve ID`:
/// a submitted grade disputed, and a moderator's or lead's answer (docs/audits.md, "Challenges").
struct ChallengeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "challenge", abstract: "Challenge a submitted grade (or resolve a challenge: challenge resolve ID).",
        usage: """
            challenge <audit-id> --question <question> --comment <text> [--by <name>]
              challenge resolve <id> --outcome accepted|partly-accepted|rejected --reason <text>
            """,
        discussion: """
            --question is a question id of the audit's template, or overall for the overall grade. \
            --by names the challenger (default you), typically the case's social worker or team manager. See docs/audits.md.
            """,
        subcommands: [ChallengeRaiseCommand.self, ChallengeResolveCommand.self],
        defaultSubcommand: ChallengeRaiseCommand.self)
}

struct ChallengeRaiseCommand: AssayCommand {
    static let configuration = CommandConfiguration(commandName: "raise", abstract: "Challenge a submitted grade (the default: challenge AUDIT_ID …).")

    @Argument(help: ArgumentHelp("The audit id (see `audits`).", valueName: "audit-id"))
    var auditID: Int64

    @Option(help: ArgumentHelp("The question id, or overall.", valueName: "question"))
    var question: String

    @Option(help: ArgumentHelp("Why the grade is wrong.", valueName: "text"))
    var comment: String

    @Option(help: ArgumentHelp("Who challenges (default you).", valueName: "name"))
    var by: String?

    func execute(in session: Session) throws {
        let store = try session.store()
        let id = try store.raiseChallenge(auditID: auditID, question: question, comment: comment, challenger: by)
        let challenge = try store.challenge(id: id)
        session.write(TextPolicy.printable("Challenge \(id) on audit \(auditID) (\(challenge.questionLabel)) by \(challenge.challenger), open.\n"))
    }
}

struct ChallengeResolveCommand: AssayCommand {
    static let configuration = CommandConfiguration(
        commandName: "resolve", abstract: "Accept, partly accept or reject a challenge, with the reason (moderators and leads).")

    @Argument(help: ArgumentHelp("The challenge id (see `challenges`).", valueName: "id"))
    var id: Int64

    @Option(help: ArgumentHelp("accepted, partly-accepted or rejected.", valueName: "outcome"))
    var outcome: String

    @Option(help: ArgumentHelp("Why.", valueName: "text"))
    var reason: String

    func execute(in session: Session) throws {
        guard let status = Challenge.Status(spelling: outcome), status != .open else {
            throw AssayFailure.usage("--outcome \(outcome): write accepted, partly-accepted or rejected."
                                     + EditDistance.didYouMean(outcome, among: ["accepted", "partly-accepted", "rejected"]))
        }
        try session.store().resolveChallenge(id: id, outcome: status, reason: reason)
        var note = ""
        if status != .rejected { note = " A lead changes the grade by reopening the audit (audit amend)." }
        session.write("Challenge \(id) \(status.spelling).\(note)\n")
    }
}

/// `challenges [--open] [--team T]`: challenges, oldest first.
struct ChallengesCommand: AssayCommand {
    static let configuration = CommandConfiguration(commandName: "challenges", abstract: "List challenges to submitted grades, oldest first.")

    @Flag(help: "Only open challenges.")
    var open = false

    @Option(help: ArgumentHelp("Only this team's (the audited case's team).", valueName: "team"))
    var team: String?

    @OptionGroup var output: OutputOptions

    func execute(in session: Session) throws {
        let challenges = try session.store().challenges(ChallengeFilter(openOnly: open, team: team))
        session.emit(Listing(
            columns: [Column("id"), Column("audit_id", "audit"), Column("case_id"), Column("team"), Column("month"), Column("question"),
                      Column("challenger"), Column("raised_at"), Column("status"), Column("comment"), Column("resolution_reason"),
                      Column("resolved_by"), Column("resolved_at")],
            rows: challenges.map { c in
                [.int(Int(c.id)), .int(Int(c.auditID)), .text(c.caseID), .text(c.team), .text(c.month.description), .text(c.questionLabel),
                 .text(c.challenger), .text(c.raisedAt), .text(c.status.spelling), .text(c.comment), .optional(c.resolutionReason),
                 .optional(c.resolvedBy), .optional(c.resolvedAt)]
            }), as: output)
    }
}
