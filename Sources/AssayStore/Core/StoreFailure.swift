import GRDB

/// Says what an SQLite failure means for the person at the keyboard, and that nothing was
/// half-written (every write is one transaction, rolled back on any error).
public enum StoreFailure {
    public static func explain(_ error: DatabaseError) -> String {
        // SQLite's message can be stale ("not an error") when the failing call was not the
        // last one on its connection (the online backup reports on the destination's).
        let detail = error.message.flatMap { $0 == "not an error" ? nil : " (SQLite: \($0))" } ?? ""
        switch error.resultCode {
        case .SQLITE_FULL:
            return "the disk is full; nothing of this change was written. Free some space and try again\(detail)."
        case .SQLITE_READONLY:
            return "the database cannot be written: the file or its folder is read-only for \(Identity.osLoginName()); nothing was changed\(detail)."
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return "the database stayed locked by another process for longer than the busy timeout (\(Store.busyTimeoutSeconds()) s); nothing was changed. Try again, or set ASSAY_BUSY_TIMEOUT to wait longer\(detail)."
        case .SQLITE_CORRUPT, .SQLITE_NOTADB:
            return "the file is damaged or is not a database; nothing was changed. Restore the latest backup (`assay restore FILE`)\(detail)."
        case .SQLITE_CANTOPEN:
            return "the database file cannot be opened (missing folder, or no permission)\(detail)."
        case .SQLITE_IOERR:
            return "writing to the disk failed (it may be full, over quota or failing); nothing of this change was written\(detail)."
        case .SQLITE_PERM, .SQLITE_AUTH:
            return "permission denied\(detail)."
        default:
            return "database error\(detail)."
        }
    }
}

import AssayCore
