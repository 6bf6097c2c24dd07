import AssayCore

/// A stratified sample of audits: one month's submitted audits of randomly drawn cases, or
/// several months' together.
///
/// Each observation is one audited case: the stratum it was drawn from, that stratum's
/// population N_h (its cases in the draw's frame), whether the audit's overall grade was
/// inadequate, and any labels it can be reported by (team, locality, service, month…).
/// The stratum's sample size n_h is not given but counted: it is the number of
/// observations with that stratum key, so the sample must hold every submitted audit of
/// the design, even when only one team is reported on. A domain's estimate needs the other
/// audits of its strata (docs/statistics.md, "Estimates …", "Its standard error").
///
/// The stratum key is opaque: anything hashable. For one month it is the draw's stratum;
/// for several months it must be the (month, stratum) pair, because a stratum drawn in two
/// months is two strata with their own N_h and n_h.
public struct StratifiedSample<Stratum: Hashable & Sendable>: Sendable {
    public struct Observation: Sendable, Equatable {
        /// The stratum the case was drawn from.
        public var stratum: Stratum
        /// N_h: the stratum's cases in the frame the sample was drawn from; nil when it is
        /// not known (past audits imported from before Assay): then each audit weighs 1
        /// and there is no finite-population correction — a simple random sample of an
        /// unknown, large population (R: `weights = 1`, `fpc = Inf`).
        public var stratumPopulation: Int?
        /// Whether the audit's overall grade was inadequate (grade 4).
        public var inadequate: Bool
        /// Values to report by, such as ["team": "Alder", "locality": "North"].
        public var labels: [String: String]

        public init(stratum: Stratum, stratumPopulation: Int?, inadequate: Bool, labels: [String: String] = [:]) {
            self.stratum = stratum
            self.stratumPopulation = stratumPopulation
            self.inadequate = inadequate
            self.labels = labels
        }
    }

    /// A stratum's population N_h and sample size n_h.
    public struct StratumSize: Sendable, Equatable {
        /// nil: not known (see `Observation.stratumPopulation`).
        public let population: Int?
        public let audited: Int
    }

    public let observations: [Observation]
    /// Every stratum with at least one observation.
    public let strata: [Stratum: StratumSize]
    /// The strata in the order their first observation appears. Sums run in this order, so
    /// the same sample gives the same digits on every run (a Dictionary's order changes
    /// from one process to the next).
    public let strataInOrder: [Stratum]
    /// Each stratum's index in `strataInOrder`.
    let positions: [Stratum: Int]

    /// Checks that the design is one: N_h ≥ 1, the same N_h on every observation of a
    /// stratum, and no more audits than cases (n_h ≤ N_h). Each refusal names the stratum.
    public init(_ observations: [Observation]) throws {
        // The checks are the counts' own (`StratifiedCounts.Tally`), so a design refused
        // audit by audit is refused in the same words when it comes as counts.
        var tally = StratifiedCounts<Stratum>.Tally()
        for observation in observations {
            _ = try tally.add(stratum: observation.stratum, population: observation.stratumPopulation, inadequate: observation.inadequate)
        }
        let rows = try tally.counts().rows
        self.observations = observations
        self.strata = Dictionary(uniqueKeysWithValues: rows.map { ($0.stratum, StratumSize(population: $0.population, audited: $0.audited)) })
        self.strataInOrder = rows.map(\.stratum)
        self.positions = Dictionary(uniqueKeysWithValues: rows.enumerated().map { ($1.stratum, $0) })
    }
}
