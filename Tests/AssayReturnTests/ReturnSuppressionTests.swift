import AssayCore
@testable import AssayReturn
import AssayTestSupport
import Testing

/// A return's small counts are hidden by the public reports' rule (docs/reports.md, "Public
/// versions"), month by month, as tables of strata with both margins.
@Suite struct ReturnSuppressionTests {
    typealias Figure = AuthorityReturn.Figure

    /// Seeded random months of strata: no shown figure from 1 to K−1, and along every stratum's
    /// grades (adding up to n_h) never exactly one hidden beside a shown total.
    @Test func noSmallCountShownAndNoneRecoverableFromAStratumTotal() {
        var random = SeededRandom(seed: 23)
        for round in 0..<200 {
            let k = [3, 5][round % 2]
            let month = Month("2026-\(String(format: "%02d", round % 12 + 1))")!
            let strata = (0..<random.between(1, 5)).map { p -> ExactStratum in
                var s = ExactStratum(month: month, draw: 1, position: p, key: ["team": "T\(p)"], frameCases: random.between(1, 40))
                s.grades = (0..<4).map { _ in random.between(0, 6) }
                s.frameCases = max(s.frameCases!, s.audited)
                s.domains["safety"] = (0..<4).map { _ in random.between(0, 4) }
                s.moderated = random.between(0, s.audited)
                s.moderationAgreed = random.between(0, s.moderated)
                s.actionsRaised = random.between(0, 8)
                s.actionsDoneOnTime = random.between(0, s.actionsRaised)
                s.actionsOverdue = random.between(0, (s.actionsRaised - s.actionsDoneOnTime))
                return s
            }
            let returned = ReturnSuppression.apply(strata, counts: .suppressed(threshold: k))
            #expect(returned.count == strata.count)
            for s in returned {
                let figures = [s.frameCases!, s.audited, s.moderated, s.moderationAgreed, s.actionsRaised, s.actionsDoneOnTime, s.actionsOverdue]
                    + s.grades + s.domains.values.flatMap { $0 }
                for figure in figures {
                    if let n = figure.value { #expect(n == 0 || n >= k, "round \(round): \(n) shown") }
                }
                if s.audited != Figure.hidden {
                    #expect(s.grades.filter { $0 == Figure.hidden }.count != 1, "round \(round): one grade hidden beside a shown n_h")
                }
            }
            // Exact counts are returned as they are.
            #expect(ReturnSuppression.apply(strata, counts: .exact).map(\.grades) == strata.map { $0.grades.map { Figure.count($0) } })
        }
    }
}

extension SeededRandom {
    mutating func between(_ low: Int, _ high: Int) -> Int { low + below(high - low + 1) }
}
