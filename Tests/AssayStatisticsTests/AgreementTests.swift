import AssayCore
import AssayStatistics
import Foundation
import Testing

@Suite("Agreement: moderation")
struct AgreementTests {
    static let reference = AgreementReferenceValues.shared

    /// |a − e| ≤ 1e−9: the issue's tolerance for kappas, variances and interval limits
    /// (all of them in [−1, 1] or small).
    static func close(_ actual: Double?, _ expected: Double?, _ tolerance: Double = 1e-9) -> Bool {
        switch (actual, expected) {
        case (nil, nil): true
        case let (a?, e?): abs(a - e) <= tolerance
        default: false
        }
    }

    // MARK: Against R

    @Test("counts and shares agree with R", arguments: reference.allSamples)
    func shares(_ c: AgreementCase) {
        let expected = c.reference.expected
        let agreement = ModerationAgreement(c.reference.gradePairs, level: Self.reference.level)
        #expect(agreement.n == expected.n)
        #expect(Self.close(agreement.exactAgreement, expected.exact_agreement, 1e-15))
        #expect(Self.close(agreement.movedBetter, expected.moved_better, 1e-15))
        #expect(Self.close(agreement.movedWorse, expected.moved_worse, 1e-15))
        #expect(agreement.undefinedReason?.rawValue == expected.undefined_reason)
    }

    @Test("Cohen's kappa, its variance and interval agree with psych::cohen.kappa",
          arguments: reference.allSamples)
    func kappa(_ c: AgreementCase) {
        let expected = c.reference.expected
        let agreement = ModerationAgreement(c.reference.gradePairs, level: Self.reference.level)
        #expect(Self.close(agreement.kappa, expected.kappa), "kappa \(String(describing: agreement.kappa))")
        #expect(Self.close(agreement.kappaVariance, expected.kappa_var))
        #expect(Self.close(agreement.kappaCI?.low, expected.kappa_ci_low))
        #expect(Self.close(agreement.kappaCI?.high, expected.kappa_ci_high))
        // Assay reaches ~1e−15; pin 1e−12 to catch a loss of accuracy early.
        #expect(Self.close(agreement.kappa, expected.kappa, 1e-12))
    }

    @Test("weighted kappa agrees with psych; its Fleiss–Cohen–Everitt variance and interval with the script's",
          arguments: reference.allSamples)
    func weightedKappa(_ c: AgreementCase) {
        let expected = c.reference.expected
        let agreement = ModerationAgreement(c.reference.gradePairs, level: Self.reference.level)
        #expect(Self.close(agreement.weightedKappa, expected.weighted_kappa))
        #expect(Self.close(agreement.weightedKappaVariance, expected.weighted_kappa_var))
        // Where the exact variance is 0 but rounding leaves ~1e−14 (single-grades-apart),
        // the square root turns that noise into ~1e−7 either side of the point: compare the
        // limits to 1e−6 there, 1e−9 everywhere else.
        let tolerance = (expected.weighted_kappa_var ?? 1) < 1e-12 ? 1e-6 : 1e-9
        #expect(Self.close(agreement.weightedKappaCI?.low, expected.weighted_kappa_ci_low, tolerance))
        #expect(Self.close(agreement.weightedKappaCI?.high, expected.weighted_kappa_ci_high, tolerance))
    }

    @Test("the fixture was made by psych with the levels and weights documented")
    func provenance() {
        #expect(Self.reference.tool == "R")
        #expect(Self.reference.psych_version == "2.2.9")
        #expect(Self.reference.level == 0.95)
        for name in ["perfect-agreement", "one-grade-only", "chance-level", "typical-month", "small"] {
            #expect(Self.reference.samples.contains { $0.name == name }, "fixture lacks \(name)")
        }
        #expect(Self.reference.sample("typical-month").pairs.count == 30)
        #expect(Self.reference.sample("small").pairs.count == 5)
    }

    // MARK: Edge cases

    @Test("no pairs: every share and kappa nil, with the reason")
    func empty() {
        let agreement = ModerationAgreement([])
        #expect(agreement.n == 0)
        #expect(agreement.exactAgreement == nil && agreement.movedBetter == nil && agreement.movedWorse == nil)
        #expect(agreement.kappa == nil && agreement.kappaCI == nil)
        #expect(agreement.weightedKappa == nil && agreement.weightedKappaCI == nil)
        #expect(agreement.undefinedReason == .noPairs)
    }

    @Test("one grade only: kappa undefined, exact agreement 1")
    func oneGrade() {
        let agreement = ModerationAgreement(Array(repeating: (first: .inadequate, moderator: .inadequate), count: 3))
        #expect(agreement.exactAgreement == 1)
        #expect(agreement.kappa == nil && agreement.weightedKappa == nil)
        #expect(agreement.undefinedReason == .oneGradeOnly)
    }

    @Test("grades not used do not change unweighted kappa; weights follow the grade numbers")
    func levels() {
        // Grades 1, 2 and 4: with levels 1:4, 2 → 4 is two steps, weight 1 − 4/9.
        let pairs = Self.reference.sample("gap-in-grades").gradePairs
        let agreement = ModerationAgreement(pairs)
        let shifted = ModerationAgreement(pairs.map {
            (first: $0.first == .inadequate ? .requiresImprovement : $0.first,
             moderator: $0.moderator == .inadequate ? .requiresImprovement : $0.moderator)
        })
        #expect(Self.close(agreement.kappa, shifted.kappa, 1e-15))
        #expect(agreement.weightedKappa != shifted.weightedKappa)
    }

    @Test("worked example of docs/statistics.md")
    func workedExample() throws {
        let pairs: [(first: Grade, moderator: Grade)] = [
            (.good, .good), (.requiresImprovement, .requiresImprovement), (.requiresImprovement, .inadequate),
            (.inadequate, .inadequate), (.good, .outstanding), (.requiresImprovement, .requiresImprovement),
        ]
        #expect(pairs.map { [$0.first.rawValue, $0.moderator.rawValue] } == Self.reference.sample("worked-example").pairs)
        let a = ModerationAgreement(pairs)
        #expect(a.agreed == 4 && a.better == 1 && a.worse == 1)
        #expect(Self.close(a.kappa, 7.0 / 13.0, 1e-15))          // (2/3 − 5/18) / (1 − 5/18)
        #expect(Self.close(a.weightedKappa, 23.0 / 29.0, 1e-15)) // 1 − (1/3) / (29/18)
        let ci = try #require(a.kappaCI)
        #expect(abs(ci.low - 0.0884) < 5e-5 && abs(ci.high - 0.9885) < 5e-5)
        let wci = try #require(a.weightedKappaCI)
        #expect(abs(wci.low - 0.5972) < 5e-5 && abs(wci.high - 0.9890) < 5e-5)
    }
}
