import AssayCore
@testable import AssayReports
import AssayStatistics
import Testing

/// `report funnel` on audits built by hand: raw counts per group, the authority's raw rate
/// as the target, the statistics types' limits at each group's size, and flags that can be
/// worked out from the binomial distribution by hand.
@Suite struct FunnelReportTests {
    static let november = Month("2026-11")!
    static let window = try! ReportPeriod(from: november.adding(months: -11), to: november)

    /// `inadequate` of `audits` for a team, spread over two months, drawn or imported.
    static func team(_ name: String, _ inadequate: Int, of audits: Int, locality: String = "North") -> [ReportedAudit] {
        (0..<audits).map { n in
            ReportedAudit(month: november.adding(months: -(n % 2)), team: name, locality: locality, service: nil,
                          overall: n < inadequate ? .inadequate : .good,
                          origin: n % 2 == 0 ? .drawn(drawID: 1, position: 0, population: 50) : .imported)
        }
    }

    /// θ = 20/40 = 1/2. Ash 0 of 10: P(X = 0) = 1/1024 < 0.001, so below 99.8%; Beech 10 of
    /// 10: P(X ≥ 10) = 1/1024 ≤ 0.001, so above 99.8%; Cedar and Damson 5 of 10, within.
    static func spread() -> [ReportedAudit] {
        team("Ash", 0, of: 10) + team("Beech", 10, of: 10) + team("Cedar", 5, of: 10, locality: "South") + team("Damson", 5, of: 10, locality: "South")
    }

    @Test func rowsAreTheGroupsByNameWithRawCountsAroundTheAuthorityRate() throws {
        let report = try FunnelReport(audits: Self.spread(), period: Self.window, grouping: .team)
        #expect(report.rows.map(\.group.description) == ["Ash", "Beech", "Cedar", "Damson"])
        #expect(report.audited == 40 && report.inadequate == 20)
        #expect(report.target == 0.5)
        #expect(report.rows.map(\.funnel.audits) == [10, 10, 10, 10])
        #expect(report.rows.map(\.funnel.inadequate) == [0, 10, 5, 5])
        #expect(report.rows.map(\.funnel.rate) == [0, 1, 0.5, 0.5])
        #expect(report.includesHistory)
        #expect(report.footnotes.contains { $0.contains("imported from before Assay") })
    }

