import Foundation

/// The values Scripts/reference/distributions.R computed with R's `pbeta`, `qbeta` and
/// `qt`, read from Fixtures/distributions-expected.json next to this file. Regenerate with
/// `Rscript Scripts/reference/distributions.R`; never edit the JSON by hand.
struct DistributionReferenceValues: Decodable {
    struct BetaCDF: Decodable {
        let x: Double
        let a: Double
        let b: Double
        /// `pbeta(x, a, b)`.
        let lower: Double
        /// `pbeta(x, a, b, lower.tail = FALSE)`, computed directly by R, not as 1 − lower.
        let upper: Double
    }
    struct BetaQuantile: Decodable { let p: Double; let a: Double; let b: Double; let x: Double }
    /// `qbeta(q, a, b, lower.tail = FALSE)`.
    struct BetaUpperQuantile: Decodable { let q: Double; let a: Double; let b: Double; let x: Double }
    struct TQuantile: Decodable { let p: Double; let df: Double; let t: Double }

    let tool: String
    let version: String
    let beta_cdf: [BetaCDF]
    let beta_quantile: [BetaQuantile]
    let beta_upper_quantile: [BetaUpperQuantile]
    let t_quantile: [TQuantile]

    static let shared: DistributionReferenceValues = {
        let url = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()
            .appendingPathComponent("Fixtures/distributions-expected.json")
        do {
            return try JSONDecoder().decode(DistributionReferenceValues.self, from: Data(contentsOf: url))
        } catch {
            fatalError("cannot read \(url.path): \(error)")
        }
    }()
}
