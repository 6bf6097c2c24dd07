import AssayCore
import AssayStatistics

/// The sampling design behind a report's audits, as `StratifiedEstimator` takes it.
///
/// A drawn audit's stratum is its draw's stratum, keyed with the draw (so each month's strata
/// are their own, with their own N_h and n_h, when a report spans months); imported history
/// is one stratum per month with unknown population (weight 1). docs/statistics.md gives the
/// estimator; docs/reports.md what counts.
public struct ReportDesign: Sendable {
    /// A stratum of the design.
    public struct Stratum: Hashable, Sendable, CustomStringConvertible {
        public let month: Month
        /// nil for imported history (one stratum for the month).
        public let drawID: Int64?
        public let position: Int?

        public var description: String {
            drawID.map { "\(month) draw \($0) stratum \(position ?? 0)" } ?? "\(month) imported history"
        }
    }

    public let audits: [ReportedAudit]
    public let sample: StratifiedSample<Stratum>
    /// True when some audits are imported history (reports footnote it).
    public let includesHistory: Bool

    public init(_ audits: [ReportedAudit]) throws {
        self.audits = audits
        includesHistory = audits.contains { $0.origin == .imported }
        // Each month spelled once, not once an audit (a ten-year window holds a million).
        var monthNames: [Month: String] = [:]
        for audit in audits where monthNames[audit.month] == nil { monthNames[audit.month] = audit.month.description }
        sample = try StratifiedSample(audits.map { audit in
            let stratum: Stratum
            let population: Int?
            switch audit.origin {
            case .drawn(let drawID, let position, let size):
                stratum = Stratum(month: audit.month, drawID: drawID, position: position)
                population = size
            case .imported:
                stratum = Stratum(month: audit.month, drawID: nil, position: nil)
                population = nil
            }
            var labels = ["team": audit.team, "locality": audit.locality, "month": monthNames[audit.month]!]
            labels["service"] = audit.service?.code
            return .init(stratum: stratum, stratumPopulation: population, inadequate: audit.inadequate, labels: labels)
        })
    }

    /// The authority's estimate, or nil with no audits.
    public func authority() throws -> RateEstimate? {
        try StratifiedEstimator.estimate(sample)
    }

    /// One estimate per group of `grouping`.
    public func estimates(by grouping: ReportGrouping) throws -> [ReportGroup: RateEstimate] {
        try StratifiedEstimator.estimates(sample) { groupOf($0, grouping) }
    }

    /// The estimate of one group of `grouping` (nil: none of its audits), the same figures
    /// as its entry in `estimates(by:)` (the same counts, stratum by stratum, summed in the
    /// same order) without estimating every other group: a team's page wants its own team.
    public func estimate(of group: ReportGroup, by grouping: ReportGrouping) throws -> RateEstimate? {
        // The group's values field by field, compared with each audit's labels as they are
        // (`groupOf` would build a group for every audit to compare: a fifth of a team page).
        let fields = grouping.fields.map(\.rawValue)
        guard group.values.map(\.field) == fields else { return nil }
        let values = group.values.map(\.value)
        return try StratifiedEstimator.estimate(sample) { observation in
            fields.indices.allSatisfy { observation.labels[fields[$0]] == values[$0] }
        }
    }

    private func groupOf(_ observation: StratifiedSample<Stratum>.Observation, _ grouping: ReportGrouping) -> ReportGroup? {
        var values: [ReportGroup.Value] = []
        for field in grouping.fields {
            guard let value = observation.labels[field.rawValue] else { return nil }
            values.append(.init(field: field.rawValue, value: value))
        }
        return ReportGroup(values: values)
    }
}
