import AssayCore

/// What audits, their answers, moderation, actions, challenges, escalations, assignment and
/// set-aside refuse or cannot find. Each case carries its facts; `description` is the plain
/// wording, and the shell adds the command to use (Sources/AssayShell/Grammar/ErrorWording.swift).
public enum AuditError: AssayError, Equatable {
    /// What a reason is needed for.
    public enum Purpose: String, Sendable, Equatable {
        case reopen, redact, resolveChallenge, setAside, cancelAction
    }

    // Cases and audits
    case caseNotInRegister(String)
    case noAudit(Int64)
    /// The case was not drawn (in `month`), and an ad-hoc audit was not asked for.
    case caseNotDrawn(String, month: Month?)
    /// A re-audit of a case with no submitted audit before `month`.
    case nothingToReaudit(String, month: Month)
    /// The case has `audit` in its month already (`submitted`, or in progress).
    case alreadyAudited(caseID: String, month: Month, audit: Int64, auditor: String, submitted: Bool)
    case auditSubmitted(audit: Int64, caseID: String, month: Month, submittedAt: String?)
    /// The audit is `auditor`'s, and the person changing it is neither they nor a lead.
    case notYourAudit(audit: Int64, caseID: String, auditor: String)
    case notSubmitted(audit: Int64, status: String)
    case noTemplateImplied(caseID: String)
    case noTemplateForService(String, caseID: String)
    case setAside(caseID: String, month: Month, by: String, reason: String)
    // Reasons and texts that must be given
    case reasonMissing(Purpose)
    case responseMissing
    case noteMissing
    case commentMissing
    case challengerMissing
    case actionIncomplete
    // Escalations, challenges, actions
    case noEscalation(Int64)
    case escalationAnswered(Int64, by: String?, at: String?, response: String)
    /// The action was part of the audit as submitted: closed, never rewritten.
    case actionSubmitted(Int64, audit: Int64)
    // Assignment
    case noAuditorsNamed
    case dueBeforeMonth(due: CalendarDate, month: Month)
    case duePassed(due: CalendarDate, today: CalendarDate)
    case notAPerson(String)
    case namedTwice(String)
    // Submission and storing
    /// The audit cannot be submitted, for these problems in its answers (an open
    /// escalation's with its remedy, for the shell to word).
    case notSubmittable(audit: Int64, problems: [SubmissionRules.Problem])
    /// The audit of the case was not stored, for these problems in its answers.
    case notStored(caseID: String, problems: [String])
    /// The audit was begun with one template, and the answers are for another.
    case templateMismatch(audit: Int64, caseID: String, begunWith: String, answersFor: String)
    /// The case has a past audit imported in its month (at `line` of its import).
    case pastAuditExists(caseID: String, month: Month, line: Int)
    /// The audit awaits a blind moderation, and its answers are hidden from the reader.
    case answersHidden(audit: Int64)
    /// A file of past audits imported already, or changed while it was read.
    case importedAlready(file: String, importID: Int64, at: String, by: String)
    case fileChanged(String)
    // Assignment
    case dueDaysOutOfCalendar(month: Month, days: Int)
    /// Every auditor named belongs to `team`, whose cases they may not audit.
    case ownTeamOnly(String)
    // Redaction
    case noAnswer(audit: Int64, question: String)
    case noEvidence(audit: Int64, question: String)
    // Challenges
    case noChallenge(Int64)
    case notSubmittedToChallenge(audit: Int64, caseID: String, month: Month)
    case noQuestion(String, template: String, version: Int, audit: Int64, questions: [String])
    case challengeResolved(Int64, status: String, by: String?, at: String?, reason: String)
    // Actions
    case noAction(Int64)
    /// An action whose what or owner is empty, in the guided audit.
    case draftActionIncomplete
    /// The due date is not allowed (`problem` says why); `raised`: the action was being raised, else changed.
    case actionDue(problem: String, raised: Bool)
    case actionNotOfAudit(Int64, audit: Int64, asked: Int64)
    case actionClosed(Int64, status: String, by: String?, at: String?, note: String?)
    // Set-aside
    case alreadySetAside(caseID: String, month: Month, by: String, reason: String)
    case auditBegunCannotSetAside(caseID: String, month: Month, audit: Int64, submitted: Bool, auditor: String)
    case notSetAside(caseID: String, month: Month)
    case monthNotDrawn(Month)
    case caseNotInDraw(caseID: String, month: Month)
    // Moderation
    case sampleHasModerations(month: Month, sample: Int64, moderated: Int)
    case nothingToModerate(Month)
    case noModerationSample(Int64)
    case ownAuditToModerate(audit: Int64, caseID: String)
    case alreadyModerated(audit: Int64, caseID: String, by: String, at: String)
    case notModeratable(audit: Int64, caseID: String, status: String)
    case moderationTemplateMismatch(audit: Int64, template: String)
    /// Problems in a moderation's answers.
    case moderationProblems([String])
    case shareOutOfRange(Double)
    case alreadySampledForModeration(month: Month, sample: Int64)
    case noModerationSampleToReplace(month: Month)
    case notInModerationSample(audit: Int64, caseID: String, month: Month)

