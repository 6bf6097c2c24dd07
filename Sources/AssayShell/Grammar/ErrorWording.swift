import AssayAudits
import AssayCore
import AssayHub
import AssayRegister
import AssayReports
import AssayReturn
import AssaySampling
import AssayStatistics
import AssayStore
import AssayTemplates

/// The one place where an error becomes what a person sees and what a script acts on
/// (docs/architecture.md, "Errors").
///
/// Every module throws its own error type (`StoreError`, `AuditError`, `SamplingError`, …):
/// facts, a kind (`ErrorKind`), and a plain domain wording that names no command-line flag or
/// command. Here, and nowhere else, the kind becomes an exit status (docs/shell.md, "Exit
/// status") and the wording gains, where a person at the command line needs it, the flag or
/// command that acts on it. A new error case needs a line here only if it needs a hint.
enum ErrorWording {
    /// The exit status of each kind: invalid input is a usage error (2) when it is a value
    /// given on the command line, and a failure (1) when it is in a file.
    static func exitStatus(of error: any AssayError) -> ExitStatus {
        switch error.kind {
        case .notFound: .notFound
        case .refused: .refused
        case .conflict, .storage: .failure
        case .invalidInput:
            if case .argument = error.place { .usage } else { .failure }
        }
    }

    /// The module's wording, with the command-line hint where one helps: the error's own
    /// (`hint(for:)`), or else, for a value given on the command line, the flag that gave it
    /// (`--size: the sample size must be at least 1.`).
    static func message(for error: any AssayError) -> String {
        let description = (error as? AuditError)?.description(wordingProblem: words(for:)) ?? error.description
        switch hint(for: error) {
        case .after(let hint)?: return description + " " + hint
        case .before(let hint)?: return hint + lowercasingFirstWord(description)
        case nil:
            if error.kind == .invalidInput, case .argument(let name)? = error.place, let flag = flags[name] {
                return flag + ": " + lowercasingFirstWord(description)
            }
            return description
        }
    }

    /// A problem in a file, as a person at the command line sees it: the option they gave
    /// that it is in (`--keep Surname: `), what is wrong, and the option that fixes it
    /// (`; name one with --map COLUMN=case_id`).
    static func words(for problem: InputProblem) -> String {
        problem.location + (problem.request.map { command(for: $0) + ": " } ?? "") + problem.reason
            + (problem.remedy.map(remedy) ?? "")
    }

    /// An unmet rule of a submission, with the command that meets it where it is not done
    /// in the audit itself.
    static func words(for problem: SubmissionRules.Problem) -> String {
        problem.message + (problem.remedy.map(remedy) ?? "")
    }

    /// What a person types to do `action`: an option of the command they ran, or a command.
    static func command(for action: UserAction) -> String {
        switch action {
        case .mapColumn(let column, let field): "--map \(column ?? "COLUMN")=\(field)"
        case .keepColumn(let name): "--keep \(name)"
        case .allowPersonalData: "--allow-personal-data"
        case .mapService(let spelling): "--map-service \"\(spelling)=CODE\""
        case .respondToEscalation(let id): "escalation respond \(id) --response TEXT"
        }
    }

    /// `action` as the end of a problem's sentence, naming what to type.
    static func remedy(_ action: UserAction) -> String {
        switch action {
        case .mapColumn: "; name one with " + command(for: action)
        case .keepColumn: "; keep it with " + command(for: action)
        case .allowPersonalData: ". Add \(command(for: action)) to keep it anyway (the frame records that you did)"
        case .mapService: "; map a local name with " + command(for: action)
        case .respondToEscalation: " (\(command(for: action)))"
        }
    }

    /// Where the hint goes: after the wording, as a sentence of its own, or before it, as
    /// what it is about (`--due: the due date … has already passed`).
    enum Hint {
        case after(String)
        case before(String)
    }

