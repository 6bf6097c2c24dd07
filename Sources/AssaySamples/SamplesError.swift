import AssayCore

/// What the sample-data generators refuse. Worded for their command line by
/// `assay-samples` (Sources/assay-samples/main.swift).
public enum SamplesError: AssayError, Equatable {
    case tooFewStrata(Int)
    /// `cases` cases cannot fill `strata` strata, one each.
    case tooFewCases(Int, strata: Int)
    /// A sample listing with no rows, or without a column it needs.
    case emptySample(file: String)
    case missingColumn(file: String, column: String, needed: [String])
    /// No templates folder was given, and none is shipped.
    case noTemplatesFolder

    public var kind: ErrorKind {
        switch self {
        case .noTemplatesFolder: .notFound
        default: .invalidInput
        }
    }

    public var place: InputPlace? {
        switch self {
        case .tooFewStrata: .argument("strata")
        case .tooFewCases: .argument("cases")
        case .emptySample(let file), .missingColumn(let file, _, _): .file(file)
        case .noTemplatesFolder: .argument("templates")
        }
    }

    public var description: String {
        switch self {
        case .tooFewStrata(let n): "A register needs at least one stratum; got \(n)."
        case .tooFewCases(let n, let strata): "\(strata) strata need at least \(strata) cases, one each; got \(n)."
        case .emptySample(let file): "\(file): the file is empty; expected a month's sample listed as CSV."
        case .missingColumn(let file, let column, let needed):
            "\(file): no \(column) column; expected a month's sample listed as CSV (columns \(needed.joined(separator: ", ")), …)."
        case .noTemplatesFolder: "No AuditTemplates folder found."
        }
    }
}
