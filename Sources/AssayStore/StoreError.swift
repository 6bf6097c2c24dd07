import AssayCore

/// What the store refuses or cannot find: who may do what, what a month or the database
/// lacks, logins, settings, restores. Each case carries its facts; `description` is the plain
/// wording, and the shell adds the command to use (Sources/AssayShell/Grammar/ErrorWording.swift).
public enum StoreError: AssayError, Equatable {
    /// Only `allowed` may `action`, and `name` is not one of the database's people (`near`:
    /// people with a name close to it, a slip in the declared name).
    case notOnePerson(name: String, action: String, allowed: [Role], near: [String])
    /// Only `allowed` may `action`, and `name` holds `role`.
    case roleRefused(action: String, allowed: [Role], name: String, role: Role)
    /// `month` (nil: the month asked for) has no draw. `askerIsLead`: the asker may draw it;
    /// `latestDrawn`: the latest month drawn, for anyone else.
    case noDraw(month: Month?, askerIsLead: Bool, latestDrawn: Month?)
    /// No register has been imported; `askerIsLead`: the asker may import one.
    case noRegister(askerIsLead: Bool)
    case noFrame(id: Int64)
    /// `name` is one of the database's people already.
    case personExists(String)
    /// `name` is none of the database's people (`suggestion`: " Did you mean …?", or "").
    case noPerson(String, suggestion: String)
    case personNameMissing
    case notALoginName(String)
    /// No setting is called `name`; `settings`: the ones there are.
    case unknownSetting(String, settings: [String])
    // Opening and reading the database
    case noDatabase(path: String)
    /// The schema record refuses the file (not Assay's, newer, damaged): its words.
    case refusedDatabase(String)
    /// The file must be upgraded, which changes it, and it is opened only to read: to check
    /// it (`inspecting`), or because `login` may not write it.
    case needsUpgrade(path: String, inspecting: Bool, login: String)
    /// A database whose creation was interrupted before it had a lead.
    case unfinishedDatabase(path: String)
    /// The file is not one Assay can open (`why` says how).
    case unusableDatabase(path: String, why: String)
    /// SQLite refused (`explanation`: its error in plain words).
    case databaseFailed(path: String, explanation: String)
    /// A shared database's folder or files let others in (`problem` says how and the fix).
    case sharedFileProblem(String)
    /// The record changed under a report, `attempts` times.
    case readChanging(attempts: Int, before: String, after: String)
    /// Running set-group-id, a restore goes only into the service group's own folder.
    case restoreOutsideService(path: String, group: String)
    // Files written: outputs, folders, shared folders
    case cannotWrite(path: String, reason: String)
    case noOutputNamed
    /// The output is not a regular file: `what` it is ("a folder", "a device", "a named pipe").
    case notARegularFile(path: String, what: String?)
    case notAFolder(path: String)
    case folderNotEmpty(path: String)
    case cannotCreateFolder(path: String, reason: String)
    case cannotName(path: String, reason: String)
    /// There is no operating-system group `group`.
    case noGroup(String)
    /// A shared database's folder could not be made (`what` went wrong).
    case sharedFolderFailed(folder: String, what: String)
    // The evidence pack
    case emptyLog
    case drawChangedDuringPack(months: [Month])
    case cannotCreate(path: String)
    /// The login is bound to `holder` already.
    case loginTaken(login: String, holder: String)
    /// Running set-group-id on a database that binds no logins.
    case noLoginsBoundWhileElevated(path: String)
    /// The process's login is bound to nobody on a database that binds logins.
    case loginBoundToNobody(login: String, path: String, leads: [String])
    /// The process's login is `person`'s, and the declared name is someone else's.
    case loginIsSomeoneElse(login: String, path: String, person: String, declared: String)
    /// The change would leave the person making it locked out: their login bound to no lead.
    case wouldLockOut(login: String, name: String)
    /// A setting's value out of its range.
    case settingOutOfRange(setting: String, value: Int, allowed: ClosedRange<Int>)
    /// The live database cannot be opened, so a restore would replace it whole.
    case restoreOverUnopenable(problem: String)
    /// The backup is another database's: restoring it would lose `loss` of this one.
    case restoreUnrelated(backup: String, explanation: String, loss: String)
    /// Restoring the backup would lose `loss` entries of the live record.
    case restoreWouldLose(backup: String, loss: String)
    /// A shared database's folder is not shared with its group (`quoted`: the folder as a
    /// shell word).
    case folderNotShared(folder: String, quoted: String, group: String, actualGroup: String, mode: String)
    // The audited write path and the log
    /// A new database could not be made at `path` (`reason`: the system's words).
    case cannotCreateDatabase(path: String, reason: String)
    /// No row `id` in `table` to update (or redact): deleted meanwhile, or a caller's slip.
    case noRowToUpdate(table: String, id: Int64)
    /// No row `id` in `table` to delete.
    case noRowToDelete(table: String, id: Int64)
    /// A value for `column` of a `table` row holds text that is never stored (`problem`:
    /// `TextPolicy`'s words): the last line of defence, whatever path the value took.
    case refusedText(table: String, column: String, problem: String)
    /// Entry `seq` of the audit log names an operation this Assay does not know: a damaged
    /// or foreign log.
    case unknownLogOperation(seq: Int64, name: String)

