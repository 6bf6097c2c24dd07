import AssayCore

/// Agreement between a first auditor's grade and a moderator's blind grade of the same
/// audits (moderation), on Ofsted's four-point scale: exact agreement, Cohen's kappa and
/// quadratic-weighted kappa with 95% intervals, and how often the moderated grade moved.
///
/// Formulas, references, choices and tolerances: docs/statistics.md, "Agreement:
/// moderation". Reference values: R's `psych::cohen.kappa(pairs, levels = 1:4)` and, for
/// the weighted kappa's variance, Fleiss, Cohen & Everitt (1969), in
/// Scripts/reference/agreement.R.
public struct ModerationAgreement: Sendable, Equatable {
    /// Why kappa cannot be computed. Raw values are what reports and JSON print.
    public enum UndefinedReason: String, Sendable, Equatable, CaseIterable, Codable {
        /// No moderated audits.
        case noPairs = "no-pairs"
        /// Both auditors gave every audit one and the same grade: agreement expected by
        /// chance is 1 and kappa is 0/0.
        case oneGradeOnly = "one-grade-only"

        /// The words a report prints.
        public var explanation: String {
            switch self {
            case .noPairs: "no moderated audits"
            case .oneGradeOnly: "every audit got the same grade from both auditors, so agreement by chance is certain"
            }
        }
    }

    /// A normal-approximation interval, clipped to [−1, 1].
    public struct Interval: Sendable, Equatable {
        public let low: Double
        public let high: Double
        public init(low: Double, high: Double) {
            self.low = low
            self.high = high
        }
    }

    /// Moderated audits: pairs of grades.
    public let n: Int
    /// Pairs where the moderator gave the same grade.
    public let agreed: Int
    /// Pairs whose moderated grade is better (a lower number) than the first auditor's.
    public let better: Int
    /// Pairs whose moderated grade is worse (a higher number) than the first auditor's.
    public let worse: Int
    /// agreed / n; nil when n = 0.
    public let exactAgreement: Double?
    /// better / n; nil when n = 0.
    public let movedBetter: Double?
    /// worse / n; nil when n = 0.
    public let movedWorse: Double?
    /// Cohen's kappa; nil when undefined (see `undefinedReason`).
    public let kappa: Double?
    /// Its large-sample variance (Fleiss, Cohen & Everitt 1969), as psych computes it.
    public let kappaVariance: Double?
    /// kappa ± z·√variance, clipped to [−1, 1], as psych computes it.
    public let kappaCI: Interval?
    /// Quadratic-weighted kappa over all four grades; nil when undefined.
    public let weightedKappa: Double?
    /// Its large-sample variance (Fleiss, Cohen & Everitt 1969).
    public let weightedKappaVariance: Double?
    /// weightedKappa ± z·√variance, clipped to [−1, 1].
    public let weightedKappaCI: Interval?
    /// Why the kappas are nil; nil when they are defined.
    public let undefinedReason: UndefinedReason?
    /// The confidence level of both intervals.
    public let level: Double

    /// The agreement on `pairs` (first auditor's grade, moderator's blind grade).
    /// `level` is the intervals' confidence level, strictly between 0 and 1.
    public init(_ pairs: [(first: Grade, moderator: Grade)], level: Double = 0.95) {
        precondition(level > 0 && level < 1, "level must lie strictly between 0 and 1")
        self.level = level
        n = pairs.count
        agreed = pairs.count { $0.first == $0.moderator }
        better = pairs.count { $0.moderator < $0.first }
        worse = pairs.count { $0.moderator > $0.first }
        guard n > 0 else {
            (exactAgreement, movedBetter, movedWorse) = (nil, nil, nil)
            (kappa, kappaVariance, kappaCI) = (nil, nil, nil)
            (weightedKappa, weightedKappaVariance, weightedKappaCI) = (nil, nil, nil)
            undefinedReason = .noPairs
            return
        }
        let total = Double(n)
        exactAgreement = Double(agreed) / total
        movedBetter = Double(better) / total
        movedWorse = Double(worse) / total

        let table = GradeTable(pairs)
        let z = -NormalDistribution.quantile((1 - level) / 2)
        guard let unweighted = table.kappa(weights: GradeTable.identityWeights),
              let weighted = table.kappa(weights: GradeTable.quadraticWeights) else {
            (kappa, kappaVariance, kappaCI) = (nil, nil, nil)
            (weightedKappa, weightedKappaVariance, weightedKappaCI) = (nil, nil, nil)
            undefinedReason = .oneGradeOnly
            return
        }
        undefinedReason = nil
        kappa = unweighted.kappa
        kappaVariance = unweighted.variance
        kappaCI = Self.interval(unweighted.kappa, unweighted.variance, z)
        weightedKappa = weighted.kappa
        weightedKappaVariance = weighted.variance
        weightedKappaCI = Self.interval(weighted.kappa, weighted.variance, z)
    }