    @Test func limitsAreTheExactBinomialLimitsAtEachGroupsSize() throws {
        let report = try FunnelReport(audits: Self.spread(), period: Self.window, grouping: .team)
        let plot = try #require(FunnelPlot(groups: [GroupCount(label: "Ash", inadequate: 0, audits: 10), GroupCount(label: "Beech", inadequate: 10, audits: 10),
                                                    GroupCount(label: "Cedar", inadequate: 5, audits: 10), GroupCount(label: "Damson", inadequate: 5, audits: 10)]))
        #expect(report.rows.map(\.funnel) == plot.teams)
        let binomial = Binomial(trials: 10, probability: 0.5)
        let limits = try #require(report.rows.first?.funnel.limits)
        #expect(limits.exact95.upper == min(1, FunnelLimits.exactLimit(binomial, probability: 0.975)))
        #expect(limits.exact998.lower == max(0, FunnelLimits.exactLimit(binomial, probability: 0.001)))
        // By hand, in 1024ths: P(X ≤ 1, 2) = 11, 56 and p = 0.025 = 25.6, so r = 2,
        // α = 30.4/45 and the limit is (2 − α)/10; P(X ≤ 7, 8) = 968, 1013 and
        // 0.975 = 998.4, so r = 8, α = 14.6/45.
        #expect(abs(limits.exact95.lower - (2 - 30.4 / 45) / 10) < 1e-12)
        #expect(abs(limits.exact95.upper - (8 - 14.6 / 45) / 10) < 1e-12)
    }

    @Test func flagsReadTheExactTestAndTheInflatedLimits() throws {
        let report = try FunnelReport(audits: Self.spread(), period: Self.window, grouping: .team)
        #expect(report.rows.map(\.funnel.exact) == [.below998, .above998, .within, .within])
        // z = ∓√10, 0, 0; the 10th and 90th percentiles (type 7) are ∓0.7·√10, so
        // φ = 2·(0.49·10)/4 = 2.45 and I·φ = 9.8 > χ²₀.₉₅(3) = 7.81: over-dispersed.
        let phi = try #require(report.phi)
        #expect(abs(phi - 2.45) < 1e-12)
        #expect(report.isOverdispersed)
        // Inflated 95% limits at n = 10: 0.5 ± 1.96·√(2.45/40) = 0.5 ± 0.485, so Ash (0) is
        // below 95% and Beech (1) above; the 99.8% ones, 0.5 ± 0.765, clip to [0, 1].
        let ash = try #require(report.rows.first?.funnel.limits.inflated95)
        #expect(abs(ash.upper - (0.5 + NormalDistribution.quantile(0.975) * (2.45 / 40).squareRoot())) < 1e-12)
        #expect(report.rows.map(\.funnel.inflated) == [.below95, .above95, .within, .within])
        #expect(report.rows.first?.funnel.limits.inflated998 == ControlLimits(lower: 0, upper: 1))
        #expect(report.footnotes.contains { $0.hasPrefix("Over-dispersed") })
    }

    @Test func groupsThatVaryByChanceAloneHaveNoInflatedLimits() throws {
        let report = try FunnelReport(audits: Self.team("Ash", 2, of: 10) + Self.team("Beech", 2, of: 10), period: Self.window, grouping: .team)
        #expect(report.target == 0.2)
        #expect(report.phi == 0)  // both rates on θ: z = 0
        #expect(!report.isOverdispersed)
        #expect(report.rows.allSatisfy { $0.funnel.inflated == nil && $0.funnel.limits.inflated95 == nil && $0.funnel.exact == .within })
        #expect(report.footnotes.contains { $0.hasPrefix("Not over-dispersed") })
    }

    @Test func localitiesAreGroupsToo() throws {
        let report = try FunnelReport(audits: Self.spread(), period: Self.window, grouping: ReportGrouping(parsing: "locality"))
        #expect(report.rows.map(\.group.description) == ["North", "South"])
        #expect(report.rows.map(\.funnel.inadequate) == [10, 10])
        #expect(report.rows.map(\.funnel.exact) == [.within, .within])
        #expect(report.phi == 0)
    }

    @Test func theCurvesAreTheLimitsAtEachSize() throws {
        let report = try FunnelReport(audits: Self.spread(), period: Self.window, grouping: .team)
        let curve = report.curve(at: [1, 10, 100])
        #expect(curve == FunnelLimits.curve(target: 0.5, at: [1, 10, 100], phi: report.phi))
        #expect(curve.allSatisfy { $0.inflated95 != nil })
        #expect(curve[1] == report.rows[0].funnel.limits)
        // The default curve runs from 1 to a tenth beyond the largest group (10 → 11).
        #expect(report.curve().map(\.audits) == Array(1...11))
    }

    @Test func noAuditsNoRowsAndServiceIsRefused() throws {
        let empty = try FunnelReport(audits: [], period: Self.window, grouping: .team)
        #expect(empty.rows.isEmpty && empty.target == nil && empty.phi == nil && !empty.isOverdispersed)
        #expect(empty.curve(at: [1, 2]).isEmpty && empty.curve().isEmpty)
        #expect(throws: ReportError.funnelByService) { try FunnelReport(audits: Self.spread(), period: Self.window, grouping: ReportGrouping(parsing: "service")) }
        let one = try FunnelReport(audits: Self.team("Ash", 1, of: 4), period: Self.window, grouping: .team)
        #expect(one.rows.count == 1 && one.phi == nil)
    }
}
