import AssayCore

/// What a report refuses: its period, its grouping, a team it does not know. Worded for the
/// command line by the shell (ErrorWording.swift).
public enum ReportError: AssayError, Equatable {
    /// A period whose first month is after its last.
    case periodReversed(from: Month, to: Month)
    /// A trend window of fewer than 2 months.
    case tooFewMonths(Int)
    /// `word` of the grouping `text` is not a field to group by.
    case unknownGroupingField(text: String, word: String)
    /// `word` is given twice in the grouping `text`.
    case groupingFieldTwice(text: String, word: String)
    case noGroupingField
    /// The funnel compares teams or localities, never services.
    case funnelByService
    /// The funnel was given counts that are not grouped.
    case funnelUngrouped
    /// No team spelled `name`; `known`: the teams there are.
    case noTeam(String, known: [String])

    public var kind: ErrorKind {
        switch self {
        case .noTeam: .notFound
        case .funnelUngrouped: .conflict
        default: .invalidInput
        }
    }

    public var place: InputPlace? {
        switch self {
        case .periodReversed: .argument("from")
        case .tooFewMonths: .argument("months")
        case .unknownGroupingField, .groupingFieldTwice, .noGroupingField, .funnelByService: .argument("by")
        case .funnelUngrouped, .noTeam: nil
        }
    }

    public var description: String {
        switch self {
        case .periodReversed(let from, let to): "The first month, \(from), is after the last, \(to)."
        case .tooFewMonths(let months): "A trend needs at least 2 months; got \(months)."
        case .unknownGroupingField(_, let word):
            "\"\(word)\" is not a field to group by (team, locality, service, or two joined by a comma)."
                + EditDistance.didYouMean(word, among: ["team", "locality", "service"])
        case .groupingFieldTwice(_, let word): "\(word) is given twice."
        case .noGroupingField: "A grouping needs a field: team, locality, service or team,locality."
        case .funnelByService:
            "The funnel compares teams or localities, not services: audits without a service would leave the authority "
                + "rate out of step with the groups'."
        case .funnelUngrouped: "The funnel compares groups: counts by team or locality."
        case .noTeam(let name, let known):
            known.isEmpty ? "No team \"\(name)\": this database knows no teams yet (import a register first)."
                : "No team \"\(name)\". Known teams: \(known.joined(separator: "; "))."
        }
    }
}
