import AssayAudits
import AssayCore
import AssaySamples
import AssayTemplates
import Foundation
#if DEBUG || ASSAY_FUZZ_TESTABLE
// The row validation is internal to AssayRegister; debug builds and the fuzz build
// (`Scripts/fuzz` passes -enable-testing -DASSAY_FUZZ_TESTABLE) can reach it.
@testable import AssayRegister
#else
import AssayRegister
#endif

/// Which loader one fuzz input goes to, chosen by `ASSAY_FUZZ_TARGET`.
enum FuzzTarget: String, CaseIterable {
    /// `CSVReader` (every record), then the register import's header and row checks.
    case csv
    /// `TemplateLoader.load(path:)`.
    case template
    /// `AnswerSheet.read(path:template:)` against the shipped template the file names.
    case answers

    /// The file name the input is written under, so that errors can be checked to name it.
    var fileName: String {
        switch self {
        case .csv: "fuzz-input.csv"
        case .template: "fuzz-template.yaml"
        case .answers: "fuzz-answers.yaml"
        }
    }
}

/// The harness's folder for its input file, removed when the process exits.
nonisolated(unsafe) private var workDirectory: String?

/// Runs one input through a loader and traps (a crash to libFuzzer) when the loader breaks
/// its promise: it must either accept the input or reject it with an `InputRejected` whose
/// message names the file and whose every problem names the file and a line.
final class FuzzHarness {
    let target: FuzzTarget
    let path: String
    let file: String
    /// The shipped templates by id, for the answers target.
    let templates: [String: AuditTemplate]
    let defaultTemplate: AuditTemplate?
    /// A register's as-of date for the row checks (dates after it are rejected).
    let asOf = CalendarDate(year: 2026, month: 11, day: 1)!
    private(set) var accepted = 0
    private(set) var rejected = 0

