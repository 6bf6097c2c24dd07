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
    /// The folder holds no templates.
    case noTemplates(folder: String)
    /// A line of a sample listing that cannot be read (`line` 1 is the header; nil: the file).
    case badSample(file: String, line: Int?, problem: String)
    case cannotRead(path: String)
    case cannotWrite(path: String)
    /// A case id that cannot be a file's name.
    case unusableCaseID(String)

    public var kind: ErrorKind {
        switch self {
        case .noTemplatesFolder, .noTemplates: .notFound
        case .cannotRead, .cannotWrite: .storage
        default: .invalidInput
        }
    }

    public var place: InputPlace? {
        switch self {
        case .tooFewStrata: .argument("strata")
        case .tooFewCases: .argument("cases")
        case .emptySample(let file), .missingColumn(let file, _, _): .file(file)
        case .noTemplatesFolder: .argument("templates")
        case .noTemplates(let folder): .file(folder)
        case .badSample(let file, let line, _): .file(file, line: line)
        case .cannotRead(let path), .cannotWrite(let path): .file(path)
        case .unusableCaseID: nil
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
        case .noTemplates(let folder): "\(folder): no templates (*.yaml) found."
        case .badSample(let file, let line, let problem): "\(file)\(line.map { ":\($0)" } ?? ""): \(problem)."
        case .cannotRead(let path): "\(path): no such file or cannot be read."
        case .cannotWrite(let path): "\(path): cannot be written."
        case .unusableCaseID(let id): "case id \"\(id)\" cannot be used as a file name."
        }
    }
}
