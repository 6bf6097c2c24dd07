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

        // The name follows from `authority`: left out of hashing, which runs for every stratum.
        public static func == (a: StratumKey, b: StratumKey) -> Bool {
            a.authority == b.authority && a.month == b.month && a.draw == b.draw && a.position == b.position
        }
        public func hash(into hasher: inout Hasher) {
            hasher.combine(authority)
            hasher.combine(month)
            hasher.combine(draw)
            hasher.combine(position)
        }
    }

    public let from: Month
    public let to: Month
    /// By name.
    public let authorities: [Authority]
    /// The usable strata, by authority, then month, imported history first in a month, then
    /// draw and position: the authority reports' order, so sums round alike.
    public let counts: StratifiedCounts<StratumKey>
    /// Each authority's audits and inadequate ones summed over its usable strata (those with
    /// any), by name: what `Hub.authorityCounts` sums in PostgreSQL, for a report that has
    /// read the strata already.
    public let authorityCounts: [GroupCount]

    public init(from: Month, to: Month, authorities: [Authority], counts: StratifiedCounts<StratumKey>, authorityCounts: [GroupCount]) {
        self.from = from
        self.to = to
        self.authorities = authorities
        self.counts = counts
        self.authorityCounts = authorityCounts
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
        // The authorities in PostgreSQL's order of names (as the reports list them), then the
        // strata as they come, put in order here: ten years of a region are 360,000 rows, and
        // PostgreSQL sorting them by name and month took longer than reading them. Read in
        // place (`forEachRow`), with the month as a number.
        let period = [from.description, to.description, neighbours]
        var place: [Int: Int] = [:]
        var authorities: [(name: String, neighbours: String?)] = []
        try db.forEachRow("""
            SELECT a.id, a.name, a.neighbours FROM authority a
            WHERE ($3::text IS NULL OR a.neighbours = $3)
              AND EXISTS (SELECT 1 FROM authority_month m JOIN return_stratum s ON s.return_id = m.return_id AND s.month = m.month
                          WHERE m.authority_id = a.id AND m.month BETWEEN $1 AND $2)
            ORDER BY a.name
            """, period) { row in
            place[row.int(0)!] = authorities.count
            authorities.append((row.text(1)!, row.text(2)))
        }
        struct Read { let authority: Int, month: Int, draw: Int64?, position: Int?, population: Int?, audited: Int, inadequate: Int }
        var read: [Read] = []
        var hidden = [Int](repeating: 0, count: authorities.count)
        var sums: [(k: Int, n: Int)?] = Array(repeating: nil, count: authorities.count)
        try db.forEachRow("""
            SELECT m.authority_id, substr(s.month, 1, 4)::int * 12 + substr(s.month, 6, 2)::int - 1,
                   s.draw, s.position, s.frame_cases, s.audited, s.grade4, \(Self.usableStratum)
            FROM authority_month m JOIN return_stratum s ON s.return_id = m.return_id AND s.month = m.month
            WHERE m.month BETWEEN $1 AND $2
              AND ($3::text IS NULL OR m.authority_id IN (SELECT id FROM authority WHERE neighbours = $3))
            """, period) { row in
            guard let authority = place[row.int(0)!] else { return }
            let audited = row.int(5)
            guard row.bool(7) else {
                if (audited ?? 1) > 0 { hidden[authority] += 1 }
                return
            }
            let (k, n) = sums[authority] ?? (0, 0)
            sums[authority] = (k + row.int(6)!, n + audited!)
            guard let n = audited, n > 0 else { return }
            let draw = row.int(2).map(Int64.init)
            read.append(Read(authority: authority, month: row.int(1)!, draw: draw, position: row.int(3),
                             population: draw == nil ? nil : row.int(4), audited: n, inadequate: row.int(6)!))
        }
        // By authority, month, imported history first, then draw and position.
        read.sort { a, b in
            if a.authority != b.authority { return a.authority < b.authority }
            if a.month != b.month { return a.month < b.month }
            if a.draw != b.draw { return (a.draw ?? .min) < (b.draw ?? .min) }
            return (a.position ?? .min) < (b.position ?? .min)
        }
        var months: [Int: Month] = [:]
        let rows = read.map { r -> StratifiedCounts<RegionalStrata.StratumKey>.Row in
            let month = months[r.month] ?? Month(year: r.month / 12, month: r.month % 12 + 1)!
            months[r.month] = month
            return .init(stratum: .init(authority: r.authority, authorityName: authorities[r.authority].name, month: month,
                                        draw: r.draw, position: r.position),
                         population: r.population, audited: r.audited, inadequate: r.inadequate)
        }
        return RegionalStrata(from: from, to: to,
                              authorities: authorities.indices.map {
                                  .init(name: authorities[$0].name, neighbours: authorities[$0].neighbours, hiddenStrata: hidden[$0])
                              },
                              counts: try StratifiedCounts(rows),
                              authorityCounts: authorities.indices.compactMap { a in
                                  sums[a].map { GroupCount(label: authorities[a].name, inadequate: $0.k, audits: $0.n) }
                              })
    }

    /// Each authority's audits and inadequate ones over the usable strata of the months,
    /// summed by PostgreSQL (the funnel needs no more), by name.
    public func authorityCounts(from: Month, to: Month, neighbours: String? = nil) throws -> [GroupCount] {
        let result = try db.query("""
            SELECT a.name, sum(s.audited) AS audited, sum(s.grade4) AS inadequate
            FROM authority_month m
            JOIN return_stratum s ON s.return_id = m.return_id AND s.month = m.month
            JOIN authority a ON a.id = m.authority_id
            WHERE m.month BETWEEN $1 AND $2 AND ($3::text IS NULL OR a.neighbours = $3) AND \(Self.usableStratum)
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
