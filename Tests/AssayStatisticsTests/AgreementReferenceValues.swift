import AssayCore
import Foundation
import Testing

/// The moderation samples Scripts/reference/agreement.R measured with R's psych package,
/// inputs and expected outputs both, read from Fixtures/agreement-expected.json next to
/// this file. Regenerate with `Rscript Scripts/reference/agreement.R`; never edit the JSON
/// by hand.
struct AgreementReferenceValues: Decodable {
    struct Expected: Decodable {
        let n: Int
        let exact_agreement: Double
        let moved_better: Double
        let moved_worse: Double
        /// nil when the kappas are defined.
        let undefined_reason: String?
        /// `cohen.kappa(..., levels = 1:4)$kappa`, `$var.kappa` and `$confid[1, ]`.
        let kappa: Double?
        let kappa_var: Double?
        let kappa_ci_low: Double?
        let kappa_ci_high: Double?
        /// `$weighted.kappa` (quadratic weights over the four grades).
        let weighted_kappa: Double?
        /// Fleiss, Cohen & Everitt (1969), computed in the script, and its clipped interval.
        let weighted_kappa_var: Double?
        let weighted_kappa_ci_low: Double?
        let weighted_kappa_ci_high: Double?
        /// psych's own `$var.weighted` and `$confid[2, ]`: recorded, not compared.
        let psych_weighted_var: Double?
        let psych_weighted_ci_low: Double?
        let psych_weighted_ci_high: Double?
    }
    struct Sample: Decodable {
        let name: String
        let note: String
        /// [first auditor's grade, moderator's grade], 1–4.
        let pairs: [[Int]]
        let expected: Expected

        /// The pairs as Assay takes them.
        var gradePairs: [(first: Grade, moderator: Grade)] {
            pairs.map { (first: Grade(rawValue: $0[0])!, moderator: Grade(rawValue: $0[1])!) }
        }
    }

    let tool: String
    let version: String
    let psych_version: String
    let level: Double
    let samples: [Sample]

    func sample(_ name: String) -> Sample {
        guard let sample = samples.first(where: { $0.name == name }) else {
            fatalError("no sample \(name) in agreement-expected.json")
        }
        return sample
    }

    var allSamples: [AgreementCase] { samples.indices.map(AgreementCase.init) }

    static let shared: AgreementReferenceValues = {
        let url = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()
            .appendingPathComponent("Fixtures/agreement-expected.json")
        do {
            return try JSONDecoder().decode(AgreementReferenceValues.self, from: Data(contentsOf: url))
        } catch {
            fatalError("cannot read \(url.path): \(error)")
        }
    }()
}

/// One sample of the fixture, named so a failing parameterised test says which.
struct AgreementCase: Sendable, CustomTestStringConvertible {
    let index: Int
    var reference: AgreementReferenceValues.Sample { AgreementReferenceValues.shared.samples[index] }
    var testDescription: String { reference.name }
}
