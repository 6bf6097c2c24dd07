import AssayCore

/// The inadequate rate estimated from a stratified sample of audits, for the whole sample
/// or a domain of it, with its standard error and confidence interval.
///
/// This is the estimator of R's survey package for
/// `svydesign(ids = ~1, strata = ~stratum, fpc = ~N_h)` with
/// `options(survey.lonely.psu = "adjust", survey.adjust.domain.lonely = FALSE)`:
/// `svymean` for the rate and its standard error, `svyby`/`subset` for domains, and
/// `svyciprop(method = "beta")` for the interval, with the rules of `IntervalMethod` where
/// that has none. docs/statistics.md, "Estimates: the inadequate rate from a stratified
/// sample", gives the formulas; the tests check them against R.
///
/// Why weighted: strata are sampled at different rates (a small team may have half its
/// cases audited, a large one a twentieth), so the plain share of audits that were
/// inadequate over-represents the small strata. Each audit stands for N_h/n_h cases.
public enum StratifiedEstimator {
    /// The estimate for the observations `inDomain` selects (all of them by default), or
    /// nil when it selects none: a domain with no audits has no rate.
    ///
    /// The whole sample is needed, not just the domain's observations: a domain's
    /// variance depends on the other audits of its strata (each stratum's n_h counts
    /// them).
    ///
    /// - Parameter level: the confidence level, strictly between 0 and 1.
    public static func estimate<Stratum>(
        _ sample: StratifiedSample<Stratum>, level: Double = 0.95,
        where inDomain: (StratifiedSample<Stratum>.Observation) -> Bool = { _ in true }
    ) throws -> RateEstimate? {
        try requireLevel(level)
        var counts: [Stratum: DomainTotals.Count] = [:]
        for observation in sample.observations where inDomain(observation) {
            counts[observation.stratum, default: DomainTotals.Count()].add(observation.inadequate)
        }
        guard let domain = DomainTotals(sample, counts) else { return nil }
        return interval(for: domain, level: level)
    }

    /// One estimate for each value of `label` among the observations, as R's `svyby`
    /// gives: the domains are "label == value". Observations without the label belong to
    /// none of them (but still count in their strata).
    public static func estimates<Stratum>(
        _ sample: StratifiedSample<Stratum>, by label: String, level: Double = 0.95
    ) throws -> [String: RateEstimate] {
        try estimates(sample, level: level) { $0.labels[label] }
    }

    /// One estimate for each distinct key `domainOf` gives (nil: in no domain).
    public static func estimates<Stratum, Key: Hashable>(
        _ sample: StratifiedSample<Stratum>, level: Double = 0.95,
        by domainOf: (StratifiedSample<Stratum>.Observation) -> Key?
    ) throws -> [Key: RateEstimate] {
        try requireLevel(level)
        // One pass over the sample, however many domains: a region's millions of audits
        // by hundreds of teams must not be read once per team.
        var keys: [Key] = []
        var counts: [Key: [Stratum: DomainTotals.Count]] = [:]
        for observation in sample.observations {
            guard let key = domainOf(observation) else { continue }
            if counts[key] == nil { keys.append(key) }
            counts[key, default: [:]][observation.stratum, default: DomainTotals.Count()].add(observation.inadequate)
        }
        var result: [Key: RateEstimate] = [:]
        for key in keys {
            if let domain = DomainTotals(sample, counts[key]!) {
                result[key] = interval(for: domain, level: level)
            }
        }
        return result
    }

    static func requireLevel(_ level: Double) throws {
        guard level > 0 && level < 1 else {
            throw StatisticsError.levelNotAProportion(level)
        }
    }
}

/// The domain's counts, weighted rate and variance: `svymean` on `subset(design, domain)`.
struct DomainTotals {
    /// One stratum that holds at least one of the domain's audits.
    struct Stratum {
        /// N_h and n_h (n_h counts all the stratum's audits, in the domain or not); N_h nil
        /// when unknown: weight 1, no finite-population correction.
        let population: Int?
        let audited: Int
        /// m_h and k_h: the domain's audits in the stratum, and its inadequate ones.
        let inDomain: Int
        let inadequate: Int

