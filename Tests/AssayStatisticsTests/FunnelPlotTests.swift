import AssayStatistics
import Testing

@Suite("Funnel plots: exact limits, over-dispersion, flags")
struct FunnelPlotTests {
    private static let reference = ComparisonReferenceValues.comparisons

    private static func groups(_ c: ComparisonReferenceValues.Funnel) -> [GroupCount] {
        c.teams.indices.map { GroupCount(label: c.teams[$0], inadequate: c.inadequate[$0], audits: c.audits[$0]) }
    }

    private static func clip(_ x: Double) -> Double { min(1, max(0, x)) }

    @Test("θ, z-scores, winsorising, φ and the over-dispersion test agree with R", arguments: reference.funnel.indices)
    func overdispersionMatchesR(_ i: Int) throws {
        let c = Self.reference.funnel[i]
        let plot = try #require(FunnelPlot(groups: Self.groups(c), target: c.givenTarget))
        #expect(relativeError(plot.target, c.target) <= 1e-15)
        #expect(plot.targetEstimated == (c.givenTarget == nil))
        let od = try #require(plot.overdispersion)
        #expect(od.zScores.count == c.z.count)
        for (a, e) in zip(od.zScores, c.z) { #expect(abs(a - e) <= 1e-12) }
        for (a, e) in zip(od.winsorisedZScores, c.winsorised) { #expect(abs(a - e) <= 1e-12) }
        #expect(abs(od.lowerCut - c.lowerCut) <= 1e-12 && abs(od.upperCut - c.upperCut) <= 1e-12)
        #expect(relativeError(od.phi, c.phi) <= 1e-12, "\(c.label): φ \(od.phi) vs R \(c.phi)")
        #expect(relativeError(od.statistic, c.statistic) <= 1e-12)
        #expect(od.degreesOfFreedom == c.df)
        #expect(relativeError(od.pValue, c.pValue) <= 1e-10, "\(c.label): p \(od.pValue) vs R \(c.pValue)")
        #expect(od.isOverdispersed == c.overdispersed, "\(c.label)")
        #expect(od.isOverdispersed == (c.statistic > c.threshold))
        #expect(plot.inflationFactor == (c.overdispersed ? od.phi : nil))
    }

    /// Exact and inflated limits to 1e−12 absolute (the exact ones go through qbinom,
    /// pbinom and a division by P(X = r); they agree to about 1e−14); flags exactly.
    @Test("each team's limits and flags agree with R", arguments: reference.funnel.indices)
    func teamsMatchR(_ i: Int) throws {
        let c = Self.reference.funnel[i]
        let plot = try #require(FunnelPlot(groups: Self.groups(c), target: c.givenTarget))
        let withAudits = c.teams.indices.filter { c.audits[$0] > 0 }
        #expect(plot.teams.map(\.label) == withAudits.map { c.teams[$0] })
        for (team, expected) in zip(plot.teams, c.limits) {
            let b = Binomial(trials: team.audits, probability: plot.target)
            let raw = [0.001, 0.025, 0.975, 0.999].map { FunnelLimits.exactLimit(b, probability: $0) }
            for (a, e) in zip(raw, expected.exactRaw) { #expect(abs(a - e) <= 1e-12, "\(team.label): \(a) vs R \(e)") }
            let stored = [team.limits.exact998.lower, team.limits.exact95.lower, team.limits.exact95.upper, team.limits.exact998.upper]
            for (a, e) in zip(stored, expected.exactRaw.map(Self.clip)) { #expect(abs(a - e) <= 1e-12) }
            #expect(team.exact.rawValue == expected.exact, "\(c.label), \(team.label)")
            let drawn = FunnelFlag(rate: team.rate, limits95: team.limits.exact95, limits998: team.limits.exact998)
            #expect(drawn.rawValue == expected.drawn, "\(c.label), \(team.label)")
            if drawn != team.exact {
                // Only a count exactly at an upper quantile, where the curve cuts the step.
                let upper = [0.975, 0.999].map { b.quantile($0)! }
                #expect(upper.contains(team.inadequate), "\(c.label), \(team.label)")
            }
            #expect(team.inflated?.rawValue == expected.inflated, "\(c.label), \(team.label)")
            let phi = c.phi
            let inflated = [0.001, 0.025, 0.975, 0.999].map {
                FunnelLimits.inflatedLimit(target: plot.target, audits: team.audits, phi: phi, probability: $0)
            }
            for (a, e) in zip(inflated, expected.inflatedRaw) { #expect(abs(a - e) <= 1e-12) }
            #expect((team.limits.inflated95 != nil) == c.overdispersed)
        }
    }

    @Test("limit curves for the chart agree with R")
    func curveMatchesR() {
        let c = Self.reference.funnelCurve
        let curve = FunnelLimits.curve(target: c.theta, at: c.points.map(\.n), phi: c.phi)
        for (limits, e) in zip(curve, c.points) {
            #expect(limits.audits == e.n)
            let exact = [limits.exact998.lower, limits.exact95.lower, limits.exact95.upper, limits.exact998.upper]
            for (a, b) in zip(exact, e.exact) { #expect(abs(a - b) <= 1e-12, "n \(e.n): \(a) vs R \(b)") }
            let inflated = [limits.inflated998!.lower, limits.inflated95!.lower, limits.inflated95!.upper, limits.inflated998!.upper]
            for (a, b) in zip(inflated, e.inflated) { #expect(abs(a - b) <= 1e-12) }
        }
        #expect(FunnelLimits.curve(target: 0.2, at: [10]).first?.inflated95 == nil)
    }

    @Test("limits nest and narrow as audits grow")
    func funnelShape() {
        let curve = FunnelLimits.curve(target: 0.2, at: Array(1...300), phi: 2)
        for l in curve {
            #expect(l.exact998.lower <= l.exact95.lower && l.exact95.lower <= 0.2)
            #expect(0.2 <= l.exact95.upper && l.exact95.upper <= l.exact998.upper)
            #expect(l.inflated95!.upper >= 0.2)
        }
        #expect(curve[299].exact95.upper < curve[9].exact95.upper)
    }

    @Test("no inadequate audit anywhere: limits collapse to 0, nobody flagged, φ not estimable")
    func allZero() throws {
        let plot = try #require(FunnelPlot(groups: [GroupCount(label: "A", inadequate: 0, audits: 10),
                                                    GroupCount(label: "B", inadequate: 0, audits: 3)]))
        #expect(plot.target == 0 && plot.overdispersion == nil && plot.inflationFactor == nil)
        for team in plot.teams {
            #expect(team.exact == .within && team.inflated == nil)
            #expect(team.limits.exact998 == ControlLimits(lower: 0, upper: 0))
        }
    }

    @Test("every audit inadequate: limits collapse to 1, nobody flagged")
    func allInadequate() throws {
        let plot = try #require(FunnelPlot(groups: [GroupCount(label: "A", inadequate: 4, audits: 4),
                                                    GroupCount(label: "B", inadequate: 1, audits: 1)]))
        #expect(plot.target == 1 && plot.overdispersion == nil)
        #expect(plot.teams.allSatisfy { $0.exact == .within })
    }

    /// 1 inadequate of 1 happens 20% of the time at θ = 0.2: the exact test does not
    /// flag it, although the point lies above the drawn 95% and 99.8% curves.
    @Test("a team of one audit is not flagged, though it lies above the drawn curve")
    func teamOfOne() throws {
        let plot = try #require(FunnelPlot(groups: [GroupCount(label: "One", inadequate: 1, audits: 1),
                                                    GroupCount(label: "Big", inadequate: 40, audits: 201)],
                                           target: 0.2))
        let one = plot.teams[0]
        #expect(one.rate == 1 && one.exact == .within)
        #expect(one.limits.exact95.lower == 0)
        #expect(abs(one.limits.exact95.upper - (1 - 0.025 / 0.2)) < 1e-15)   // (1 − α)/1, α = 0.025/0.2
        #expect(abs(one.limits.exact998.upper - (1 - 0.001 / 0.2)) < 1e-15)
        #expect(FunnelFlag(rate: 1, limits95: one.limits.exact95, limits998: one.limits.exact998) == .above998)
        let zeroOfOne = try #require(FunnelPlot(groups: [GroupCount(label: "One", inadequate: 0, audits: 1)], target: 0.2))
        #expect(zeroOfOne.teams[0].exact == .within)
    }

    @Test("a count beyond every plausible value is flagged, above and below")
    func exactFlags() {
        let b = Binomial(trials: 100, probability: 0.2)
        #expect(FunnelFlag(inadequate: 40, binomial: b) == .above998)   // P(X ≥ 40) = 3.6e−6
        #expect(FunnelFlag(inadequate: 29, binomial: b) == .above95)    // P(X ≥ 29) = 0.0200
        #expect(FunnelFlag(inadequate: 28, binomial: b) == .within)     // P(X ≥ 28) = 0.0342
        #expect(FunnelFlag(inadequate: 20, binomial: b) == .within)
        #expect(FunnelFlag(inadequate: 12, binomial: b) == .within)     // P(X ≤ 12) = 0.0253
        #expect(FunnelFlag(inadequate: 11, binomial: b) == .below95)
        #expect(FunnelFlag(inadequate: 5, binomial: b) == .below998)    // P(X ≤ 5) = 1.9e−5
    }

    @Test("one team, or none with audits")
    func tooFew() throws {
        let single = try #require(FunnelPlot(groups: [GroupCount(label: "A", inadequate: 3, audits: 12)]))
        #expect(single.overdispersion == nil && single.teams.count == 1 && single.teams[0].exact == .within)
        #expect(FunnelPlot(groups: []) == nil)
        #expect(FunnelPlot(groups: [GroupCount(label: "A", inadequate: 0, audits: 0)]) == nil)
    }

    @Test("flags read the 99.8% limits before the 95% ones; on a limit is inside")
    func flagOrder() {
        let l95 = ControlLimits(lower: 0.1, upper: 0.3), l998 = ControlLimits(lower: 0.05, upper: 0.4)
        #expect(FunnelFlag(rate: 0.5, limits95: l95, limits998: l998) == .above998)
        #expect(FunnelFlag(rate: 0.35, limits95: l95, limits998: l998) == .above95)
        #expect(FunnelFlag(rate: 0.3, limits95: l95, limits998: l998) == .within)
        #expect(FunnelFlag(rate: 0.07, limits95: l95, limits998: l998) == .below95)
        #expect(FunnelFlag(rate: 0.0, limits95: l95, limits998: l998) == .below998)
    }

    /// docs/statistics.md's worked example: one locality's six teams against the
    /// authority rate of 18%.
    @Test("worked example: North D, 14 of 45 against 18%")
    func workedExample() throws {
        let c = try #require(Self.reference.funnel.first { $0.label == "one locality against the authority rate" })
        let plot = try #require(FunnelPlot(groups: Self.groups(c), target: 0.18))
        let d = try #require(plot.teams.first { $0.label == "North D" })
        #expect(abs(d.limits.exact95.lower - 0.06374442969) < 1e-10)
        #expect(abs(d.limits.exact95.upper - 0.2874088097) < 1e-10)
        #expect(abs(d.limits.exact998.upper - 0.3647735049) < 1e-10)
        #expect(d.exact == .above95)
        let od = try #require(plot.overdispersion)
        #expect(abs(od.phi - 2.21598053520) < 1e-10 && od.degreesOfFreedom == 6 && od.isOverdispersed)
        #expect(abs(d.limits.inflated95!.upper - 0.3470967425) < 1e-10)
        #expect(d.inflated == .within)
        let f = try #require(plot.teams.first { $0.label == "North F" })
        #expect(f.exact == .within && abs(f.limits.exact998.upper - 0.9944444444) < 1e-10)
    }
}

