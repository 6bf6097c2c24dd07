/// One team × locality cell of a generated register, with the number of open cases in it.
///
/// Sampling draws within strata, so how their sizes vary matters: a few large, several small,
/// and a couple with one to three cases, which is where proportional allocation and weighting
/// go wrong first.
public struct Stratum: Sendable, Equatable {
    public let team: String
    public let locality: String
    public let kind: TeamKind
    public let caseCount: Int
}

/// A stratum before the register's size is known: its share, in relative weight.
struct StratumPlan: Sendable {
    let team: String
    let locality: String
    let kind: TeamKind
    let weight: Int
}

extension StratumPlan {
    /// Shares `caseCount` among `plans` in proportion to their weights (largest remainder,
    /// ties to the earlier stratum), then makes sure every stratum has at least one case by
    /// taking from the largest. Integer arithmetic only, so the split is the same everywhere;
    /// when `caseCount` equals the total weight, every stratum gets exactly its weight.
    static func allocate(_ caseCount: Int, among plans: [StratumPlan]) -> [Stratum] {
        precondition(caseCount >= plans.count, "every stratum needs at least one case")
        // If every weight is zero, share evenly.
        let weights = plans.contains { $0.weight > 0 } ? plans.map(\.weight) : plans.map { _ in 1 }
        let totalWeight = weights.reduce(0, +)
        var counts = weights.map { $0 * caseCount / totalWeight }
        let remainders = weights.map { $0 * caseCount % totalWeight }
        var short = caseCount - counts.reduce(0, +)
        let byRemainder = plans.indices.sorted { remainders[$0] != remainders[$1] ? remainders[$0] > remainders[$1] : $0 < $1 }
        for index in byRemainder where short > 0 {
            counts[index] += 1
            short -= 1
        }
        for index in counts.indices where counts[index] == 0 {
            let largest = counts.indices.max { counts[$0] != counts[$1] ? counts[$0] < counts[$1] : $0 > $1 }!
            counts[largest] -= 1
            counts[index] = 1
        }
        return zip(plans, counts).map {
            Stratum(team: $0.team, locality: $0.locality, kind: $0.kind, caseCount: $1)
        }
    }
}
