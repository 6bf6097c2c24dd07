import AssayCore

/// A stratified sample of audits given by its counts rather than audit by audit: for each
/// stratum its population N_h, its audits n_h and how many of them were inadequate, y_h.
///
/// With a 0/1 outcome these counts are all `StratifiedEstimator` needs: within a stratum
/// the sum of the outcomes is y_h and the sum of their squares is y_h too, so the rate, its
/// variance and its interval follow from the counts exactly as from the audits
/// (docs/statistics.md). The regional hub holds only counts (an authority's return), and
/// rebuilding a million audits from them to count them again took most of its reports' time.
///
/// `StratifiedEstimator.estimate(_:level:)` and `estimates(_:level:by:)` on these counts
/// give the same estimates, digit for digit, as on the sample of the same audits whose
/// strata first appear in the same order.
public struct StratifiedCounts<Stratum: Hashable & Sendable>: Sendable {
    /// One stratum's counts.
    public struct Row: Sendable, Equatable {
        public var stratum: Stratum
        /// N_h; nil when not known (imported history): weight 1, no finite-population
        /// correction, as `StratifiedSample.Observation.stratumPopulation`.
        public var population: Int?
        /// n_h, at least 1.
        public var audited: Int
        /// y_h: the stratum's inadequate audits, 0 to n_h.
        public var inadequate: Int

        public init(stratum: Stratum, population: Int?, audited: Int, inadequate: Int) {
            self.stratum = stratum
            self.population = population
            self.audited = audited
            self.inadequate = inadequate
        }
    }

    /// The strata in the design's order: sums run in this order.
    public let rows: [Row]
    /// The rows as the estimator sums them, each whole stratum its own domain: kept beside
    /// `rows` so that a domain's strata are read without the generic rows (read generically,
    /// a team page's twelve monthly estimates spent a tenth of their time stepping through them).
    let wholeStrata: [DomainTotals.Stratum]

    /// Checks that the design is one, as `StratifiedSample` does: each stratum once,
    /// N_h ≥ 1, 1 ≤ n_h ≤ N_h and 0 ≤ y_h ≤ n_h. Each refusal names the stratum.
    public init(_ rows: [Row]) throws {
        try self.init(rows, eachStratumOnce: false)
    }

    /// `eachStratumOnce`: the caller made the rows one a stratum (`Tally`), so they are not
    /// hashed again to check it.
    @usableFromInline init(_ rows: [Row], eachStratumOnce: Bool) throws {
        var seen = Set<Stratum>()
        for row in rows {
            guard eachStratumOnce || seen.insert(row.stratum).inserted else {
                throw StatisticsError.inconsistentStratum("\(row.stratum)", problem: "it is given twice; a stratum has one N_h and one n_h.")
            }
            if let population = row.population, population < 1 {
                throw StatisticsError.inconsistentStratum("\(row.stratum)", problem: "its population (cases in the frame) must be at least 1; got \(population).")
            }
            guard row.audited >= 1 else {
                throw StatisticsError.inconsistentStratum("\(row.stratum)", problem: "\(row.audited) audits; a stratum of the sample has at least one.")
            }
            if let population = row.population, row.audited > population {
                throw StatisticsError.inconsistentStratum("\(row.stratum)", problem: "\(row.audited) audits from \(population) cases; a stratum cannot have more audits than cases.")
            }
            guard (0...row.audited).contains(row.inadequate) else {
                throw StatisticsError.inconsistentStratum("\(row.stratum)", problem: "\(row.inadequate) inadequate of \(row.audited) audits.")
            }
        }
        self.rows = rows
        wholeStrata = rows.map { DomainTotals.Stratum(population: $0.population, audited: $0.audited, inDomain: $0.audited, inadequate: $0.inadequate) }
    }
}

/// A domain's audits in one stratum: m_h of the stratum's n_h, and k_h of them inadequate.
public struct DomainCount: Sendable, Equatable {
    public var inDomain: Int
    public var inadequate: Int

    public init(inDomain: Int = 0, inadequate: Int = 0) {
        self.inDomain = inDomain
        self.inadequate = inadequate
    }

    /// One more of the domain's audits in the stratum.
    public mutating func add(_ isInadequate: Bool) {
        inDomain += 1
        if isInadequate { inadequate += 1 }
    }
}

extension StratifiedEstimator {
    /// The estimate for the whole sample the counts describe, or nil when there are no
    /// strata: `estimate(_:level:where:)` on the same audits.
    public static func estimate<Stratum>(_ counts: StratifiedCounts<Stratum>, level: Double = 0.95) throws -> RateEstimate? {
        try requireLevel(level)
        guard !counts.wholeStrata.isEmpty else { return nil }
        return interval(for: DomainTotals(strata: counts.wholeStrata), level: level)
    }

    /// The estimate for one domain given stratum by stratum: `domain[i]` is its audits in
    /// `counts.rows[i]` (m_h, k_h; none: not in it); nil when it has no audits. Its entry in
    /// `estimates(_:level:domains:)`, without a table of domains: a team's page asks for its
    /// own team alone, month by month.
    public static func estimate<Stratum>(_ counts: StratifiedCounts<Stratum>, level: Double = 0.95, domain: [DomainCount]) throws -> RateEstimate? {
        try requireLevel(level)
        precondition(domain.count == counts.rows.count, "one count a stratum")
        var strata: [DomainTotals.Stratum] = []
        for (index, count) in domain.enumerated() where count.inDomain != 0 {
            try checkDomain(count, in: counts.rows[index])
            let whole = counts.wholeStrata[index]
            strata.append(DomainTotals.Stratum(population: whole.population, audited: whole.audited, inDomain: count.inDomain, inadequate: count.inadequate))
        }
        return strata.isEmpty ? nil : interval(for: DomainTotals(strata: strata), level: level)
    }