    public var kind: ErrorKind {
        switch self {
        case .notOnePerson, .roleRefused, .noLoginsBoundWhileElevated, .loginBoundToNobody, .loginIsSomeoneElse, .wouldLockOut:
            .refused
        case .noDraw, .noRegister, .noFrame, .noPerson, .noDatabase: .notFound
        case .restoreOutsideService: .refused
        case .personNameMissing: .invalidInput
        case .notALoginName, .unknownSetting: .invalidInput
        case .unusableDatabase, .databaseFailed, .cannotCreate, .cannotWrite, .cannotCreateFolder, .cannotName, .sharedFolderFailed: .storage
        case .noOutputNamed: .invalidInput
        case .notARegularFile, .notAFolder, .folderNotEmpty: .conflict
        case .noGroup: .notFound
        case .sharedFileProblem, .readChanging, .emptyLog, .drawChangedDuringPack, .refusedDatabase, .needsUpgrade, .unfinishedDatabase: .conflict
        case .personExists, .loginTaken, .restoreOverUnopenable, .restoreUnrelated, .restoreWouldLose, .folderNotShared: .conflict
        case .settingOutOfRange: .invalidInput
        case .cannotCreateDatabase: .storage
        case .noRowToUpdate, .noRowToDelete, .unknownLogOperation: .conflict
        // Refused text is invalid input with no place the shell could name (exit status 1):
        // it reached the writer from a file, an argument or a future caller alike.
        case .refusedText: .invalidInput
        }
    }

    public var place: InputPlace? {
        switch self {
        case .settingOutOfRange: return .argument("value")
        case .notALoginName: return .argument("login")
        case .unknownSetting: return .argument("setting")
        default: return nil
        }
    }

