import AssayCore
import AssayStatistics
import AssayTestSupport
import Testing

/// The counts entry point (`StratifiedCounts`: N_h, n_h, y_h and domains' m_h, k_h) against
/// the audit-by-audit one (`StratifiedSample`) on the same audits, and against R.
@Suite("Stratified estimate from per-stratum counts")
struct StratifiedCountsTests {
    /// One random design: its strata's counts, each stratum's audits split among the labels
    /// "a", "b", "c" and none, and the same audits one by one.
    struct Design {
        var rows: [StratifiedCounts<Int>.Row] = []
        /// By stratum: each label's audits in it, and how many of those are inadequate.
        var domains: [Int: [String: DomainCount]] = [:]
        var observations: [StratifiedSample<Int>.Observation] = []
    }

    /// What the random designs must include for the comparison to mean something.
    struct Coverage {
        var lonely = 0, noneInadequate = 0, allInadequate = 0, census = 0, unknownPopulation = 0
    }

    static func design(seed: UInt64, coverage: inout Coverage) -> Design {
        var random = SeededRandom(seed: seed)
        var design = Design()
        for stratum in 0..<(1 + random.below(12)) {
            let population: Int? = random.below(6) == 0 ? nil : 1 + random.below(300)
            let cap = min(population ?? 40, 40)
            let audited = [1, cap, 1 + random.below(cap)][random.below(3)]
            let inadequate = [0, audited, random.below(audited + 1)][random.below(3)]
            coverage.lonely += audited == 1 ? 1 : 0
            coverage.noneInadequate += inadequate == 0 ? 1 : 0
            coverage.allInadequate += inadequate == audited ? 1 : 0
            coverage.census += audited == population ? 1 : 0
            coverage.unknownPopulation += population == nil ? 1 : 0
            design.rows.append(.init(stratum: stratum, population: population, audited: audited, inadequate: inadequate))
            for i in 0..<audited {
                let label = ["a", "b", "c", nil][random.below(4)]
                let isInadequate = i < inadequate
                if let label { design.domains[stratum, default: [:]][label, default: DomainCount()].add(isInadequate) }
                design.observations.append(.init(stratum: stratum, stratumPopulation: population, inadequate: isInadequate,
                                                 labels: label.map { ["team": $0] } ?? [:]))
            }
        }
        return design
    }

    /// Equal counts, rule and degrees of freedom; figures within 1e−12 relative.
    static func expectSame(_ counted: RateEstimate?, _ observed: RateEstimate?, _ what: String) {
        guard let counted, let observed else {
            #expect(counted == nil && observed == nil, "\(what): one entry point gave no estimate")
            return
        }
        #expect(counted.audited == observed.audited && counted.inadequate == observed.inadequate, "\(what)")
        #expect(counted.degreesOfFreedom == observed.degreesOfFreedom, "\(what)")
        #expect(counted.ciMethod == observed.ciMethod, "\(what)")
        #expect((counted.effectiveSampleSize == nil) == (observed.effectiveSampleSize == nil), "\(what)")
        let pairs = [(counted.rate, observed.rate), (counted.standardError, observed.standardError), (counted.ciLow, observed.ciLow),
                     (counted.ciHigh, observed.ciHigh), (counted.effectiveSampleSize ?? 0, observed.effectiveSampleSize ?? 0)]
        for (a, b) in pairs {
            #expect(a == b || abs(a - b) <= 1e-12 * abs(b), "\(what): \(a) from counts, \(b) from audits")
        }
    }