    public var kind: ErrorKind {
        switch self {
        case .caseNotInRegister, .noAudit, .noEscalation, .notAPerson, .noAnswer, .noChallenge, .noQuestion, .noAction,
             .actionNotOfAudit, .notSetAside, .monthNotDrawn, .caseNotInDraw, .noModerationSample: .notFound
        case .notYourAudit, .setAside, .answersHidden, .ownAuditToModerate: .refused
        case .notSubmittable, .notStored, .dueDaysOutOfCalendar, .draftActionIncomplete, .actionDue, .moderationProblems: .invalidInput
        case .templateMismatch, .pastAuditExists, .importedAlready, .fileChanged, .ownTeamOnly, .noEvidence, .notSubmittedToChallenge,
             .challengeResolved, .actionClosed, .alreadySetAside, .auditBegunCannotSetAside, .sampleHasModerations,
             .nothingToModerate, .alreadyModerated, .notModeratable, .moderationTemplateMismatch: .conflict
        case .reasonMissing, .responseMissing, .noteMissing, .commentMissing, .challengerMissing, .actionIncomplete,
             .noAuditorsNamed, .dueBeforeMonth, .duePassed, .namedTwice, .shareOutOfRange: .invalidInput
        case .caseNotDrawn, .nothingToReaudit, .alreadyAudited, .auditSubmitted, .notSubmitted, .noTemplateImplied,
             .noTemplateForService, .escalationAnswered, .actionSubmitted, .alreadySampledForModeration,
             .noModerationSampleToReplace, .notInModerationSample: .conflict
        }
    }

    public var place: InputPlace? {
        switch self {
        case .reasonMissing: .argument("reason")
        case .responseMissing: .argument("response")
        case .noteMissing: .argument("note")
        case .commentMissing: .argument("comment")
        case .challengerMissing: .argument("challenger")
        case .actionIncomplete: .argument("what")
        case .noAuditorsNamed, .namedTwice: .argument("auditors")
        case .dueBeforeMonth, .duePassed: .argument("due")
        case .shareOutOfRange: .argument("share")
        default: nil
        }
    }

