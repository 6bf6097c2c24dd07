/// What a person may do in Assay. A lead runs the monthly cycle (imports, draws, people);
/// a moderator re-grades audits; an auditor audits the cases drawn for them.
public enum Role: String, CaseIterable, Sendable, Codable {
    case auditor
    case moderator
    case lead
}
