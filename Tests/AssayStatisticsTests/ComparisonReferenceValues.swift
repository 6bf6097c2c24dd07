import Foundation

/// The values Scripts/reference/comparisons.R computed with R for the comparison and
/// trend statistics (trend test, Benjamini–Hochberg, binomial funnel limits,
/// over-dispersion, process charts, partial pooling), read from
/// Fixtures/comparisons-expected.json next to this file. Inputs are recorded beside the
/// outputs. Regenerate with `Rscript Scripts/reference/comparisons.R`; never edit the
/// JSON by hand.
struct ComparisonReferenceValues: Decodable {
    struct ChiSquared: Decodable { let x: Double; let df: Int; let q: Double }

    struct BinomialValue: Decodable {
        let n: Int
        let theta: Double
        let r: Int
        let pmf: Double
        let cdf: Double
    }

    /// qbinom(p), the interpolation α and the unclipped limit (r − α)/n.
    struct BinomialLimit: Decodable {
        let n: Int
        let theta: Double
        let p: Double
        let r: Int
        let alpha: Double
        let limit: Double
    }

    /// A p that is exactly pbinom(r): qbinom must return r.
    struct BinomialTie: Decodable { let n: Int; let theta: Double; let p: Double; let r: Int }

    struct Trend: Decodable {
        let label: String
        let months: [Int]
        let inadequate: [Int]
        let audits: [Int]
        let chiSquared: Double?
        let pValue: Double?
        let slope: Double?
        let direction: String
    }

    struct BH: Decodable { let p: [Double?]; let adjusted: [Double?] }

    struct Funnel: Decodable {
        /// One team's limits, in the order 99.8% lower, 95% lower, 95% upper, 99.8% upper.
        struct Limits: Decodable {
            let exactRaw: [Double]
            let inflatedRaw: [Double]
            /// By the exact binomial test (tail probabilities in R).
            let exact: String
            /// Against the drawn, interpolated exact limits.
            let drawn: String
            let inflated: String?
        }
        let label: String
        let teams: [String]
        let inadequate: [Int]
        let audits: [Int]
        let givenTarget: Double?
        let target: Double
        let z: [Double]
        let lowerCut: Double
        let upperCut: Double
        let winsorised: [Double]
        let phi: Double
        let statistic: Double
        let df: Int
        let pValue: Double
        /// qchisq(0.95, df).
        let threshold: Double
        let overdispersed: Bool
        /// Only the teams with audits.
        let limits: [Limits]
    }

    struct FunnelCurve: Decodable {
        struct Point: Decodable {
            let n: Int
            /// Clipped to [0, 1]: 99.8% lower, 95% lower, 95% upper, 99.8% upper.
            let exact: [Double]
            let inflated: [Double]
        }
        let theta: Double
        let phi: Double
        let points: [Point]
    }

    struct Process: Decodable {
        let label: String
        let months: [Int]
        let inadequate: [Int]
        let audits: [Int]
        let centre: Double
        /// These arrays cover only the months with audits.
        let sigma: [Double]
        let z: [Double]
        let lower: [Double]
        let upper: [Double]
        let sigmaZ: Double
        let statistic: Double
        /// chisq.test(rbind(k, n − k), correct = FALSE)$statistic: the same X², another way.
        let chisqTestStatistic: Double
        let df: Int
        let pValue: Double
        let overdispersed: Bool
        let laneyLower: [Double]
        let laneyUpper: [Double]
    }

    struct Pooling: Decodable {
        let label: String
        let teams: [String]
        let inadequate: [Int]
        let audits: [Int]
        let target: Double
        let rho: Double?
        let priorAudits: Double?
        let betweenSd: Double
        /// Only the teams with audits.
        let pooled: [Double]
        let shrinkage: [Double]
    }

    let tool: String
    let version: String
    let alpha: Double
    let chiSquared: [ChiSquared]
    let binomial: [BinomialValue]
    let binomialLimits: [BinomialLimit]
    let binomialTies: [BinomialTie]
    let trend: [Trend]
    /// p.adjust(method = "BH") over the `trend` cases' p-values, in order.
    let trendAdjusted: [Double?]
    let benjaminiHochberg: [BH]
    let funnel: [Funnel]
    let funnelCurve: FunnelCurve
    let process: [Process]
    let pooling: [Pooling]

    static let comparisons: ComparisonReferenceValues = {
        let url = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()
            .appendingPathComponent("Fixtures/comparisons-expected.json")
        do {
            let decoder = JSONDecoder()
            decoder.keyDecodingStrategy = .convertFromSnakeCase
            return try decoder.decode(ComparisonReferenceValues.self, from: Data(contentsOf: url))
        } catch {
            fatalError("cannot read \(url.path): \(error)")
        }
    }()
}
