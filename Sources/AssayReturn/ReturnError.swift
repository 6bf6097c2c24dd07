import AssayCore

/// What making or signing an authority return refuses: its key, its file, an empty record.
/// Worded for the command line by the shell (ErrorWording.swift).
public enum ReturnError: AssayError, Equatable {
    /// A signing key needs the authority's name.
    case authorityNameMissing
    /// There is no signing key at `path`.
    case noSigningKey(path: String)
    /// A key file is never written over.
    case keyExists(path: String)
    /// The key belongs to another login.
    case keyOwnedByAnother(path: String)
    /// The key file can be read by others (`mode`, octal).
    case keyReadableByOthers(path: String, mode: String)
    case cannotWrite(path: String, reason: String)
    case cannotRead(path: String)
    /// The database has no audit log, so no chain head to return.
    case noAuditLog

    public var kind: ErrorKind {
        switch self {
        case .authorityNameMissing: .invalidInput
        case .noSigningKey: .notFound
        case .keyOwnedByAnother: .refused
        case .keyExists, .keyReadableByOthers, .noAuditLog: .conflict
        case .cannotWrite, .cannotRead: .storage
        }
    }

    public var place: InputPlace? {
        if case .authorityNameMissing = self { return .argument("authority") }
        return nil
    }

    public var description: String {
        switch self {
        case .authorityNameMissing: "A signing key needs the authority's name."
        case .noSigningKey(let path): "No signing key at \(path)."
        case .keyExists(let path): "\(path) exists already; a signing key is never replaced by accident (move it away first)."
        case .keyOwnedByAnother(let path): "\(path) belongs to another login; only the login that made the key may sign with it."
        case .keyReadableByOthers(let path, let mode):
            "\(path) can be read by others (mode \(mode)); make it private with chmod 600 \(path), and consider making a new key."
        case .cannotWrite(let path, let reason): "Cannot write \(path): \(reason)."
        case .cannotRead(let path): "Cannot read \(path)."
        case .noAuditLog: "The database has no audit log yet; nothing to return."
        }
    }
}
