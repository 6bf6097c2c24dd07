// assay-samples: writes the synthetic registers in Samples/ (and larger ones for benchmarks),
// made-up answers files that fill a month of audits for the demo, and a history of past audits.
// Arguments are read by hand to keep this small tool free of dependencies.
import AssayCore
import AssaySamples
import Foundation

let usage = """
    usage: assay-samples register [--seed N] [--cases N] [--strata N] [--as-of YYYY-MM-DD] [--out FILE]
           assay-samples broken [--out FILE]
           assay-samples answers --sample SAMPLE.csv --templates DIR --out DIR [--seed N] [--as-of YYYY-MM-DD] [--on YYYY-MM-DD]
           assay-samples history [--seed N] [--templates DIR] [--out FILE]

    register  a synthetic case register of an invented county, as CSV. Defaults: seed
              \(RegisterGenerator.defaultSeed), \(CountyShape.countyCaseCount) cases, as of \(RegisterGenerator.defaultAsOf).
              --strata N spreads the cases over N numbered team x locality strata
              instead (for benchmarks; --cases must be at least N).
    broken    a small register with one deliberate defect per bad row, for the import's error path.
    answers   a month of completed audits: for each case of SAMPLE.csv (as printed by
              `assay sample MONTH --format csv`), DIR/CASE_ID.yaml, an answers file for
              `assay audit CASE_ID --answers FILE` against the template (from --templates)
              for the case's service. Some teams are weaker than others, as reports should
              show. Each file says at its top the day it is audited ("# Audited on
              YYYY-MM-DD"): a day of its own 2 to 25 days after --as-of (3 to 26 November
              by default), or --on for all; its actions fall due one to four weeks after
              that day. Defaults:
              seed \(AuditAnswersGenerator.defaultSeed), as of \(RegisterGenerator.defaultAsOf) (the day the audits look back from).
    history   three years of audits made before Assay (\(PastAuditHistoryGenerator.firstMonth) to
              \(PastAuditHistoryGenerator.lastMonth), 50-60 a month) for `assay import audits FILE`, with
              trends built in: the inadequate rate falls from about a quarter to about a
              twentieth, \(PastAuditHistoryGenerator.stubbornTeam) stays near \(Int(PastAuditHistoryGenerator.stubbornRate * 100))%, \(PastAuditHistoryGenerator.worseningLocality) worsens.
              Domains come from the templates in --templates (default the shipped
              AuditTemplates). Default seed \(PastAuditHistoryGenerator.defaultSeed).

    Registers and histories go to standard output unless --out is given. The same arguments always give the same bytes.
    """

struct UsageError: Error { let message: String }

/// `--name value` pairs after the subcommand; anything else is a usage error.
func options(_ arguments: ArraySlice<String>, allowed: Set<String>) throws -> [String: String] {
    var found: [String: String] = [:]
    var rest = arguments
    while let name = rest.popFirst() {
        guard allowed.contains(name) else { throw UsageError(message: "unknown option \"\(name)\"") }
        guard let value = rest.popFirst() else { throw UsageError(message: "\(name) needs a value") }
        guard found[name] == nil else { throw UsageError(message: "\(name) given twice") }
        found[name] = value
    }
    return found
}

func number<T: FixedWidthInteger>(_ options: [String: String], _ name: String, _ type: T.Type) throws -> T? {
    guard let text = options[name] else { return nil }
    guard let value = T(text) else { throw UsageError(message: "\(name) \(text): not a whole number") }
    return value
}

func date(_ options: [String: String], _ name: String) throws -> CalendarDate? {
    guard let text = options[name] else { return nil }
    guard let value = CalendarDate(parsing: text) else { throw UsageError(message: "\(name) \(text): write the date as YYYY-MM-DD") }
    return value
}

/// Opens `path` for writing, emptied, or standard output when nil.
func output(_ path: String?) throws -> FileHandle {
    guard let path else { return .standardOutput }
    guard FileManager.default.createFile(atPath: path, contents: nil),
          let handle = FileHandle(forWritingAtPath: path) else {
        throw AssayFailure("\(path): cannot be written.")
    }
    return handle
}