    init(target: FuzzTarget) throws {
        self.target = target
        file = target.fileName
        // In memory where there is a /dev/shm; one folder per process (libFuzzer's -fork and
        // -jobs run several), removed at exit.
        let shm = "/dev/shm"
        let base = ProcessInfo.processInfo.environment["ASSAY_FUZZ_WORKDIR"]
            ?? (FileManager.default.fileExists(atPath: shm) ? shm : NSTemporaryDirectory())
        let dir = (base as NSString).appendingPathComponent("assay-fuzz-\(getpid())")
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        path = (dir as NSString).appendingPathComponent(file)
        workDirectory = dir
        atexit { if let dir = workDirectory { try? FileManager.default.removeItem(atPath: dir) } }
        if target == .answers {
            let loaded = try TemplateFiles.paths(Self.templatesDirectory).map(TemplateLoader.load(path:))
            templates = Dictionary(loaded.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            defaultTemplate = templates["front-door"] ?? loaded.first
            guard defaultTemplate != nil else { throw AssayFailure("\(Self.templatesDirectory): no templates found.") }
        } else {
            templates = [:]
            defaultTemplate = nil
        }
    }

    /// `ASSAY_FUZZ_TEMPLATES`, or the repository's AuditTemplates folder.
    static var templatesDirectory: String {
        if let given = ProcessInfo.processInfo.environment["ASSAY_FUZZ_TEMPLATES"] { return given }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("AuditTemplates").path
    }

    func run(_ bytes: UnsafeRawBufferPointer) {
        write(bytes)
        do {
            switch target {
            case .csv: try runCSV(bytes)
            case .template: try runTemplate()
            case .answers: try runAnswers()
            }
            accepted += 1
        } catch {
            check(rejection: error)
            rejected += 1
        }
    }

    /// Writes the input with plain system calls: no temporary file and rename per input.
    private func write(_ bytes: UnsafeRawBufferPointer) {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard fd >= 0 else { fatalError("harness: cannot write \(path)") }
        var offset = 0
        while offset < bytes.count {
            let n = Foundation.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            guard n > 0 else { fatalError("harness: cannot write \(path)") }
            offset += n
        }
        close(fd)
    }

    // MARK: CSV

    private func runCSV(_ bytes: UnsafeRawBufferPointer) throws {
        let reader = try CSVReader(path: path)
        var records: [CSVRecord] = []
        var previousLine = 0
        let lineBreaks = bytes.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") || $1 == UInt8(ascii: "\r") ? 1 : 0) }
        while let record = try reader.next() {
            guard record.line > previousLine, record.line <= lineBreaks + 1 else {
                fatalError("CSV: record on line \(record.line) after line \(previousLine) (\(lineBreaks) line breaks)")
            }
            guard !record.fields.isEmpty else { fatalError("CSV: a record with no fields on line \(record.line)") }
            if let malformation = record.malformation, malformation.isEmpty { fatalError("CSV: an empty malformation") }
            previousLine = record.line
            records.append(record)
        }
        guard try reader.next() == nil else { fatalError("CSV: a record after the end") }
        guard reader.sha256 == Hashing.sha256Hex(bytes) else { fatalError("CSV: the reader's SHA-256 is not the file's") }
        try validateRegister(records)
    }

    /// What `RegisterImporter.importFile` does with the records before it touches the
    /// database: decode the header, lay out the columns, check every row.
    private func validateRegister(_ records: [CSVRecord]) throws {
        #if DEBUG || ASSAY_FUZZ_TESTABLE
        let header = try CSVRecord.header(records.first, file: file, whenEmpty: "a register needs a header line")
        // Keep the header's columns that name no field, so kept attributes are checked too.
        let keep = header.map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { RegisterField(header: $0) == nil && !$0.isEmpty }
        let options = RegisterImportOptions(asOf: asOf, keep: Array(Set(keep)).sorted(), serviceMap: [("Care leaver", "care-leaver")])
        let layout = try RegisterLayout(header: header, options: options, file: file)
        var validator = RegisterRowValidator(file: file, layout: layout, asOf: asOf,
                                             serviceMap: [Service.fold("Care leaver"): .careLeaver])
        var problems: [InputProblem] = []
        for record in records.dropFirst() {
            switch validator.validate(record) {
            case .failure(let found):
                guard !found.problems.isEmpty, found.problems.allSatisfy({ $0.line == record.line }) else {
                    fatalError("CSV: a rejected row on line \(record.line) with problems \(found.problems)")
                }
                problems += found.problems
            case .success(let row):
                guard !row.caseID.isEmpty, !row.team.isEmpty, !row.locality.isEmpty else { fatalError("CSV: a row accepted with an empty required field") }
            }
        }
        if !problems.isEmpty { throw InputRejected(file: file, problems: problems) }
        if records.count == 1 {
            throw InputRejected(file: file, problems: [InputProblem(file: file, line: 2, field: nil, reason: "the register has a header but no cases")])
        }
        #endif
    }

    // MARK: Templates

    private func runTemplate() throws {
        let template = try TemplateLoader.load(path: path)
        guard !template.sections.isEmpty, template.sections.allSatisfy({ !$0.questions.isEmpty }) else {
            fatalError("template: accepted with an empty section list or section")
        }
        let ids = template.questions.map(\.id)
        guard Set(ids).count == ids.count else { fatalError("template: accepted with duplicate question ids") }
        for question in template.questions where question.kind == .grade && question.descriptors.count != 4 {
            fatalError("template: grade question \(question.id) accepted without four descriptors")
        }
    }

    // MARK: Answers files

    private func runAnswers() throws {
        // As `audit CASE --answers FILE` does: the template the file names, if it names one.
        let named = try AnswerSheet.templateID(path: path)
        let template = named.flatMap { templates[$0] } ?? defaultTemplate!
        let sheet = try AnswerSheet.read(path: path, template: template)
        let questionIDs = Set(template.questions.map(\.id))
        let answered = sheet.answers.map(\.questionID)
        guard Set(answered).count == answered.count, answered.allSatisfy(questionIDs.contains) else {
            fatalError("answers: accepted with an unknown or repeated question \(answered)")
        }
        for question in template.questions where question.required && !answered.contains(question.id) {
            fatalError("answers: accepted without required question \(question.id)")
        }
    }

    // MARK: Rejections

    /// A rejection must be an `InputRejected` naming the file in its message, with every
    /// problem naming the file and a line (only a file that is not UTF-8 at all has none).
    func check(rejection error: Error) {
        guard let rejection = error as? InputRejected else {
            fatalError("\(target): not a rejection of the input: \(type(of: error)): \(error)")
        }
        let message = rejection.message
        guard !message.isEmpty, message.hasPrefix(file + ":"), !rejection.problems.isEmpty else {
            fatalError("\(target): a rejection that does not name the file: \(message)")
        }
        for problem in rejection.problems {
            guard problem.file == file, !problem.reason.isEmpty else {
                fatalError("\(target): a problem without the file or a reason: \(problem)")
            }
            if let line = problem.line {
                guard line >= 1 else { fatalError("\(target): a problem on line \(line): \(problem)") }
            } else if problem.reason != "not UTF-8 text" {
                fatalError("\(target): a problem without a line: \(problem)")
            }
        }
    }

    // MARK: Seeds

    /// Writes generated answers files (one per shipped template, as `assay-samples answers`
    /// writes them) into `directory`, as seeds for the answers target.
    static func writeAnswersSeeds(to directory: String) throws {
        let templates = try AuditAnswersGenerator.loadTemplates(directory: templatesDirectory)
        let generator = AuditAnswersGenerator(templates: templates)
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let cases = [Service.frontDoor, .childProtection, .childInCare, .careLeaver].enumerated().map { index, service in
            SampledCase(caseID: "SEED\(index + 1)", team: "Seed Team", locality: "Seedtown", service: service)
        }
        _ = try generator.write(cases, to: directory)
    }
}
