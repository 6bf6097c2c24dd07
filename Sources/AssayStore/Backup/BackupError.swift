import AssayCore

/// What a backup or a restore refuses or cannot do; every restore refusal says nothing was
/// restored. (Who may restore, and restores that need to be asked for, are `StoreError`s.)
/// Worded for the command line by the shell (ErrorWording.swift).
public enum BackupError: AssayError, Equatable {
    /// A backup never overwrites.
    case backupExists(path: String)
    case backupCannotCreate(folder: String, reason: String)
    /// Someone else made the file while the backup was written.
    case backupRaced(path: String)
    case noBackup(path: String)
    /// The backup is not an SQLite database Assay can read (`why`).
    case unusableBackup(path: String, why: String)
    /// The schema record refuses the backup (newer, not Assay's): its words.
    case refusedBackup(String)
    /// The backup, staged, cannot be opened (`problem`, naming the backup).
    case backupUnopenable(problem: String)
    /// The backup's log does not verify (`report`: the verification).
    case backupDoesNotVerify(path: String, report: String)
    /// SQLite found the backup damaged.
    case damagedBackup(path: String, sqlite: String)
    case restoreCannotStage(path: String, reason: String)
    case stagedCopyKeptLog
    case restoreCannotMove(path: String, reason: String)
    case restoreRaced(path: String)
    /// SQLite or the system failed while `doing` (`explanation`).
    case failed(doing: String, explanation: String)

    public var kind: ErrorKind {
        switch self {
        case .noBackup: .notFound
        case .backupExists, .backupRaced, .unusableBackup, .refusedBackup, .backupDoesNotVerify, .damagedBackup, .restoreRaced: .conflict
        case .backupCannotCreate, .backupUnopenable, .restoreCannotStage, .stagedCopyKeptLog, .restoreCannotMove, .failed: .storage
        }
    }

    public var description: String {
        switch self {
        case .backupExists(let path): "backup: \(path) already exists; give a new file name (a backup never overwrites)."
        case .backupCannotCreate(let folder, let reason): "backup: cannot create a file in \(folder): \(reason)."
        case .backupRaced(let path): "backup: \(path) was created by someone else meanwhile; nothing was written there."
        case .noBackup(let path): "restore: \(path): no such file; nothing was restored."
        case .unusableBackup(let path, let why): "restore: \(path) \(why); nothing was restored."
        case .refusedBackup(let refusal): "restore: " + refusal.replacingOccurrences(of: "nothing was changed", with: "nothing was restored")
        case .backupUnopenable(let problem): "restore: \(problem) Nothing was restored."
        case .backupDoesNotVerify(let path, let report): "restore: \(path) does not verify; nothing was restored.\n" + report
        case .damagedBackup(let path, let sqlite):
            "restore: \(path) is damaged or incomplete (a copy cut short, or a half-written backup): SQLite says \"\(sqlite)\". Nothing was restored."
        case .restoreCannotStage(let path, let reason): "restore: cannot create a file beside \(path): \(reason); nothing was restored."
        case .stagedCopyKeptLog: "restore: the staged copy kept a write-ahead log after closing; nothing was restored."
        case .restoreCannotMove(let path, let reason): "restore: cannot move the restored copy to \(path): \(reason)."
        case .restoreRaced(let path): "restore: \(path) was created by someone else meanwhile; nothing was restored."
        case .failed(let doing, let explanation): "\(doing): \(explanation)"
        }
    }
}