        /// (N_h − n_h)/N_h. R treats a stratum whose correction is below 10⁻⁷ as audited
        /// whole; for any stratum of fewer than ten million cases that means n_h = N_h.
        var finitePopulationCorrection: Double {
            population.map { Double($0 - audited) / Double($0) } ?? 1
        }
        var isCensus: Bool { finitePopulationCorrection < 1e-7 }
        /// N_h/n_h: the cases each audit stands for (1 when N_h is unknown).
        var weight: Double { population.map { Double($0) / Double(audited) } ?? 1 }
    }

    let strata: [Stratum]
    /// n and k.
    let audited: Int
    let inadequate: Int
    let rate: Double
    let variance: Double
    /// Every stratum of the domain was audited whole.
    let isCensus: Bool
    /// The variance is exactly 0, whatever rounding left in `variance`: see `init`.
    let varianceIsZero: Bool

    /// Audits less strata: R's `degf` on the subset design.
    var degreesOfFreedom: Int { audited - strata.count }

    typealias Count = DomainCount

    /// The domain whose audits `counts` counts, stratum by stratum; nil when it has none.
    init?<Key>(_ sample: StratifiedSample<Key>, _ counts: [Key: Count]) {
        guard !counts.isEmpty else { return nil }
        // In the sample's order of strata, so that the sums below round the same way on
        // every run and for every way of asking.
        // (Each stratum's position looked up once, not in every comparison of the sort: a
        // month's report asks this of every team, and a window of every month.)
        self.init(strata: counts.map { (position: sample.positions[$0.key]!, key: $0.key, count: $0.value) }
            .sorted { $0.position < $1.position }
            .map { _, key, count in
                let size = sample.strata[key]!
                return Stratum(population: size.population, audited: size.audited,
                               inDomain: count.inDomain, inadequate: count.inadequate)
            })
    }

    /// The domain of these strata, each with at least one of its audits, in the design's
    /// order of strata (the order the sums run in).
    init(strata: [Stratum]) {
        self.strata = strata
        audited = strata.reduce(0) { $0 + $1.inDomain }
        inadequate = strata.reduce(0) { $0 + $1.inadequate }

        // p = Σ w·y / Σ w over the domain's audits.
        var weightTotal = 0.0, inadequateTotal = 0.0
        for stratum in strata {
            weightTotal += Double(stratum.inDomain) * stratum.weight
            inadequateTotal += Double(stratum.inadequate) * stratum.weight
        }
        let p = inadequate == 0 ? 0 : inadequate == audited ? 1 : inadequateTotal / weightTotal
        rate = p

        // Linearised variance (svyrecvar): each audit's score is z = w·(y − p)/Σw, 0 for
        // the stratum's audits outside the domain. A stratum contributes
        // f_h · n_h/(n_h − 1) · Σ(z − z̄_h)² over its n_h audits, or, alone in its stratum
        // (n_h = 1), f_h · z²: "adjust" centres a lonely stratum on the domain's mean,
        // where z is 0. With y ∈ {0, 1} the scores take at most three values, so each sum
        // is written with counts.
        var v = 0.0
        for stratum in strata where !stratum.isCensus {
            let f = stratum.finitePopulationCorrection
            let scale = stratum.weight / weightTotal
            let high = scale * (1 - p), low = scale * (0 - p)
            let k = Double(stratum.inadequate), m = Double(stratum.inDomain), n = Double(stratum.audited)
            if stratum.audited == 1 {
                let z = stratum.inadequate == 1 ? high : low
                v += f * z * z
            } else {
                let mean = (k * high + (m - k) * low) / n
                let squares = k * (high - mean) * (high - mean) + (m - k) * (low - mean) * (low - mean)
                    + (n - m) * mean * mean
                v += f * n / (n - 1) * squares
            }
        }

        isCensus = strata.allSatisfy(\.isCensus)
        // Exactly zero when every audit scores 0 (a rate of 0 or 1) or every stratum
        // is a census or a fully-covered stratum of several audits that are all alike.
        // Rounding can leave 1e−34 instead of 0 there; the interval rules must see 0.
        varianceIsZero = inadequate == 0 || inadequate == audited || strata.allSatisfy { stratum in
            stratum.isCensus || (stratum.audited >= 2 && stratum.inDomain == stratum.audited
                && (stratum.inadequate == 0 || stratum.inadequate == stratum.inDomain))
        }
        variance = varianceIsZero ? 0 : v
    }
}