    /// One estimate for each key `domainOf` gives a whole stratum (nil: in no domain), as
    /// `estimates(_:level:by:)` on a sample whose audits take their stratum's key.
    public static func estimates<Stratum, Key: Hashable>(
        _ counts: StratifiedCounts<Stratum>, level: Double = 0.95,
        by domainOf: (StratifiedCounts<Stratum>.Row) -> Key?
    ) throws -> [Key: RateEstimate] {
        try requireLevel(level)
        var domains = Domains<Key>()
        for (index, row) in counts.rows.enumerated() {
            guard let key = domainOf(row) else { continue }
            try domains.add(key, index, row, DomainCount(inDomain: row.audited, inadequate: row.inadequate))
        }
        return domains.estimates(level: level)
    }

    /// One estimate for each domain, where a domain may hold part of a stratum: `domains`
    /// gives each stratum's audits in each domain it reaches, m_h and k_h (a domain given no
    /// audits of a stratum is not in it). `estimates(_:level:by:)` on the same audits.
    public static func estimates<Stratum, Key: Hashable>(
        _ counts: StratifiedCounts<Stratum>, level: Double = 0.95,
        domains: (StratifiedCounts<Stratum>.Row) -> [(Key, DomainCount)]
    ) throws -> [Key: RateEstimate] {
        try estimates(counts, level: level) { domains(counts.rows[$0]) }
    }

    /// One estimate for each domain, given row by row: `domains[i]` holds each domain's
    /// audits in `counts.rows[i]`. The same estimates as `estimates(_:level:domains:)`, for a
    /// caller that counted its domains stratum by stratum while tallying the audits
    /// (`StratifiedCounts.Tally`).
    public static func estimates<Stratum, Key: Hashable>(
        _ counts: StratifiedCounts<Stratum>, level: Double = 0.95, domainsByRow domains: [[(Key, DomainCount)]]
    ) throws -> [Key: RateEstimate] {
        precondition(domains.count == counts.rows.count, "one list of domains a stratum")
        return try estimates(counts, level: level) { domains[$0] }
    }

    private static func estimates<Stratum, Key: Hashable>(
        _ counts: StratifiedCounts<Stratum>, level: Double, domainsOfRow: (Int) -> [(Key, DomainCount)]
    ) throws -> [Key: RateEstimate] {
        try requireLevel(level)
        var result = Domains<Key>()
        for (index, row) in counts.rows.enumerated() {
            for (key, count) in domainsOfRow(index) { try result.add(key, index, row, count) }
        }
        return result.estimates(level: level)
    }

    /// Refuses a domain's count that its stratum cannot hold (more audits than the stratum's, or
    /// more inadequate than its own).
    private static func checkDomain<Stratum>(_ count: DomainCount, in row: StratifiedCounts<Stratum>.Row) throws {
        guard count.inDomain > 0, count.inDomain <= row.audited, (0...count.inDomain).contains(count.inadequate) else {
            throw StatisticsError.inconsistentStratum("\(row.stratum)", problem: "a domain of \(count.inDomain) audits, \(count.inadequate) inadequate, "
                               + "of the stratum's \(row.audited).")
        }
    }

    /// Each domain's strata in the design's order, gathered in one pass over the strata
    /// (one dictionary lookup per stratum and domain: ten years of a region are 360,000 strata).
    private struct Domains<Key: Hashable> {
        var keys: [Key] = []
        var places: [Key: Int] = [:]
        /// By place: the domain's strata, and the index of the last stratum added.
        var strata: [[DomainTotals.Stratum]] = []
        var last: [Int] = []

        mutating func add<Stratum>(_ key: Key, _ index: Int, _ row: StratifiedCounts<Stratum>.Row, _ count: DomainCount) throws {
            guard count.inDomain != 0 else { return }
            try checkDomain(count, in: row)
            let place: Int
            if let known = places[key] {
                guard last[known] != index else { throw StatisticsError.inconsistentStratum("\(row.stratum)", problem: "one domain given twice.") }
                place = known
            } else {
                place = keys.count
                places[key] = place
                keys.append(key)
                strata.append([])
                last.append(index)
            }
            last[place] = index
            strata[place].append(DomainTotals.Stratum(population: row.population, audited: row.audited,
                                                      inDomain: count.inDomain, inadequate: count.inadequate))
        }

        func estimates(level: Double) -> [Key: RateEstimate] {
            // Thousands of domains (a region's authority-months) share a few degrees of
            // freedom: each t quantile worked out once.
            var quantiles: [Double: Double] = [:]
            func tQuantile(_ p: Double, _ df: Double) -> Double {
                if let known = quantiles[df] { return known }
                let q = StudentT.quantile(p, degreesOfFreedom: df)
                quantiles[df] = q
                return q
            }
            var result: [Key: RateEstimate] = [:]
            for (place, key) in keys.enumerated() {
                result[key] = interval(for: DomainTotals(strata: strata[place]), level: level, tQuantile: tQuantile)
            }
            return result
        }
    }
}