/// The generators' words with this command line's hint: the option that gave the value, or
/// what to type (this executable's own edge; `assay`'s is ErrorWording.swift).
func worded(_ error: SamplesError) -> String {
    switch error {
    case .tooFewStrata(let n): "--strata \(n): " + error.description
    case .tooFewCases(let n, _): "--cases \(n): " + error.description
    case .emptySample, .missingColumn: error.description + " (the output of `assay sample MONTH --format csv`)"
    case .noTemplatesFolder: error.description + " Name one with --templates DIR."
    case .noTemplates, .badSample, .cannotRead, .cannotWrite, .unusableCaseID: error.description
    }
}

func run(_ arguments: [String]) throws {
    guard let command = arguments.first else { throw UsageError(message: "name what to write") }
    switch command {
    case "register":
        let given = try options(arguments.dropFirst(), allowed: ["--seed", "--cases", "--strata", "--as-of", "--out"])
        let generator = try RegisterGenerator(
            seed: try number(given, "--seed", UInt64.self) ?? RegisterGenerator.defaultSeed,
            caseCount: try number(given, "--cases", Int.self) ?? CountyShape.countyCaseCount,
            asOf: try date(given, "--as-of") ?? RegisterGenerator.defaultAsOf,
            strata: try number(given, "--strata", Int.self))
        let handle = try output(given["--out"])
        try generator.writeCSV(to: handle)
        if given["--out"] != nil { try handle.close() }
    case "broken":
        let given = try options(arguments.dropFirst(), allowed: ["--out"])
        let handle = try output(given["--out"])
        try handle.write(contentsOf: Data(BrokenRegister.bytes()))
        if given["--out"] != nil { try handle.close() }
    case "answers":
        let given = try options(arguments.dropFirst(), allowed: ["--sample", "--templates", "--out", "--seed", "--as-of", "--on"])
        for name in ["--sample", "--templates", "--out"] where given[name] == nil {
            throw UsageError(message: "answers needs \(name)")
        }
        let generator = AuditAnswersGenerator(
            templates: try AuditAnswersGenerator.loadTemplates(directory: given["--templates"]!),
            seed: try number(given, "--seed", UInt64.self) ?? AuditAnswersGenerator.defaultSeed,
            asOf: try date(given, "--as-of") ?? RegisterGenerator.defaultAsOf,
            submittedOn: try date(given, "--on"))
        let cases = try SampleCSV.read(path: given["--sample"]!)
        let (written, skipped) = try generator.write(cases, to: given["--out"]!)
        for left in skipped {
            FileHandle.standardError.write(Data("assay-samples: \(left.caseID): no template applies to service \"\(left.service?.code ?? "")\"; no answers written\n".utf8))
        }
        let inadequate = written.filter { $0.overall == .inadequate }.count
        print("wrote \(written.count) answers files to \(given["--out"]!) (\(inadequate) inadequate overall)")
    case "history":
        let given = try options(arguments.dropFirst(), allowed: ["--seed", "--templates", "--out"])
        let generator = PastAuditHistoryGenerator(
            templates: try PastAuditHistoryGenerator.loadTemplates(directory: given["--templates"]),
            seed: try number(given, "--seed", UInt64.self) ?? PastAuditHistoryGenerator.defaultSeed)
        let handle = try output(given["--out"])
        try generator.writeCSV(to: handle)
        if given["--out"] != nil { try handle.close() }
    case "help", "-h", "--help":
        print(usage)
    default:
        throw UsageError(message: "unknown command \"\(command)\"")
    }
}

do {
    try run(Array(CommandLine.arguments.dropFirst()))
} catch let error as UsageError {
    FileHandle.standardError.write(Data("assay-samples: \(error.message)\n\n\(usage)\n".utf8))
    exit(64)  // EX_USAGE
} catch let error as SamplesError {
    FileHandle.standardError.write(Data("assay-samples: \(worded(error))\n".utf8))
    exit(1)
} catch let error as UserFacingError {
    FileHandle.standardError.write(Data("assay-samples: \(error.message)\n".utf8))
    exit(1)
} catch {
    FileHandle.standardError.write(Data("assay-samples: \(error)\n".utf8))
    exit(1)
}
