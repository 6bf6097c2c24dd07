import AssayCore
import AssayStatistics

/// The current strata of every authority over a period, as the regional reports read them,
/// and the stratified sample they make for `StratifiedEstimator` — the estimator the
/// authority's own reports use, so an authority's regional rate is its own rate.
public struct RegionalStrata: Sendable {
    public struct Row: Sendable, Equatable {
        public let authority: String
        public let neighbours: String?
        public let month: Month
        public let draw: Int64?
        public let position: Int?
        /// N_h (nil: imported history, or hidden when `frameHidden`).
        public let frameCases: Int?
        public let frameHidden: Bool
        /// n_h and the grades' counts; nil where the return hid them.
        public let audited: Int?
        public let grades: [Int?]

        public var isImported: Bool { draw == nil }
        public var inadequate: Int? { grades[3] }
        /// Whether the estimator can use it: n_h, k_h and (for a drawn stratum) N_h shown.
        public var isUsable: Bool { audited != nil && inadequate != nil && (isImported || frameCases != nil) }
    }

    /// The design's stratum: one authority's draw stratum in one month (or its imported history).
    public struct StratumKey: Hashable, Sendable, CustomStringConvertible {
        public let authority: String
        public let month: Month
        public let draw: Int64?
        public let position: Int?
        public var description: String { "\(authority) \(month) " + (draw.map { "draw \($0) stratum \(position ?? 0)" } ?? "imported history") }
    }

    public let from: Month
    public let to: Month
    /// By authority, then month, imported history first in a month, then draw and position:
    /// the authority reports' order, so sums round alike.
    public let rows: [Row]

    public init(from: Month, to: Month, rows: [Row]) {
        self.from = from
        self.to = to
        self.rows = rows
    }

    /// Strata that returned no n_h or k_h, or no N_h (small counts hidden), by authority:
    /// left out of the estimates, and said so.
    public var hiddenStrata: [String: Int] {
        Dictionary(grouping: rows.filter { !$0.isUsable && ($0.audited ?? 1) > 0 }, by: \.authority).mapValues(\.count)
    }

    /// One observation per audit of each usable stratum: k_h inadequate and n_h − k_h not,
    /// each standing for N_h / n_h cases.
    public func sample() throws -> StratifiedSample<StratumKey> {
        var observations: [StratifiedSample<StratumKey>.Observation] = []
        for row in rows where row.isUsable {
            let n = row.audited!, k = row.inadequate!
            guard n > 0 else { continue }
            guard k <= n else { throw AssayFailure("\(row.authority) \(row.month): \(k) inadequate of \(n) audits in one stratum.") }
            // No labels: every grouping the reports need (authority, month, neighbour group) is
            // read off the stratum key, and a million observations each carrying a dictionary
            // made a ten-year regional report take most of a minute.
            let key = StratumKey(authority: row.authority, month: row.month, draw: row.draw, position: row.position)
            for i in 0..<n {
                observations.append(.init(stratum: key, stratumPopulation: row.isImported ? nil : row.frameCases, inadequate: i < k))
            }
        }
        return try StratifiedSample(observations)
    }
}

extension Hub {
    /// The current strata of the months `from` to `to`, every authority's (or those of one
    /// neighbour group).
    public func strata(from: Month, to: Month, neighbours: String? = nil) throws -> RegionalStrata {
        let rows = try db.query("""
            SELECT a.name, a.neighbours, s.month, s.draw, s.position, s.frame_cases, s.frame_hidden, s.audited,
                   s.grade1, s.grade2, s.grade3, s.grade4
            FROM current_stratum s JOIN authority a ON a.id = s.authority_id
            WHERE s.month BETWEEN $1 AND $2 AND ($3::text IS NULL OR a.neighbours = $3)
            ORDER BY a.name, s.month, s.draw NULLS FIRST, s.position NULLS FIRST
            """, [from.description, to.description, neighbours])
        // Columns by position, months parsed once: ten years of a region are 360,000 rows.
        var months: [String: Month] = [:]
        return RegionalStrata(from: from, to: to, rows: rows.values.map { v in
            let int = { (c: Int) in v[c].flatMap { Int($0) } }
            let monthText = v[2]!
            let month = months[monthText] ?? Month(monthText)!
            months[monthText] = month
            return RegionalStrata.Row(authority: v[0]!, neighbours: v[1], month: month, draw: v[3].flatMap { Int64($0) },
                                      position: int(4), frameCases: int(5), frameHidden: v[6] == "t", audited: int(7),
                                      grades: (8...11).map(int))
        })
    }

    /// The latest month any authority returned, for reports' defaults.
    public func latestMonth() throws -> Month? {
        try db.query("SELECT max(month) AS m FROM authority_month").value(0, "m").flatMap { Month($0) }
    }
}
