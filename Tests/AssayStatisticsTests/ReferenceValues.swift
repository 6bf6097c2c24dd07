import Foundation

/// The values Scripts/reference/plan.R computed with R, read from
/// Fixtures/plan-expected.json next to this file. Regenerate with
/// `Rscript Scripts/reference/plan.R`; never edit the JSON by hand.
struct ReferenceValues: Decodable {
    struct Quantile: Decodable { let p: Double; let z: Double }
    struct CDF: Decodable { let x: Double; let p: Double }
    struct Margin: Decodable {
        let expected: Double
        let margin: Double
        let confidence: Double
        let population: Int?
        let z: Double
        let n0: Double
        let n: Int
    }
    struct Detection: Decodable {
        let p1: Double
        let p2: Double
        let power: Double
        let alpha: Double
        /// From uniroot inside `power.prop.test`, so only as exact as its tolerance.
        let n_power_prop_test: Double
        let n_closed_form: Double
        let n: Int
    }

    let tool: String
    let version: String
    let uniroot_tol: Double
    let quantiles: [Quantile]
    let cdf: [CDF]
    let margin: [Margin]
    let detection: [Detection]

    static let plan: ReferenceValues = {
        let url = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()
            .appendingPathComponent("Fixtures/plan-expected.json")
        do {
            return try JSONDecoder().decode(ReferenceValues.self, from: Data(contentsOf: url))
        } catch {
            fatalError("cannot read \(url.path): \(error)")
        }
    }()
}

/// |actual − expected| / |expected|, and 0 when they are equal (so an expected 0 works).
func relativeError(_ actual: Double, _ expected: Double) -> Double {
    actual == expected ? 0 : abs(actual - expected) / abs(expected)
}

/// Whether x is so close to a whole number that a reference computed another way could
/// round up to a different one.
func nearInteger(_ x: Double, within tolerance: Double) -> Bool {
    abs(x - x.rounded()) <= tolerance * max(abs(x), 1)
}
