import AssayCore
import AssayStatistics

/// The current strata of every authority over a period, as the regional reports read them:
/// each usable stratum's N_h, n_h and inadequate count, handed as they are to
/// `StratifiedEstimator`'s counts entry point — the estimator the authority's own reports
/// use, so an authority's regional rate is its own rate.
public struct RegionalStrata: Sendable {
    /// An authority with at least one stratum in the period.
    public struct Authority: Sendable, Equatable {
        public let name: String
        public let neighbours: String?
        /// Strata that returned no n_h or k_h, or no N_h (small counts hidden): left out of
        /// the estimates, and said so.
        public let hiddenStrata: Int
    }

    /// The design's stratum: one authority's draw stratum in one month (or its imported history).
    public struct StratumKey: Hashable, Sendable, CustomStringConvertible {
        /// The authority's place in `authorities`.
        public let authority: Int
        public let authorityName: String
        public let month: Month
        public let draw: Int64?
        public let position: Int?
        public var description: String {
            "\(authorityName) \(month) " + (draw.map { "draw \($0) stratum \(position ?? 0)" } ?? "imported history")
        }
    }

    public let from: Month
    public let to: Month
    /// By name.
    public let authorities: [Authority]
    /// The usable strata, by authority, then month, imported history first in a month, then
    /// draw and position: the authority reports' order, so sums round alike.
    public let counts: StratifiedCounts<StratumKey>

    public init(from: Month, to: Month, authorities: [Authority], counts: StratifiedCounts<StratumKey>) {
        self.from = from
        self.to = to
        self.authorities = authorities
        self.counts = counts
    }

    /// Hidden strata by authority, for those that have any.
    public var hiddenStrata: [String: Int] {
        Dictionary(uniqueKeysWithValues: authorities.filter { $0.hiddenStrata > 0 }.map { ($0.name, $0.hiddenStrata) })
    }
}

extension Hub {
    /// A stratum the estimates can use: n_h and k_h shown and, for a drawn stratum, N_h
    /// (imported history has none). One definition for the strata the rates read and the
    /// counts the funnel sums.
    static let usableStratum = "s.audited IS NOT NULL AND s.grade4 IS NOT NULL AND (s.draw IS NULL OR s.frame_cases IS NOT NULL)"

    /// The current strata of the months `from` to `to`, every authority's (or those of one
    /// neighbour group).
    public func strata(from: Month, to: Month, neighbours: String? = nil) throws -> RegionalStrata {
        // Ten years of a region are 360,000 rows: read in place (`forEachRow`), names made
        // once per authority and months once per month, and the month as a number.
        var authorities: [RegionalStrata.Authority] = []
        var hidden: [Int] = []
        var lastAuthorityID: Int?
        var months: [Int: Month] = [:]
        var rows: [StratifiedCounts<RegionalStrata.StratumKey>.Row] = []
        try db.forEachRow("""
            SELECT a.id, a.name, a.neighbours, substr(s.month, 1, 4)::int * 12 + substr(s.month, 6, 2)::int - 1,
                   s.draw, s.position, s.frame_cases, s.audited, s.grade4, \(Self.usableStratum)
            FROM current_stratum s JOIN authority a ON a.id = s.authority_id
            WHERE s.month BETWEEN $1 AND $2 AND ($3::text IS NULL OR a.neighbours = $3)
            ORDER BY a.name, s.month, s.draw NULLS FIRST, s.position NULLS FIRST
            """, [from.description, to.description, neighbours]) { row in
            let authorityID = row.int(0)!
            if authorityID != lastAuthorityID {
                lastAuthorityID = authorityID
                authorities.append(.init(name: row.text(1)!, neighbours: row.text(2), hiddenStrata: 0))
                hidden.append(0)
            }
            let index = authorities.count - 1
            let audited = row.int(7)
            guard row.bool(9) else {
                if (audited ?? 1) > 0 { hidden[index] += 1 }
                return
            }
            guard let n = audited, n > 0 else { return }
            let monthNumber = row.int(3)!
            let month = months[monthNumber] ?? Month(year: monthNumber / 12, month: monthNumber % 12 + 1)!
            months[monthNumber] = month
            let draw = row.int(4).map(Int64.init)
            let key = RegionalStrata.StratumKey(authority: index, authorityName: authorities[index].name, month: month,
                                                draw: draw, position: row.int(5))
            rows.append(.init(stratum: key, population: draw == nil ? nil : row.int(6), audited: n, inadequate: row.int(8)!))
        }
        return RegionalStrata(from: from, to: to,
                              authorities: zip(authorities, hidden).map { .init(name: $0.name, neighbours: $0.neighbours, hiddenStrata: $1) },
                              counts: try StratifiedCounts(rows))
    }

    /// Each authority's audits and inadequate ones over the usable strata of the months,
    /// summed by PostgreSQL (the funnel needs no more), by name.
    public func authorityCounts(from: Month, to: Month, neighbours: String? = nil) throws -> [GroupCount] {
        let result = try db.query("""
            SELECT a.name, sum(s.audited) AS audited, sum(s.grade4) AS inadequate
            FROM current_stratum s JOIN authority a ON a.id = s.authority_id
            WHERE s.month BETWEEN $1 AND $2 AND ($3::text IS NULL OR a.neighbours = $3) AND \(Self.usableStratum)
            GROUP BY a.name ORDER BY a.name
            """, [from.description, to.description, neighbours])
        return (0..<result.count).map { i in
            GroupCount(label: result.value(i, "name")!, inadequate: Int(result.value(i, "inadequate")!)!,
                       audits: Int(result.value(i, "audited")!)!)
        }
    }

    /// The latest month any authority returned, for reports' defaults.
    public func latestMonth() throws -> Month? {
        try db.query("SELECT max(month) AS m FROM authority_month").value(0, "m").flatMap { Month($0) }
    }
}