    private static func interval(_ estimate: Double, _ variance: Double, _ z: Double) -> Interval {
        let half = z * variance.squareRoot()
        return Interval(low: min(max(estimate - half, -1), 1), high: min(max(estimate + half, -1), 1))
    }
}

/// The 4 × 4 table of proportions p_ij over all four grades: row i the first auditor's
/// grade, column j the moderator's.
struct GradeTable {
    static let k = Grade.allCases.count
    let n: Int
    let counts: [[Int]]
    let p: [[Double]]
    let rows: [Double]
    let columns: [Double]

    init(_ pairs: [(first: Grade, moderator: Grade)]) {
        var counts = Array(repeating: Array(repeating: 0, count: Self.k), count: Self.k)
        for pair in pairs { counts[pair.first.rawValue - 1][pair.moderator.rawValue - 1] += 1 }
        n = pairs.count
        self.counts = counts
        let total = Double(n)
        let p = counts.map { $0.map { Double($0) / total } }
        self.p = p
        rows = p.map { $0.reduce(0, +) }
        columns = (0..<Self.k).map { j in p.reduce(0) { $0 + $1[j] } }
    }

    /// Unweighted kappa's weights: 1 on the diagonal, 0 elsewhere.
    static let identityWeights: [[Double]] = (0..<k).map { (i: Int) -> [Double] in
        (0..<k).map { (j: Int) -> Double in i == j ? 1 : 0 }
    }
    /// psych's default agreement weights, 1 − (i − j)²/(k − 1)², with k = 4 grades.
    static let quadraticWeights: [[Double]] = (0..<k).map { (i: Int) -> [Double] in
        (0..<k).map { (j: Int) -> Double in
            let d = Double(i - j), span = Double(k - 1)
            return 1 - (d * d) / (span * span)
        }
    }

    /// True when the variance of every kappa is exactly 0 although rounding would leave
    /// ~1e−17 to ~1e−14 of it: perfect agreement (only diagonal cells), or each auditor
    /// used one grade (a single cell). Both make the variance's two terms equal.
    var varianceIsExactlyZero: Bool {
        let cells = counts.joined().filter { $0 > 0 }.count
        let diagonal = (0..<Self.k).reduce(0) { $0 + counts[$1][$1] }
        return diagonal == n || cells == 1
    }

    /// Kappa with agreement weights w (w_ii = 1) and its large-sample variance (Fleiss,
    /// Cohen & Everitt 1969); nil when chance agreement is 1. A variance that rounding
    /// makes negative is 0, as psych makes it.
    func kappa(weights w: [[Double]]) -> (kappa: Double, variance: Double)? {
        let k = Self.k
        var po = 0.0, pe = 0.0
        for i in 0..<k {
            for j in 0..<k {
                po += w[i][j] * p[i][j]
                pe += w[i][j] * rows[i] * columns[j]
            }
        }
        guard pe < 1 else { return nil }
        let kappa = (po - pe) / (1 - pe)
        // w̄_i. = Σ_j p_.j w_ij and w̄_.j = Σ_i p_i. w_ij.
        let rowMeans = (0..<k).map { i in (0..<k).reduce(0.0) { $0 + columns[$1] * w[i][$1] } }
        let columnMeans = (0..<k).map { j in (0..<k).reduce(0.0) { $0 + rows[$1] * w[$1][j] } }
        var sum = 0.0
        for i in 0..<k {
            for j in 0..<k where p[i][j] > 0 {
                let a = w[i][j] * (1 - pe) - (rowMeans[i] + columnMeans[j]) * (1 - po)
                sum += p[i][j] * a * a
            }
        }
        let c = po * pe - 2 * pe + po
        let q = (1 - pe) * (1 - pe)
        let variance = varianceIsExactlyZero ? 0 : (sum - c * c) / (Double(n) * q * q)
        return (kappa, variance.isNaN || variance < 0 ? 0 : variance)
    }
}
