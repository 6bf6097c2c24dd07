/// What kind of failure an error is. Every module's error type (`StoreError`, `AuditError`,
/// `SamplingError`, …) says which of these each of its cases is; the shell decides from the
/// kind alone what a script sees (its exit status, docs/shell.md "Exit status"), so a new
/// case needs no change there unless a person at the command line needs a hint to act on it.
///
/// As GRDB's `DatabaseError` carries a result code beside its message, an Assay error carries
/// its kind beside its facts.
public enum ErrorKind: String, Sendable, Equatable, CaseIterable {
    /// What was named is not there: a case, an audit, a draw, a frame, a template, a file.
    case notFound
    /// The person may not do it: their role does not allow it, or they are not one of the
    /// database's people, or their login is someone else's.
    case refused
    /// The state of the record forbids it: already submitted, already drawn, already
    /// moderated, changed meanwhile.
    case conflict
    /// A value given, or a file read, is not acceptable: its place says where.
    case invalidInput
    /// The database or a file could not be read or written.
    case storage
}

/// Where invalid input was.
public enum InputPlace: Sendable, Equatable, CustomStringConvertible {
    /// A value the caller gave, by the library's name for it (`size`, `reason`, `due`): a
    /// command's option or argument at the command line, which the shell names.
    case argument(String)
    /// A place in a file: its path, and the line and field where they are known.
    case file(String, line: Int? = nil, field: String? = nil)

    public var description: String {
        switch self {
        case .argument(let name): return name
        case .file(let path, let line, let field):
            return String(InputProblem(file: path, line: line, field: field, reason: "").location.dropLast(2))
        }
    }
}

/// An error of one of Assay's modules. Each module has one such type, an enum whose cases
/// carry the facts (the case id, the month, the role needed, the audit id) and whose
/// `description` is the plain domain wording: a sentence or two a person can read, naming no
/// command-line flag or command. The shell (`Sources/AssayShell/Grammar/ErrorWording.swift`)
/// turns one into what the user sees: that wording, a command-line hint where one helps,
/// and the exit status of its kind.
public protocol AssayError: Error, Sendable, CustomStringConvertible {
    var kind: ErrorKind { get }
    /// Where the invalid input was (for `.invalidInput`), else nil.
    var place: InputPlace? { get }
}

extension AssayError {
    public var place: InputPlace? { nil }
}
