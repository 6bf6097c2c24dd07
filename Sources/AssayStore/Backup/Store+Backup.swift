import AssayCore
import Foundation
import GRDB

extension Store {
    /// Copies the database to a new file with SQLite's online backup, in one step under one
    /// read transaction: a consistent snapshot while others go on writing (WAL readers do
    /// not block writers).
    ///
    /// The copy is written under a hidden staging name beside the target, flushed, checked
    /// (read-only) and only then linked to `path`, which never replaces a file: a backup
    /// killed or failing half-way leaves no file at `path` (the staging file is swept by
    /// the next backup into that folder), so a half-written copy can never be mistaken for a
    /// backup. The file is private (0600; 0440 in a shared folder). Returns the copy's
    /// verification.
    public func backup(to path: String) throws -> IntegrityReport {
        let path = DatabaseFile.plainPath(path)
        guard DatabaseFile.state(of: path) == .missing else {
            throw BackupError.backupExists(path: path)
        }
        let folder = DatabaseFile.folder(of: path)
        DatabaseFile.sweepLeftovers(in: folder)
        let staged = DatabaseFile.stagingPath(for: path, purpose: .partial)
        DatabaseFile.remove(staged)
        guard DatabaseFile.createPrivate(staged) else {
            throw BackupError.backupCannotCreate(folder: folder, reason: String(cString: strerror(errno)))
        }
        do {
            let destination = try DatabaseQueue(path: staged, configuration: Self.configuration(isReadOnly: false, journal: .default))
            try queue.backup(to: destination)
            // A backup is a single self-contained file: rollback-journal mode, so reading it
            // (verify, restore) never makes WAL companions beside it.
            try destination.writeWithoutTransaction { try $0.execute(sql: "PRAGMA journal_mode = DELETE") }
            try destination.close()
            DatabaseFile.sync(staged)
            let copy = try Store(existing: staged, identity: identity, readOnly: true)
            let report = try copy.verify()
            try copy.queue.close()
            // In a shared folder every Assay process has the group's access, so a backup is
            // made read-only (0440): nobody writes into one through Assay (docs/deployment.md).
            if SharedFolder.isShared(folder) { chmod(staged, 0o440) }
            guard try DatabaseFile.publish(staged, as: path) else {
                throw BackupError.backupRaced(path: path)
            }
            return report
        } catch {
            DatabaseFile.remove(staged)
            throw Self.failure("backup to \(path)", error)
        }
    }

