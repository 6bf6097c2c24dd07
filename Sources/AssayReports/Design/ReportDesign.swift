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
    /// Each stratum's N_h, n_h and inadequate y_h, in the order its first audit comes: the
    /// order the estimator's sums run in.
    public let strata: StratifiedCounts<Stratum>
    /// Each audit's stratum, as its row in `strata`.
    private let rowOfAudit: [Int]
    /// True when some audits are imported history (reports footnote it).
    public let includesHistory: Bool

    /// The design counted stratum by stratum (`StratifiedCounts.Tally`), the audits kept
    /// for the domains a report asks about. Counts, not one labelled observation an audit:
    /// the estimates are the same digit for digit (`ReportDesignTests`), and a month's
    /// design was most of a team page's time (docs/performance.md, "The team page").
    public init(_ audits: [ReportedAudit]) throws {
        self.audits = audits
        includesHistory = audits.contains { $0.origin == .imported }
        var tally = StratifiedCounts<Stratum>.Tally()
        var rowOfAudit: [Int] = []
        rowOfAudit.reserveCapacity(audits.count)
        for audit in audits {
            let (stratum, population) = Self.stratum(of: audit)
            rowOfAudit.append(try tally.add(stratum: stratum, population: population, inadequate: audit.inadequate))
        }
        self.rowOfAudit = rowOfAudit
        strata = try tally.counts()
    }

    /// The stratum an audit was drawn in and its N_h: its draw's stratum, or its month's
    /// imported history (N_h unknown).
    static func stratum(of audit: ReportedAudit) -> (stratum: Stratum, population: Int?) {
        switch audit.origin {
        case .drawn(let drawID, let position, let size):
            (Stratum(month: audit.month, drawID: drawID, position: position), size)
        case .imported:
            (Stratum(month: audit.month, drawID: nil, position: nil), nil)
        }
    }

    /// The authority's estimate, or nil with no audits.
    public func authority() throws -> RateEstimate? {
        try StratifiedEstimator.estimate(strata)
    }

    /// One estimate per group of `grouping` (an audit missing one of its fields, such as a
    /// service, is in none).
    public func estimates(by grouping: ReportGrouping) throws -> [ReportGroup: RateEstimate] {
        // Groups numbered as they first come, each audit's group found by its values alone
        // (no `ReportGroup` built per audit), its stratum's count kept per (row, group).
        var groupNumbers: [GroupValues: Int] = [:]
        var groups: [ReportGroup] = []
        var counts = DomainCounts(rows: strata.rows.count)
        for (index, audit) in audits.enumerated() {
            guard let values = GroupValues(audit, grouping) else { continue }
            let number: Int
            if let known = groupNumbers[values] {
                number = known
            } else {
                guard let group = grouping.group(of: audit) else { continue }
                number = groups.count
                groupNumbers[values] = number
                groups.append(group)
            }
            counts.add(audit, row: rowOfAudit[index], domain: number)
        }
        let estimates = try StratifiedEstimator.estimates(strata, domainsByRow: counts.byRow)
        return Dictionary(uniqueKeysWithValues: estimates.map { (groups[$0.key], $0.value) })
    }

    /// The estimate of one group of `grouping` (nil: none of its audits), the same figures
    /// as its entry in `estimates(by:)` without estimating every other group: a team's page
    /// wants its own team.
    public func estimate(of group: ReportGroup, by grouping: ReportGrouping) throws -> RateEstimate? {
        guard group.values.map(\.field) == grouping.fields.map(\.rawValue) else { return nil }
        let wanted = group.values.map(\.value)
        var domain = Array(repeating: DomainCount(), count: strata.rows.count)
        for (index, audit) in audits.enumerated() where grouping.audit(audit, hasValues: wanted) {
            domain[rowOfAudit[index]].add(audit.inadequate)
        }
        return try StratifiedEstimator.estimate(strata, domain: domain)
    }

    /// The design audit by audit, as `svydesign` sees it: each audit an observation labelled
    /// with its team, locality, month and service. The reports estimate from `strata`; the
    /// tests check those figures against this.
    public func sample() throws -> StratifiedSample<Stratum> {
        var monthNames: [Month: String] = [:]
        for audit in audits where monthNames[audit.month] == nil { monthNames[audit.month] = audit.month.description }
        return try StratifiedSample(audits.map { audit in
            let (stratum, population) = Self.stratum(of: audit)
            var labels = ["team": audit.team, "locality": audit.locality, "month": monthNames[audit.month]!]
            labels["service"] = audit.service?.code
            return .init(stratum: stratum, stratumPopulation: population, inadequate: audit.inadequate, labels: labels)
        })
    }

    /// An audit's values of a grouping's fields, in order; nil when it lacks one.
    private struct GroupValues: Hashable {
        let values: [String]

        init?(_ audit: ReportedAudit, _ grouping: ReportGrouping) {
            var values: [String] = []
            values.reserveCapacity(grouping.fields.count)
            for field in grouping.fields {
                switch field {
                case .team: values.append(audit.team)
                case .locality: values.append(audit.locality)
                case .service:
                    guard let service = audit.service else { return nil }
                    values.append(service.code)
                }
            }
            self.values = values
        }

    }

    /// The domains' audits stratum by stratum (m_h, k_h), as the estimator takes them.
    private struct DomainCounts {
        private struct Cell: Hashable { let row: Int, domain: Int }
        private(set) var byRow: [[(Int, DomainCount)]]
        /// Where each (stratum, domain) sits in its row's list.
        private var places: [Cell: Int] = [:]

        init(rows: Int) { byRow = Array(repeating: [], count: rows) }

        mutating func add(_ audit: ReportedAudit, row: Int, domain: Int) {
            let cell = Cell(row: row, domain: domain)
            if let place = places[cell] {
                byRow[row][place].1.add(audit.inadequate)
            } else {
                var count = DomainCount()
                count.add(audit.inadequate)
                places[cell] = byRow[row].count
                byRow[row].append((domain, count))
            }
        }
    }
}