    /// The command-line option of each value the libraries name in an error
    /// (`InputPlace.argument`). A value named nowhere here is worded without its flag.
    static let flags: [String: String] = [
        "reason": "--reason", "response": "--response", "note": "--note", "comment": "--comment", "challenger": "--by",
        "auditors": "--auditors", "due": "--due", "share": "--share",
        // plan
        "expected": "--expected", "margin": "--margin", "confidence": "--confidence", "detect": "--detect",
        "power": "--power", "alpha": "--alpha",
        // reports, returns
        "months": "--months", "authority": "--authority", "hub": "--hub",
        // import cases
        "asOf": "--as-of", "serviceMap": "--map-service",
        // draw
        "size": "--size", "perStratum": "--per-stratum", "minimumPerStratum": "--min-per-stratum",
        "excludeRecentMonths": "--exclude-recent", "reauditWeeks": "--include-reaudits", "by": "--by",
    ]

    /// "The sample size …" → "the sample size …"; a first word in capitals (an id, "NHS")
    /// or a name is left as it is.
    static func lowercasingFirstWord(_ text: String) -> String {
        guard let first = text.first, first.isUppercase, let second = text.dropFirst().first, second.isLowercase,
              let word = text.split(separator: " ").first, ["The", "A", "An"].contains(word) else { return text }
        return first.lowercased() + text.dropFirst()
    }

    /// `error` as a person sees it: Assay's own errors and a rejected file's problems worded
    /// here, errors already worded for a person (`UserFacingError`: the shell's own
    /// messages) as they are; nil for anything else (a bug, or SQLite's own error).
    static func userFacing(_ error: any Error) -> (any UserFacingError)? {
        if let error = error as? any AssayError { return AssayFailure(message(for: error), exitStatus: exitStatus(of: error)) }
        if let rejected = error as? InputRejected {
            return AssayFailure(rejected.message(wording: words(for:)), exitStatus: rejected.exitStatus)
        }
        return error as? any UserFacingError
    }

    /// What to type: the flag or command that acts on the error.
    static func hint(for error: any AssayError) -> Hint? {
        switch error {
        case let error as StoreError: hint(error).map(Hint.after)
        case let error as SamplingError: hint(error).map(Hint.after)
        case let error as AuditError: hint(error).map(Hint.after)
        case let error as ReportError: hint(error)
        case let error as ReturnError: hint(error).map(Hint.after)
        case let error as HubError: hint(error).map(Hint.after)
        case let error as TemplateError:
            if case .noTemplate = error { .after("`templates` lists them.") } else { nil }
        case let error as RegisterError:
            if case .alreadyImported(_, _, _, _, _, false, _) = error { .after("If so, add --same-content.") } else { nil }
        default: nil
        }
    }

    /// ` Did you mean --as "Ash Auditor"?` for a declared name that is nobody's but close to
    /// someone's (a slip in `--as` or `$ASSAY_AUDITOR`), else "".
    static func didYouMeanAs(_ near: [String]) -> String {
        guard !near.isEmpty else { return "" }
        return " Did you mean " + near.map { "--as \"\($0)\"" }.joined(separator: " or ") + "?"
    }

    private static func hint(_ error: AuditError) -> String? {
        switch error {
        case .caseNotDrawn, .nothingToReaudit: "An ad-hoc audit needs --unsampled."
        case .alreadyAudited(_, _, let audit, _, true), .auditSubmitted(let audit, _, _, _):
            "A lead can reopen it: audit amend \(audit) --reason TEXT"
        case .noTemplateImplied, .noTemplateForService: "Name one with --template ID."
        case .setAside(let caseID, let month, _, _): "To undo it: set-aside \(caseID) --month \(month) --undo"
        case .reasonMissing: "Give it with --reason TEXT."
        case .responseMissing: "Give it with --response TEXT."
        case .noteMissing: "Give it with --note TEXT."
        case .commentMissing: "Give it with --comment TEXT."
        case .challengerMissing: "Give it with --by NAME."
        case .actionIncomplete: "Give them with --what TEXT and --owner NAME."
        case .noEscalation: "`escalations` lists them."
        case .noAudit: "`audits` lists them."
        case .noChallenge: "`challenges` lists them."
        case .noAction: "`actions` lists them."
        case .actionSubmitted(let id, _): "The commands: action done \(id) --note TEXT, or action cancel \(id) --reason TEXT."
        case .noAuditorsNamed: "For example: --auditors \"Sam Patel,Ana Ruiz\"."
        case .notAPerson(let name): "A lead can add them: people add \"\(name)\" --role auditor --team TEAM"
        case .alreadySampledForModeration: "To take it again, add --replace --reason TEXT."
        case .notInModerationSample(_, _, let month): "moderate sample \(month) --show lists them."
        default: nil
        }
    }

