import AssayStatistics
import Testing

@Suite("Partial pooling (beta-binomial, method of moments)")
struct PartialPoolingTests {
    private static let reference = ComparisonReferenceValues.comparisons

    private static func groups(_ c: ComparisonReferenceValues.Pooling) -> [GroupCount] {
        c.teams.indices.map { GroupCount(label: c.teams[$0], inadequate: c.inadequate[$0], audits: c.audits[$0]) }
    }

    @Test("ρ̂, M, τ̂ and each team's pooled rate agree with R", arguments: reference.pooling.indices)
    func matchesR(_ i: Int) throws {
        let c = Self.reference.pooling[i]
        let pooling = try #require(PartialPooling(groups: Self.groups(c)))
        #expect(relativeError(pooling.target, c.target) <= 1e-15)
        if let rho = c.rho {
            #expect(relativeError(pooling.intraclassCorrelation ?? .nan, rho) <= 1e-11, "\(c.label): ρ̂ vs R \(rho)")
        } else {
            #expect(pooling.intraclassCorrelation == nil)
        }
        if let prior = c.priorAudits {
            #expect(relativeError(pooling.priorAudits ?? .nan, prior) <= 1e-11, "\(c.label): M vs R \(prior)")
        } else {
            #expect(pooling.priorAudits == nil)
        }
        #expect(abs(pooling.betweenTeamSD - c.betweenSd) <= 1e-12)
        #expect(pooling.teams.count == c.pooled.count)
        for (j, team) in pooling.teams.enumerated() {
            #expect(abs(team.pooled - c.pooled[j]) <= 1e-12, "\(c.label), \(team.label): \(team.pooled) vs R \(c.pooled[j])")
            #expect(abs(team.shrinkage - c.shrinkage[j]) <= 1e-12)
        }
    }

    @Test("pooled rates lie between the team's own rate and the authority rate")
    func between() throws {
        for c in Self.reference.pooling {
            let pooling = try #require(PartialPooling(groups: Self.groups(c)))
            for team in pooling.teams {
                #expect(team.pooled >= min(team.rate, pooling.target) - 1e-15)
                #expect(team.pooled <= max(team.rate, pooling.target) + 1e-15)
            }
        }
    }

    @Test("no over-dispersion: full pooling")
    func fullPooling() throws {
        let pooling = try #require(PartialPooling(groups: [
            GroupCount(label: "A", inadequate: 2, audits: 10), GroupCount(label: "B", inadequate: 4, audits: 20),
            GroupCount(label: "C", inadequate: 6, audits: 30),
        ]))
        #expect(pooling.intraclassCorrelation! < 0 && pooling.priorAudits == nil && pooling.betweenTeamSD == 0)
        #expect(pooling.teams.allSatisfy { $0.pooled == pooling.target && $0.shrinkage == 1 })
    }

    @Test("zero counts, all inadequate, one team, teams of one audit: full pooling without ρ̂")
    func degenerate() throws {
        let zero = try #require(PartialPooling(groups: [GroupCount(label: "A", inadequate: 0, audits: 7),
                                                        GroupCount(label: "B", inadequate: 0, audits: 2)]))
        #expect(zero.target == 0 && zero.intraclassCorrelation == nil && zero.teams.allSatisfy { $0.pooled == 0 })
        let all = try #require(PartialPooling(groups: [GroupCount(label: "A", inadequate: 3, audits: 3),
                                                       GroupCount(label: "B", inadequate: 1, audits: 1)]))
        #expect(all.target == 1 && all.teams.allSatisfy { $0.pooled == 1 })
        let one = try #require(PartialPooling(groups: [GroupCount(label: "A", inadequate: 2, audits: 9)]))
        #expect(one.intraclassCorrelation == nil && one.teams[0].pooled == one.target)
        let ones = try #require(PartialPooling(groups: [GroupCount(label: "A", inadequate: 1, audits: 1),
                                                        GroupCount(label: "B", inadequate: 0, audits: 1),
                                                        GroupCount(label: "C", inadequate: 0, audits: 1)]))
        #expect(ones.intraclassCorrelation == nil && ones.teams.allSatisfy { $0.pooled == ones.target })
        #expect(PartialPooling(groups: []) == nil)
        #expect(PartialPooling(groups: [GroupCount(label: "A", inadequate: 0, audits: 0)]) == nil)
    }

    @Test("a team of one audit is pulled almost all the way to the authority rate")
    func teamOfOne() throws {
        let c = try #require(Self.reference.pooling.first { $0.label == "a team without audits and a team of one" })
        let pooling = try #require(PartialPooling(groups: Self.groups(c)))
        let alpha = try #require(pooling.teams.first { $0.label == "Alpha" })
        #expect(alpha.audits == 1 && alpha.rate == 1 && alpha.shrinkage > 0.9)
        #expect(!pooling.teams.contains { $0.label == "Bravo" })   // no audits: left out
    }

    /// docs/statistics.md's worked example.
    @Test("worked example: five teams")
    func workedExample() throws {
        let c = try #require(Self.reference.pooling.first { $0.label == "worked example" })
        let pooling = try #require(PartialPooling(groups: Self.groups(c)))
        #expect(abs(pooling.target - 29.0 / 121) < 1e-15)
        #expect(abs(pooling.intraclassCorrelation! - 0.025569866365453463) < 1e-12)
        #expect(abs(pooling.priorAudits! - 38.1085344642655) < 1e-9)
    }
}
