import AssayStatistics
import Foundation
import Testing

/// The designs Scripts/reference/estimates.R estimated with R's survey package, inputs and
/// expected outputs both, read from Fixtures/estimates-expected.json next to this file.
/// Regenerate with `Rscript Scripts/reference/estimates.R`; never edit the JSON by hand.
struct EstimateReferenceValues: Decodable {
    struct Observation: Decodable {
        let stratum: String
        /// nil: not known (imported history; weight 1, no finite-population correction).
        let population: Int?
        let inadequate: Int
        let labels: [String: String]
    }
    struct Domain: Decodable, CustomStringConvertible {
        let label: String
        let value: String
        var description: String { "\(label) == \(value)" }
    }
    struct Estimate: Decodable {
        /// nil for the whole design.
        let domain: Domain?
        let n: Int
        let k: Int
        /// `svymean` (whole design) or `svyby(~inadequate, ~label, design, svymean)`.
        let rate: Double
        let se: Double
        /// `degf` of the design or of `subset(design, label == value)`.
        let df: Int
        let ci_method: String
        /// nil for a census.
        let n_eff: Double?
        /// The interval of the rule `ci_method` names.
        let ci_low: Double
        let ci_high: Double
        /// What `svyciprop(method = "beta")` itself returned; nil where it gave NaN.
        let svyciprop_low: Double?
        let svyciprop_high: Double?
    }
    struct Design: Decodable {
        let name: String
        let note: String
        let labels: [String]
        let observations: [Observation]
        let estimates: [Estimate]

        /// The design as Assay takes it, with the R script's stratum names as keys.
        func sample() throws -> StratifiedSample<String> {
            try StratifiedSample(observations.map {
                .init(stratum: $0.stratum, stratumPopulation: $0.population, inadequate: $0.inadequate == 1,
                      labels: $0.labels)
            })
        }

        func estimate(named domain: String?) -> Estimate? {
            estimates.first { $0.domain?.description == domain }
        }
    }

    let tool: String
    let version: String
    let survey_version: String
    let level: Double
    let designs: [Design]

    func design(_ name: String) -> Design {
        guard let design = designs.first(where: { $0.name == name }) else {
            fatalError("no design \(name) in estimates-expected.json")
        }
        return design
    }

    /// (design index, estimate index) for every estimate, for parameterised tests.
    var allEstimates: [EstimateCase] {
        designs.indices.flatMap { d in designs[d].estimates.indices.map { EstimateCase(design: d, estimate: $0) } }
    }

    static let shared: EstimateReferenceValues = {
        let url = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()
            .appendingPathComponent("Fixtures/estimates-expected.json")
        do {
            return try JSONDecoder().decode(EstimateReferenceValues.self, from: Data(contentsOf: url))
        } catch {
            fatalError("cannot read \(url.path): \(error)")
        }
    }()
}

/// One estimate of the fixture, named so a failing parameterised test says which.
struct EstimateCase: Sendable, CustomTestStringConvertible {
    let design: Int
    let estimate: Int

    var reference: (design: EstimateReferenceValues.Design, estimate: EstimateReferenceValues.Estimate) {
        let design = EstimateReferenceValues.shared.designs[self.design]
        return (design, design.estimates[estimate])
    }

    var testDescription: String {
        let (design, estimate) = reference
        return "\(design.name): \(estimate.domain?.description ?? "all")"
    }
}
