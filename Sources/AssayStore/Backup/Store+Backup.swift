import AssayCore
import Foundation
import GRDB

extension Store {
    /// Copies the database to a new file with SQLite's online backup, in one step under one
    /// read transaction: a consistent snapshot while others go on writing (WAL readers do
    /// not block writers). The file is created private (0600) and must not exist yet.
    /// Returns the copy's verification, so a backup is known good when it is made.
    public func backup(to path: String) throws -> IntegrityReport {
        guard !FileManager.default.fileExists(atPath: path) else {
            throw AssayFailure("backup: \(path) already exists; give a new file name (a backup never overwrites).")
        }
        guard Self.createPrivateFile(path) else {
            throw AssayFailure("backup: cannot create \(path): \(String(cString: strerror(errno))).")
        }
        do {
            let destination = try DatabaseQueue(path: path)
            try queue.backup(to: destination)
            try destination.close()
            return try Store(path: path, identity: identity).verify()
        } catch {
            Self.removeDatabaseFiles(path)
            throw Self.failure("backup to \(path)", error)
        }
    }

    /// Replaces the database at `path` with the backup at `backupPath`, after checking that
    /// the backup verifies and that `identity` is a lead in it. Refuses to replace an
    /// existing database unless `force`. The backup file itself is never changed: it is
    /// first copied beside the target, and that copy is checked and then moved into place.
    ///
    /// Run it when nobody else is using the database: other sessions keep the file they
    /// opened.
    public static func restore(from backupPath: String, to path: String, identity: Identity, force: Bool) throws -> IntegrityReport {
        guard FileManager.default.fileExists(atPath: backupPath) else {
            throw AssayFailure("restore: \(backupPath): no such file.")
        }
        if FileManager.default.fileExists(atPath: path), !force {
            throw AssayFailure("restore: \(path) exists; restoring replaces everything in it. Add --force to replace it.")
        }
        let staging = path + ".restoring-\(getpid())"
        removeDatabaseFiles(staging)
        guard createPrivateFile(staging) else {
            throw AssayFailure("restore: cannot create \(staging): \(String(cString: strerror(errno))).")
        }
        do {
            var readOnly = Configuration()
            readOnly.readonly = true
            let source = try DatabaseQueue(path: backupPath, configuration: readOnly)
            let copy = try DatabaseQueue(path: staging)
            try source.backup(to: copy)
            try source.close()
            try copy.close()
            let restored = try Store(path: staging, identity: identity)
            try restored.require([.lead], to: "restore a database")
            let report = try restored.verify()
            guard report.isIntact else {
                throw AssayFailure("restore: \(backupPath) does not verify; nothing was restored.\n" + report.text)
            }
            try restored.queue.close()
            // The old file's WAL must go first: SQLite would replay it into the new file.
            for suffix in ["-wal", "-shm"] { unlink(path + suffix) }
            guard rename(staging, path) == 0 else {
                throw AssayFailure("restore: cannot move the restored copy to \(path): \(String(cString: strerror(errno))).")
            }
            return report
        } catch {
            removeDatabaseFiles(staging)
            throw failure("restore from \(backupPath)", error)
        }
    }

    static func createPrivateFile(_ path: String) -> Bool {
        let fd = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return false }
        close(fd)
        return true
    }

    static func removeDatabaseFiles(_ path: String) {
        for suffix in ["", "-wal", "-shm"] { unlink(path + suffix) }
    }

    private static func failure(_ doing: String, _ error: any Error) -> any Error {
        if error is UserFacingError { return error }
        if let error = error as? DatabaseError { return AssayFailure("\(doing): \(StoreFailure.explain(error))") }
        return AssayFailure("\(doing): \(error)")
    }
}
