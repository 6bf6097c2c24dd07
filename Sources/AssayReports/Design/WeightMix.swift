import AssayCore

/// How much of a pooled period's weight comes from months Assay drew and how much from
/// imported history, when a period holds both.
///
/// A drawn audit stands for N_h/n_h cases of its stratum, so a drawn month's audits together
/// stand for every open case of the strata drawn (thousands); an imported audit counts once
/// (weight 1, docs/statistics.md). Pooled into one design, the drawn months then carry almost
/// all the weight, and a 12-month rate over a first year of Assay is mostly the drawn months'
/// own. Reports say so in words rather than let a reader wonder why 12% is not 44 ÷ 665.
public struct WeightMix: Sendable, Equatable {
    /// The months with drawn audits, and those with imported history only.
    public let drawnMonths: [Month]
    public let importedMonths: [Month]
    /// The share of the total weight that drawn audits carry (0 to 1).
    public let drawnShare: Double

    /// Nil unless the audits hold both drawn audits and imported history.
    public init?(_ audits: [ReportedAudit]) {
        var strata: [Int64: [Int: Int]] = [:]
        var drawn: Set<Month> = [], imported: Set<Month> = []
        var importedWeight = 0.0
        for audit in audits {
            switch audit.origin {
            case .drawn(let drawID, let position, let population):
                strata[drawID, default: [:]][position] = population
                drawn.insert(audit.month)
            case .imported:
                importedWeight += 1
                imported.insert(audit.month)
            }
        }
        guard !drawn.isEmpty, importedWeight > 0 else { return nil }
        let drawnWeight = Double(strata.values.reduce(0) { $0 + $1.values.reduce(0, +) })
        drawnMonths = drawn.sorted()
        importedMonths = imported.subtracting(drawn).sorted()
        drawnShare = drawnWeight / (drawnWeight + importedWeight)
    }
}
