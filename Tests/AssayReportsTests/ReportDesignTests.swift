import AssayCore
@testable import AssayReports
import AssayStatistics
import AssayTestSupport
import Testing

/// `ReportDesign` estimates from counts (each stratum's N_h, n_h, y_h and each group's
/// m_h, k_h), where it had labelled every audit and handed the estimator the audits one by
/// one. Every report's figures come through it, so the counts must give the audit-by-audit
/// estimates to the last digit, and refuse the same impossible designs in the same words.
@Suite struct ReportDesignTests {
    /// A seeded month or two of audits: strata that hold several teams, a team over several
    /// strata, teams spelled in two cases, audits without a service, imported history, and
    /// strata of one audit.
    static func audits(seed: UInt64) -> [ReportedAudit] {
        var random = SeededRandom(seed: seed)
        let months = [Month("2026-10")!, Month("2026-11")!]
        let teams = ["Alder", "alder", "Birch", "Cedar", "Damson"], localities = ["North", "South", "East"]
        var audits: [ReportedAudit] = []
        for (m, month) in months.enumerated() {
            for _ in 0..<random.below(4) {
                audits.append(ReportedAudit(month: month, team: teams[random.below(teams.count)], locality: localities[random.below(3)],
                                            service: nil, overall: random.below(3) == 0 ? .inadequate : .good, origin: .imported))
            }
            let strata = 1 + random.below(8)
            for position in 0..<strata {
                let population = 1 + random.below(30)
                for _ in 0..<(1 + random.below(min(population, 6))) {
                    let service = random.below(4) == 0 ? nil : Service.allCases[random.below(Service.allCases.count)]
                    audits.append(ReportedAudit(month: month, team: teams[random.below(teams.count)], locality: localities[random.below(3)],
                                                service: service, overall: random.below(4) == 0 ? .inadequate : .requiresImprovement,
                                                origin: .drawn(drawID: Int64(m + 1), position: position, population: population)))
                }
            }
        }
        return audits
    }

    static let groupings: [ReportGrouping] = [.team, ReportGrouping(fields: [.locality]), ReportGrouping(fields: [.service]),
                                              ReportGrouping(fields: [.team, .locality]), ReportGrouping(fields: [.service, .team])]

    @Test func countsGiveTheAuditByAuditEstimatesToTheDigit() throws {
        var groupsCompared = 0
        for seed in UInt64(1)...60 {
            let audits = Self.audits(seed: seed)
            let design = try ReportDesign(audits)
            let sample = try design.sample()
            #expect(try design.authority() == StratifiedEstimator.estimate(sample), "seed \(seed)")
            for grouping in Self.groupings {
                let fields = grouping.fields.map(\.rawValue)
                let expected = try StratifiedEstimator.estimates(sample) { observation -> ReportGroup? in
                    var values: [ReportGroup.Value] = []
                    for field in fields {
                        guard let value = observation.labels[field] else { return nil }
                        values.append(.init(field: field, value: value))
                    }
                    return ReportGroup(values: values)
                }
                let estimates = try design.estimates(by: grouping)
                #expect(estimates == expected, "seed \(seed), by \(grouping)")
                for (group, estimate) in expected {
                    #expect(try design.estimate(of: group, by: grouping) == estimate, "seed \(seed), \(group)")
                    groupsCompared += 1
                }
            }
        }
        #expect(groupsCompared > 1_000)
    }

    @Test func aGroupWithoutAuditsOrOfOtherFieldsHasNoEstimate() throws {
        let design = try ReportDesign(Self.audits(seed: 3))
        #expect(try design.estimate(of: ReportGroup(values: [.init(field: "team", value: "Nowhere")]), by: .team) == nil)
        #expect(try design.estimate(of: ReportGroup(values: [.init(field: "locality", value: "North")]), by: .team) == nil)
        #expect(try ReportDesign([]).authority() == nil)
    }

    @Test func anImpossibleDesignIsRefusedNamingItsStratum() throws {
        let month = Month("2026-11")!
        func audit(_ population: Int) -> ReportedAudit {
            ReportedAudit(month: month, team: "Alder", locality: "North", service: nil, overall: .good,
                          origin: .drawn(drawID: 1, position: 0, population: population))
        }
        let stratum = "2026-11 draw 1 stratum 0"
        let cases: [([ReportedAudit], String)] = [
            ([audit(0)], "its population (cases in the frame) must be at least 1; got 0."),
            ([audit(5), audit(6)], "its audits give two different populations, 5 and 6; a stratum has one."),
            ([audit(1), audit(1)], "2 audits from 1 cases; a stratum cannot have more audits than cases."),
        ]
        for (audits, problem) in cases {
            #expect(throws: StatisticsError.inconsistentStratum(stratum, problem: problem)) { try ReportDesign(audits) }
        }
    }
}