    /// Replaces the database at `path` with the backup at `backupPath` (docs/integrity.md,
    /// "Backups and restores").
    ///
    /// Refused unless the backup is a complete Assay database that verifies, and `identity`
    /// is a lead in the live database (in the backup, when there is no usable live
    /// database). The backup's log is compared with the live one: when restoring would lose
    /// changes made since the backup, they are listed and `force` is needed; when the two
    /// logs are not one history (another database's backup), `unrelated` is needed too.
    /// The backup is copied to a hidden staging file (the backup itself is never changed),
    /// upgraded if older, checked, and then written into the live database with SQLite's
    /// backup API in one transaction: a restore killed at any point leaves the live
    /// database wholly as it was or wholly restored.
    ///
    /// Run it when nobody else is using the database: other sessions keep their open
    /// connections and see the restored content at their next transaction.
    public static func restore(from backupPath: String, to path: String, identity: Identity,
                               force: Bool, unrelated: Bool = false) throws -> RestoreOutcome {
        let backupPath = DatabaseFile.plainPath(backupPath)
        let path = DatabaseFile.plainPath(path)
        try SharedFolder.refuseRestoreOutsideService(into: path)
        switch DatabaseFile.state(of: backupPath) {
        case .missing: throw BackupError.noBackup(path: backupPath)
        case .unusable(let why): throw BackupError.unusableBackup(path: backupPath, why: why)
        case .sqlite: break
        }
        // The live database, read-only, for the role and the comparison of logs.
        var live: Store?
        var liveProblem: String?
        switch DatabaseFile.state(of: path) {
        case .missing: break
        case .unusable(let why): liveProblem = "\(path) \(why)"
        case .sqlite:
            do { live = try Store(existing: path, identity: identity, readOnly: true) } catch let error as StoreError where error.kind == .refused {
                throw error  // a refusal of the user (a login the database does not bind) is no damage to restore over
            } catch let error as StoreError {
                liveProblem = error.description
            } catch let error as UserFacingError {
                liveProblem = error.message
            }
        }
        if let live { try live.require([.lead], to: "restore the database (checked in the live database)") }
        let identity = live?.identity ?? identity  // the person the live database binds the login to
        if let liveProblem, !force {
            throw StoreError.restoreOverUnopenable(problem: liveProblem)
        }

        let staged = DatabaseFile.stagingPath(for: path, purpose: .restoring)
        DatabaseFile.sweepLeftovers(in: DatabaseFile.folder(of: path))
        DatabaseFile.remove(staged)
        guard DatabaseFile.createPrivate(staged) else {
            throw BackupError.restoreCannotStage(path: path, reason: String(cString: strerror(errno)))
        }
        do {
            let backupHead = try copy(backupPath, to: staged)
            let restored: Store
            do {
                restored = try Store(opening: staged, identity: identity, wasCreated: false, mode: .normal)
            } catch let error as StoreError where error.kind != .refused {
                throw BackupError.backupUnopenable(problem: error.description.replacingOccurrences(of: staged, with: backupPath))
            } catch let error as UserFacingError {
                throw BackupError.backupUnopenable(problem: error.message.replacingOccurrences(of: staged, with: backupPath))
            }
            if live == nil { try restored.require([.lead], to: "restore a database (checked in the backup: there is no usable live database)") }
            let report = try restored.verify()
            guard report.isIntact else {
                throw BackupError.backupDoesNotVerify(path: backupPath, report: report.text)
            }
            let comparison = try live.map { try LogComparison(live: $0, backup: restored, backupHead: backupHead) }
            if let comparison {
                if comparison.relation == .unrelated, !(force && unrelated) {
                    throw StoreError.restoreUnrelated(backup: backupPath, explanation: comparison.explanation, loss: comparison.loss.plainWords)
                }
                if comparison.loss.entries > 0, !force {
                    throw StoreError.restoreWouldLose(backup: backupPath, loss: comparison.loss.plainWords)
                }
            }
            if let live {
                try live.queue.close()
                // The live database's own connection takes the backup's pages in one
                // transaction (WAL): readers and a kill see the old state or the new.
                let target = try DatabaseQueue(path: path, configuration: configuration(isReadOnly: false))
                try restored.queue.backup(to: target)
                try target.close()
                try restored.queue.close()
            } else {
                try restored.queue.close()
                if FileManager.default.fileExists(atPath: staged + "-wal") {
                    throw BackupError.stagedCopyKeptLog
                }
                DatabaseFile.sync(staged)
                if liveProblem != nil {
                    // What is there is not a database Assay can read: it is replaced whole.
                    for suffix in ["-wal", "-shm", "-journal"] { unlink(path + suffix) }
                    guard rename(staged, path) == 0 else {
                        throw BackupError.restoreCannotMove(path: path, reason: String(cString: strerror(errno)))
                    }
                    DatabaseFile.syncFolder(of: path)
                } else if try !DatabaseFile.publish(staged, as: path) {
                    throw BackupError.restoreRaced(path: path)
                }
            }
            DatabaseFile.remove(staged)
            return RestoreOutcome(report: report, comparison: comparison, replacedUnusable: liveProblem)
        } catch let error as DatabaseError where [.SQLITE_CORRUPT, .SQLITE_NOTADB].contains(error.resultCode) {
            DatabaseFile.remove(staged)
            throw BackupError.damagedBackup(path: backupPath, sqlite: error.message ?? "malformed")
        } catch {
            DatabaseFile.remove(staged)
            throw failure("restore from \(backupPath)", error)
        }
    }

    /// Copies the backup into the (empty) staging file without changing the backup: refuses
    /// a file that is not an Assay database or is newer. Returns the backup's chain head
    /// before any upgrade, which is what the live log is compared with.
    private static func copy(_ backupPath: String, to staged: String) throws -> (seq: Int64, hash: String?) {
        let source = try openQueue(backupPath, configuration(isReadOnly: true, journal: .default), isReadOnly: true)
        defer { try? source.close() }
        let (record, head) = try source.read { db in
            let record = try SchemaRecord(db)
            let head = record.isAssay ? try? LogEntry.head(db) : nil
            return (record, head)
        }
        if let refusal = record.refusal(path: backupPath) {
            throw BackupError.refusedBackup(refusal)
        }
        let destination = try DatabaseQueue(path: staged, configuration: configuration(isReadOnly: false, journal: .default))
        try source.backup(to: destination)
        try destination.close()
        return head ?? (0, nil)
    }

    static func failure(_ doing: String, _ error: any Error) -> any Error {
        if error is UserFacingError || error is AssayError { return error }
        if let error = error as? DatabaseError { return BackupError.failed(doing: doing, explanation: StoreFailure.explain(error)) }
        return BackupError.failed(doing: doing, explanation: "\(error)")
    }
}

/// What a restore did: the restored database's verification, how its log related to the
/// replaced one, and what was given up.
public struct RestoreOutcome: Sendable {
    public let report: IntegrityReport
    public let comparison: LogComparison?
    /// Why the replaced file was not a usable database, when it was not.
    public let replacedUnusable: String?
}
