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
    // Moderation
    case shareOutOfRange(Double)
    case alreadySampledForModeration(month: Month, sample: Int64)
    case noModerationSampleToReplace(month: Month)
    case notInModerationSample(audit: Int64, caseID: String, month: Month)

    public var kind: ErrorKind {
        switch self {
        case .caseNotInRegister, .noAudit, .noEscalation, .notAPerson: .notFound
        case .notYourAudit, .setAside: .refused
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
        case .shareOutOfRange: "The share to moderate must be more than 0% and at most 100%."
        case .alreadySampledForModeration(let month, let sample):
            "\(month) already has a moderation sample (\(sample)). It is taken again only for a reason; the old sample is then kept, marked replaced."
        case .noModerationSampleToReplace(let month): "\(month) has no moderation sample to replace."
        case .notInModerationSample(let audit, let id, let month):
            "Audit \(audit) of case \(id) is not in \(month)'s moderation sample; only sampled audits are moderated."
        }
    }
}