    public var description: String {
        switch self {
        case .caseNotInRegister(let id): "No case \(id) in any imported register."
        case .noAudit(let id): "No audit \(id)."
        case .caseNotDrawn(let id, let month):
            "Case \(id) was not drawn\(month.map { " in \($0)" } ?? ""). Only drawn cases are audited, unless an ad-hoc audit "
                + "(left out of the sample estimates) is asked for."
        case .nothingToReaudit(let id, let month):
            "Case \(id) has no submitted audit before \(month), so it cannot be re-audited; a case not drawn can have an ad-hoc audit."
        case .alreadyAudited(let id, let month, let audit, let auditor, let submitted):
            submitted
                ? "Case \(id) already has audit \(audit) in \(month) (submitted, \(auditor)); nothing was stored."
                : "Case \(id) already has audit \(audit) in \(month) (in progress, \(auditor)), begun while this one was being stored; "
                    + "nothing was stored. Run the command again to complete that audit."
        case .auditSubmitted(let audit, let id, let month, let at):
            "Audit \(audit) of case \(id) (\(month)) was submitted\(at.map { " at \($0)" } ?? "") and is read-only."
        case .notYourAudit(let audit, let id, let auditor):
            "Audit \(audit) of case \(id) is \(auditor)'s; only they or a lead may change it."
        case .notSubmitted(let audit, let status):
            "Audit \(audit) is not submitted (it is \(status)); there is nothing to reopen."
        case .noTemplateImplied(let id): "Case \(id) has no service in the register, so no template is implied."
        case .noTemplateForService(let service, let id): "No registered template applies to \(service) (case \(id)); register one, or name one."
        case .setAside(let id, let month, let by, let reason):
            "Case \(id) of \(month) was set aside by \(by): \(reason). It is not to be audited; a lead can undo that."
        case .reasonMissing(let purpose):
            switch purpose {
            case .reopen: "Reopening an audit needs a reason."
            case .redact: "A redaction needs a reason: why this text is being erased or corrected."
            case .resolveChallenge: "Resolving a challenge needs a reason."
            case .setAside: "Setting a case aside needs a reason; it is kept with the case."
            case .cancelAction: "Cancelling an action needs a reason."
            }
        case .responseMissing: "An escalation response needs some text."
        case .noteMissing: "Closing an action as done needs a note of what was done."
        case .commentMissing: "A challenge needs a comment saying why the grade is wrong."
        case .challengerMissing: "A challenge needs the challenger's name."
        case .actionIncomplete: "An action needs what must happen and who owns it."
        case .noEscalation(let id): "No escalation \(id)."
        case .escalationAnswered(let id, let by, let at, let response):
            "Escalation \(id) already has a response (\(by ?? "?"), \(at ?? "?")): \(response)"
        case .actionSubmitted(let id, let audit):
            "Action \(id) was part of audit \(audit) as it was submitted, so it is chased rather than rewritten: "
                + "close it (done or cancelled), and raise a new one with a."
        case .noAuditorsNamed: "Name the auditors to share the month's cases between."
        case .dueBeforeMonth(let due, let month):
            "The due date \(due) is before \(month) begins, the month whose cases are being audited; nothing was assigned."
        case .duePassed(let due, let today):
            "The due date \(due) has already passed (today is \(today)); give a date from today on. Nothing was assigned."
        case .notAPerson(let name): "\(name) is not one of this database's people; nothing was assigned."
        case .namedTwice(let name): "\(name) is named twice among the auditors; nothing was assigned."
        case .notSubmittable: description(wordingProblem: \.description)
        case .notStored(let id, let problems):
            (["The audit of \(id) was not stored:"] + problems.map { "  " + $0 }).joined(separator: "\n")
        case .templateMismatch(let audit, let id, let begun, let answers):
            "Audit \(audit) of \(id) was begun with template \(begun); the answers file is for \(answers). Nothing was stored."
        case .pastAuditExists(let id, let month, let line):
            "Case \(id) already has an imported past audit in \(month) (line \(line) of its import); nothing was stored."
        case .answersHidden(let audit):
            "Audit \(audit) awaits a blind moderation; its answers are hidden from all but its auditor until it is moderated (docs/moderation.md)."
        case .importedAlready(let file, let id, let at, let by):
            "\(file): this file was already imported as audit import \(id) (\(at) by \(by)); nothing was imported."
        case .fileChanged(let file): "\(file) changed while it was being imported; nothing was imported. Try again."
        case .dueDaysOutOfCalendar(let month, let days): "\(month) plus \(days) days is not a date."
        case .ownTeamOnly(let team):
            "Every auditor named belongs to \(team), and nobody audits their own team's cases; name an auditor from another team. Nothing was assigned."
        case .noAnswer(let audit, let question): "Audit \(audit) has no answer to question \(question)."
        case .noEvidence(let audit, let question): "Audit \(audit), question \(question) has no evidence text to redact."
        case .noChallenge(let id): "No challenge \(id)."
        case .notSubmittedToChallenge(let audit, let id, let month):
            "Audit \(audit) (\(id), \(month)) is not submitted; only a submitted grade can be challenged."
        case .noQuestion(let question, let template, let version, let audit, let questions):
            "No question \"\(question)\" in template \(template) v\(version) of audit \(audit). Questions: \(questions.joined(separator: ", ")), or overall."
        case .challengeResolved(let id, let status, let by, let at, let reason):
            "Challenge \(id) is already \(status) (\(by ?? "?"), \(at ?? "?")): \(reason)"
        case .noAction(let id): "No action \(id)."
        case .draftActionIncomplete: "An action needs what must happen and who owns it."
        case .actionDue(let problem, let raised): "The action was not \(raised ? "raised" : "changed"): due \(problem)."
        case .actionNotOfAudit(let id, let audit, let asked): "Action \(id) belongs to audit \(audit), not audit \(asked)."
        case .actionClosed(let id, let status, let by, let at, let note):
            by == nil && at == nil && note == nil ? "Action \(id) is already \(status); it cannot be changed."
                : "Action \(id) is already \(status) (\(by ?? "?"), \(at ?? "?")): \(note ?? "")"
        case .alreadySetAside(let id, let month, let by, let reason): "Case \(id) of \(month) is already set aside by \(by): \(reason)."
        case .auditBegunCannotSetAside(let id, let month, let audit, let submitted, let auditor):
            "Case \(id) of \(month) has audit \(audit) (\(submitted ? "submitted" : "in progress"), \(auditor)): a case whose audit "
                + "has begun is not set aside; nothing was changed."
        case .notSetAside(let id, let month): "Case \(id) of \(month) is not set aside; nothing was changed."
        case .monthNotDrawn(let month): "\(month) has no draw; only a drawn case can be set aside."
        case .caseNotInDraw(let id, let month): "Case \(id) is not in \(month)'s draw; only a drawn case can be set aside."
        case .sampleHasModerations(let month, let sample, let moderated):
            "\(month)'s moderation sample (\(sample)) already has \(moderated) \(moderated == 1 ? "audit" : "audits") moderated; it can no longer be replaced."
        case .nothingToModerate(let month): "\(month) has no submitted audits to moderate; nothing was stored."
        case .noModerationSample(let id): "No moderation sample \(id)."
        case .ownAuditToModerate(let audit, let id): "Audit \(audit) of case \(id) is your own; another moderator or lead must moderate it."
        case .alreadyModerated(let audit, let id, let by, let at):
            "Audit \(audit) of case \(id) was moderated by \(by) at \(at); a moderation is made once."
        case .notModeratable(let audit, let id, let status): "Audit \(audit) of case \(id) is \(status); only submitted audits are moderated."
        case .moderationTemplateMismatch(let audit, let template): "Audit \(audit) was graded against \(template); nothing was stored."
        case .moderationProblems(let problems): problems.joined(separator: "; ") + "; nothing was stored."
        case .shareOutOfRange: "The share to moderate must be more than 0% and at most 100%."
        case .alreadySampledForModeration(let month, let sample):
            "\(month) already has a moderation sample (\(sample)). It is taken again only for a reason; the old sample is then kept, marked replaced."
        case .noModerationSampleToReplace(let month): "\(month) has no moderation sample to replace."
        case .notInModerationSample(let audit, let id, let month):
            "Audit \(audit) of case \(id) is not in \(month)'s moderation sample; only sampled audits are moderated."
        }
    }
}

extension AuditError {
    /// `description`, with each problem of a submission worded by `wording`: the shell's
    /// words a remedy as the command to type (ErrorWording.swift); the plain
    /// `Problem.description` otherwise.
    public func description(wordingProblem wording: (SubmissionRules.Problem) -> String) -> String {
        guard case .notSubmittable(let audit, let problems) = self else { return description }
        return (["Audit \(audit) cannot be submitted yet:"] + problems.map { "  " + wording($0) }).joined(separator: "\n")
    }
}
