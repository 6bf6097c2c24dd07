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

/// What reading a return, a signed return or a key refuses: a file that is not one, or one
/// whose fields are wrong. Each names the file; worded for the command line by the shell.
public enum ReturnFileError: AssayError, Equatable {
    /// `source` is not an authority return (its format is another).
    case notAReturn(source: String, format: String)
    case unknownFormatVersion(source: String, version: Int64, supported: Int64)
    /// A field of the return (`field`; "" for the return itself) is wrong: `what` says how.
    case badField(source: String, field: String, what: String)
    case notASignedReturn(source: String)
    case notASigningKey(path: String)
    case notAPublicKey(source: String)
    case keyIDMismatch(source: String)
    /// The key stored for `authority` is not an ed25519 public key.
    case storedKeyInvalid(authority: String)
    case cannotReadPublicKey(path: String)
    /// The return names another key than the one signing it (a programming error).
    case signedWithAnotherKey

    public var kind: ErrorKind {
        switch self {
        case .cannotReadPublicKey: .storage
        case .storedKeyInvalid, .signedWithAnotherKey: .conflict
        default: .invalidInput
        }
    }

    public var place: InputPlace? {
        switch self {
        case .notAReturn(let source, _), .unknownFormatVersion(let source, _, _), .notASignedReturn(let source),
             .notAPublicKey(let source), .keyIDMismatch(let source): .file(source)
        case .badField(let source, let field, _): .file(source, field: field.isEmpty ? nil : field)
        case .notASigningKey(let path): .file(path)
        case .storedKeyInvalid, .cannotReadPublicKey, .signedWithAnotherKey: nil
        }
    }

    public var description: String {
        switch self {
        case .notAReturn(let source, let format): "\(source): format is not \(format); this is not an authority return."
        case .unknownFormatVersion(let source, let version, let supported):
            "\(source): format_version \(version) is not one this Assay reads (\(supported))."
        case .badField(let source, let field, let what): "\(source): \(field.isEmpty ? "the return" : field) \(what)."
        case .notASignedReturn(let source):
            "\(source) is not a signed authority return: it must hold exactly \"return\" and \"signature\"."
        case .notASigningKey(let path): "\(path) is not an Assay signing key (ed25519)."
        case .notAPublicKey(let source): "\(source) is not an Assay public key (ed25519)."
        case .keyIDMismatch(let source): "\(source): key_id does not match the public key."
        case .storedKeyInvalid(let authority): "The stored key of \(authority) is not an ed25519 public key."
        case .cannotReadPublicKey(let path): "Cannot read the public key \(path)."
        case .signedWithAnotherKey: "internal: the return names another key than the one signing it"
        }
    }
}