    private static func hint(_ error: ReportError) -> Hint? {
        switch error {
        case .periodReversed(let from, let to): .before("--from \(from) --to \(to): ")
        case .unknownGroupingField(let text, _), .groupingFieldTwice(let text, _): .before("--by \(text): ")
        case .funnelByService: .after("Use --by team, locality or team,locality.")
        default: nil
        }
    }

    private static func hint(_ error: ReturnError) -> String? {
        switch error {
        case .noSigningKey: "The lead makes one with: assay keys init --authority NAME"
        default: nil
        }
    }

    private static func hint(_ error: HubError) -> String? {
        switch error {
        case .noHubNamed: "Give --hub postgres://… or set ASSAY_HUB_URL."
        case .notAHub: "Run `assay hub init` on it first."
        case .unknownKey: "Add it first: assay hub authority add NAME --key PUBLIC-KEY-FILE."
        default: nil
        }
    }

    private static func hint(_ error: SamplingError) -> String? {
        switch error {
        case .alreadyDrawn: "To draw again, add --replace --reason TEXT."
        case .minimumsExceedTotal: "Use coarser strata (e.g. --by team), a lower --min-per-stratum, or a larger --size."
        default: nil
        }
    }

    private static func hint(_ error: StoreError) -> String? {
        switch error {
        case .notOnePerson(let name, _, _, let near):
            return String(didYouMeanAs(near).dropFirst()) + (near.isEmpty ? "" : " ")
                + "A lead can add them: people add \"\(name)\" --role ROLE"
        case .roleRefused: return nil
        case .noDraw(let month, let askerIsLead, let latest):
            if askerIsLead { return "Draw it: draw --month \(month?.description ?? "YYYY-MM") --size N" }
            return latest == nil ? nil : "`todo` lists your cases to audit in every month."
        case .noRegister(let askerIsLead):
            return askerIsLead ? "Import one: import cases FILE.csv" : nil
        case .noFrame: return "`frames` lists them."
        case .personExists, .noPerson, .personNameMissing, .notALoginName, .unknownSetting, .noDatabase, .unusableDatabase,
             .databaseFailed, .sharedFileProblem, .readChanging, .restoreOutsideService, .emptyLog, .drawChangedDuringPack,
             .cannotCreate, .cannotWrite, .noOutputNamed, .notARegularFile, .notAFolder, .folderNotEmpty, .cannotCreateFolder,
             .cannotName, .noGroup, .sharedFolderFailed, .refusedDatabase, .unfinishedDatabase, .cannotCreateDatabase,
             .noRowToUpdate, .noRowToDelete, .refusedText, .unknownLogOperation: return nil
        case .needsUpgrade(_, let inspecting, _):
            return inspecting ? "`verify` never changes a file. Back it up, then run any other command to upgrade it. Nothing was changed." : nil
        case .loginTaken(_, let holder): return "Unbind it: people login \"\(holder)\" --none"
        case .noLoginsBoundWhileElevated(let path):
            return "The command: assay --db \(path) people login \"LEAD NAME\" LOGIN"
        case .loginBoundToNobody(let login, let path, _):
            return "The command: assay --db \(path) people login \"YOUR NAME\" \(login) (or, for someone new: "
                + "people add \"YOUR NAME\" --role auditor --login \(login))."
        case .loginIsSomeoneElse: return "(The name was declared with --as or $ASSAY_AUDITOR.)"
        case .wouldLockOut(let login, let name): return "Bind your own first: people login \"\(name)\" \(login)"
        case .settingOutOfRange: return nil
        case .restoreOverUnopenable: return "Add --force to do that."
        case .restoreUnrelated: return "If that is what you mean, add --force --unrelated."
        case .restoreWouldLose: return "Then add --force to restore."
        case .folderNotShared(_, let quoted, _, _, _):
            return "A folder of its own, created for you: --db \(quoted)/assay/assay.db"
        }
    }
}