    @Test("counts give the audits' estimates: whole sample, whole-strata domains and domains that split strata")
    func countsAgreeWithObservations() throws {
        var coverage = Coverage()
        for seed in UInt64(1)...300 {
            let design = Self.design(seed: seed, coverage: &coverage)
            let counts = try StratifiedCounts(design.rows)
            let sample = try StratifiedSample(design.observations)

            Self.expectSame(try StratifiedEstimator.estimate(counts), try StratifiedEstimator.estimate(sample), "seed \(seed), all")

            let byGroup = try StratifiedEstimator.estimates(counts) { $0.stratum % 3 }
            let observedByGroup = try StratifiedEstimator.estimates(sample) { $0.stratum % 3 }
            #expect(Set(byGroup.keys) == Set(observedByGroup.keys), "seed \(seed)")
            for (group, estimate) in observedByGroup { Self.expectSame(byGroup[group], estimate, "seed \(seed), strata group \(group)") }

            let byTeam = try StratifiedEstimator.estimates(counts, level: 0.9) { row in
                (design.domains[row.stratum] ?? [:]).map { ($0.key, $0.value) }
            }
            let observedByTeam = try StratifiedEstimator.estimates(sample, by: "team", level: 0.9)
            #expect(Set(byTeam.keys) == Set(observedByTeam.keys), "seed \(seed)")
            for (team, estimate) in observedByTeam { Self.expectSame(byTeam[team], estimate, "seed \(seed), team \(team)") }
        }
        #expect(coverage.lonely > 20 && coverage.noneInadequate > 20 && coverage.allInadequate > 20
                && coverage.census > 20 && coverage.unknownPopulation > 20, "\(coverage)")
    }

    @Test("counts agree with R on every reference design and domain", arguments: EstimateReferenceValues.shared.allEstimates)
    func countsAgreeWithR(_ c: EstimateCase) throws {
        let (design, expected) = c.reference
        let sample = try design.sample()
        // The sample's counts, stratum by stratum in its order.
        var rows: [String: StratifiedCounts<String>.Row] = [:]
        var inDomain: [String: DomainCount] = [:]
        for o in sample.observations {
            rows[o.stratum, default: .init(stratum: o.stratum, population: o.stratumPopulation, audited: 0, inadequate: 0)].audited += 1
            rows[o.stratum]!.inadequate += o.inadequate ? 1 : 0
            if let domain = expected.domain, o.labels[domain.label] == domain.value {
                inDomain[o.stratum, default: DomainCount()].add(o.inadequate)
            }
        }
        let counts = try StratifiedCounts(sample.strataInOrder.map { rows[$0]! })
        let level = EstimateReferenceValues.shared.level
        let estimate = try #require(expected.domain == nil
            ? try StratifiedEstimator.estimate(counts, level: level)
            : try StratifiedEstimator.estimates(counts, level: level) { row in inDomain[row.stratum].map { [("domain", $0)] } ?? [] }["domain"])
        #expect(estimate.audited == expected.n && estimate.inadequate == expected.k && estimate.degreesOfFreedom == expected.df)
        #expect(estimate.ciMethod.rawValue == expected.ci_method)
        #expect(StratifiedEstimatorTests.close(estimate.rate, expected.rate), "rate \(estimate.rate) vs R \(expected.rate)")
        #expect(StratifiedEstimatorTests.close(estimate.standardError, expected.se), "se \(estimate.standardError) vs R \(expected.se)")
        #expect(abs(estimate.ciLow - expected.ci_low) <= 1e-10 && abs(estimate.ciHigh - expected.ci_high) <= 1e-10)
    }

    @Test("a design that is not one is refused, naming the stratum")
    func impossibleCountsAreRefused() throws {
        let bad: [[StratifiedCounts<String>.Row]] = [
            [.init(stratum: "A", population: 5, audited: 6, inadequate: 1)],
            [.init(stratum: "A", population: 5, audited: 2, inadequate: 3)],
            [.init(stratum: "A", population: 0, audited: 1, inadequate: 0)],
            [.init(stratum: "A", population: 5, audited: 0, inadequate: 0)],
            [.init(stratum: "A", population: 5, audited: 2, inadequate: 1), .init(stratum: "A", population: 5, audited: 2, inadequate: 1)],
        ]
        for rows in bad {
            #expect { _ = try StratifiedCounts(rows) } throws: { error in
                guard case .inconsistentStratum("A", _)? = error as? StatisticsError else { return false }
                return "\(error)".hasPrefix("Stratum A: ")
            }
        }
        let counts = try StratifiedCounts([.init(stratum: "A", population: 5, audited: 2, inadequate: 1)])
        #expect(throws: (any Error).self) {
            _ = try StratifiedEstimator.estimates(counts) { _ in [("d", DomainCount(inDomain: 3, inadequate: 1))] }
        }
    }
}
