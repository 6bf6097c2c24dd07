/// Something a person can do, or asked for, that bears on a problem in their input, as data:
/// a register column read as a field, a column kept, personal data allowed, a local service
/// name mapped, an escalation answered. A problem carries it (`InputProblem.request` and
/// `.remedy`, `SubmissionRules.Problem.remedy`) instead of the words for it, because how a
/// person does it depends on how they called Assay: the shell words each as the option or
/// command they type (`--map COLUMN=case_id`, `escalation respond 7 --response TEXT`, in
/// Sources/AssayShell/Grammar/ErrorWording.swift); `description` is the plain wording for
/// any other caller.
public enum UserAction: Sendable, Equatable, CustomStringConvertible {
    /// Read the register's column `column` as the field `field` (as written: it may be no
    /// field at all). A nil column: the person is to choose one.
    case mapColumn(String?, toField: String)
    /// Keep the register's column `name` as an attribute of each case.
    case keepColumn(String)
    /// Keep columns that look like personal data anyway (the frame records that it was).
    case allowPersonalData
    /// Read the local service name `spelling` as one of Assay's service codes.
    case mapService(spelling: String)
    /// Record the response to escalation `id`.
    case respondToEscalation(Int64)

    public var description: String {
        switch self {
        case .mapColumn(let column?, let field): "read column \"\(column)\" as \(field)"
        case .mapColumn(nil, let field): "name the column that gives \(field)"
        case .keepColumn(let name): "keep column \"\(name)\""
        case .allowPersonalData: "allow personal data to keep it anyway (the frame records that you did)"
        case .mapService(let spelling): "map \"\(spelling)\" to a service code"
        case .respondToEscalation(let id): "respond to escalation \(id)"
        }
    }
}