    public var description: String {
        switch self {
        case .notOnePerson(let name, let action, let allowed, _):
            return "Only a \(Self.roles(allowed)) may \(action); \(name) is not one of this database's people."
        case .roleRefused(let action, let allowed, let name, let role):
            return "Only a \(Self.roles(allowed)) may \(action); \(name) is \(role == .auditor ? "an" : "a") \(role.rawValue)."
        case .noDraw(let month, let askerIsLead, let latest):
            let asked = "\(month?.description ?? "That month") has no draw yet"
            if askerIsLead { return asked + "." }
            return asked + "; the QA lead draws each month's sample. "
                + (latest.map { "The latest drawn month is \($0)." } ?? "No month has been drawn yet.")
        case .noRegister(let askerIsLead):
            return askerIsLead ? "No register has been imported yet."
                : "No register has been imported yet; the QA lead imports the month's case register."
        case .noFrame(let id):
            return "There is no frame \(id)."
        case .personExists(let name):
            return "\(name) is already one of this database's people."
        case .noPerson(let name, let suggestion):
            return "\(TextPolicy.printable(name, kind: .line)) is not one of this database's people.\(suggestion)"
        case .personNameMissing: return "A person needs a name."
        case .notALoginName(let login):
            return "\"\(TextPolicy.printable(login, kind: .line))\" is not a login name (letters, digits, . _ and -, at most 32 characters)."
        case .unknownSetting(let name, let settings):
            return "There is no setting \"\(name)\"; the settings are \(settings.joined(separator: ", "))."
                + EditDistance.didYouMean(name.trimmingCharacters(in: .whitespaces).lowercased(), among: settings)
        case .noDatabase(let path): return "\(path): no such database; nothing was created."
        case .refusedDatabase(let refusal): return refusal
        case .needsUpgrade(let path, let inspecting, let login):
            return "\(path) was written by an older Assay and must be upgraded, which changes the file; "
                + (inspecting ? "a check never changes a file." : "it is read-only for \(login). Nothing was changed.")
        case .unfinishedDatabase(let path):
            return """
                \(path) is an unfinished database: its creation was interrupted (by an older Assay) before it had a lead, \
                so it holds no records. Nothing was changed and nobody was made its lead. Remove it, and the next command \
                creates the database afresh; or restore a backup.
                """
        case .unusableDatabase(let path, let why): return "\(path) \(why); nothing was changed."
        case .databaseFailed(let path, let explanation): return "\(path): \(explanation)"
        case .sharedFileProblem(let problem): return problem
        case .readChanging(let attempts, let before, let after):
            return "the record changed while the report was read, \(attempts) times (audit log head \(before) then \(after)): "
                + "others are writing now. Run it again in a moment."
        case .restoreOutsideService(let path, let group):
            return """
                restore: this Assay runs set-group-id, and restores only into a database in the service group's own \
                folder (group \(group), mode 2770), which \(path) is not in; nothing was restored.
                """
        case .emptyLog: return "The audit log is empty."
        case .drawChangedDuringPack(let months):
            return "A draw of \(months.map(\.description).joined(separator: ", ")) was made or replaced while the pack was being written; "
                + "run the export again into a new folder."
        case .cannotCreate(let path): return "Cannot create \(path): it exists, or the folder cannot be written."
        case .cannotWrite(let path, let reason): return "Cannot write \(path): \(reason)."
        case .noOutputNamed: return "No output file named; give a file name."
        case .notARegularFile(let path, let what):
            if what == "a folder" { return "\(path) is a folder; give a file name. Nothing was written." }
            return "\(path) is \(what.map { "\($0), not a regular file" } ?? "not a regular file"); Assay writes only to regular files "
                + "(or - for standard output). Nothing was written."
        case .notAFolder(let path): return "\(path) exists and is not a directory."
        case .folderNotEmpty(let path): return "\(path) is not empty; give a new or empty directory."
        case .cannotCreateFolder(let path, let reason): return "Cannot create \(path): \(reason)."
        case .cannotName(let path, let reason): return "cannot name the new file \(path): \(reason)"
        case .noGroup(let group): return "init: there is no group \(group) on this machine; create it first: groupadd \(group)"
        case .sharedFolderFailed(let folder, let what): return "init: \(folder): \(what); nothing was created."
        case .loginTaken(let login, let holder):
            return "The login \(login) is already bound to \(holder); unbind it from them first."
        case .noLoginsBoundWhileElevated(let path):
            return """
                \(path) binds no operating-system logins to its people, and this Assay runs set-group-id (a protected, \
                shared installation), where the user must be proved by their login. Its administrator binds the lead's \
                login, running Assay as the service account or root (docs/deployment.md). Nothing was run.
                """
        case .loginBoundToNobody(let login, let path, let leads):
            return """
                Your login \(login) is not bound to anyone on \(path), which binds logins to its people, so \
                only a bound login may use it. A lead (\(leads.joined(separator: ", "))) can bind it. Nothing was run.
                """
        case .loginIsSomeoneElse(let login, let path, let person, let declared):
            return """
                Your login \(login) is \(person) on \(path), which binds logins to its people, so you cannot \
                act as "\(TextPolicy.printable(declared, kind: .line))". Leave out the name you declared, \
                or have that person run it from their own login. Nothing was run.
                """
        case .wouldLockOut(let login, _):
            return """
                Once one login is bound, only bound logins may use the database, and yours (\(login)) would not be \
                bound to a lead: you would be locked out. Nothing was changed.
                """
        case .settingOutOfRange(let setting, let value, let allowed):
            return "The setting \(setting) cannot be \(value): the value must be a whole number from \(allowed.lowerBound) to \(allowed.upperBound); nothing was changed."
        case .restoreOverUnopenable(let problem):
            return """
                restore: the live database cannot be opened as an Assay database: \(problem)
                Restoring replaces it with the backup, which must be asked for; nothing was restored.
                """
        case .restoreUnrelated(let backup, let explanation, let loss):
            return """
                restore: \(backup) is not a backup of this database: \(explanation)
                Restoring would replace this database's whole record (\(loss)), which must be asked for; nothing was restored.
                """
        case .restoreWouldLose(let backup, let loss):
            return """
                restore: restoring \(backup) would lose \(loss).
                Back up the database first if any of it may be needed; nothing was restored.
                """
        case .folderNotShared(let folder, let quoted, let group, let actualGroup, let mode):
            return """
                init: the folder \(folder) is not shared with \(group) (group \(actualGroup), mode \(mode); \
                it must be group \(group), mode 2770). Give the database a folder of its own, or set this one up: \
                chgrp \(group) \(quoted) && chmod 2770 \(quoted). Nothing was created.
                """
        case .cannotCreateDatabase(let path, let reason): return "\(path): cannot create the database: \(reason)."
        case .noRowToUpdate(let table, let id): return "No row \(id) in \(table) to update."
        case .noRowToDelete(let table, let id): return "No row \(id) in \(table) to delete."
        case .refusedText(let table, let column, let problem):
            return "Refused: the \(column) of a \(table) row \(problem). Nothing was written."
        case .unknownLogOperation(let seq, let name): return "audit_log row \(seq) has an unknown operation \(name)"
        }
    }

    /// "lead", "lead or moderator".
    static func roles(_ roles: [Role]) -> String { roles.map(\.rawValue).sorted().joined(separator: " or ") }
}
