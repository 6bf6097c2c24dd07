import AssayAudits
import AssayCore
import AssayRegister
import ArgumentParser
import Foundation

/// `import …`: bring data from other systems into Assay.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import data from other systems (a case register, past audits).",
        subcommands: [ImportCasesCommand.self, ImportAuditsCommand.self])
}

/// `import cases FILE.csv`: a case-register export becomes a new frame (lead only).
struct ImportCasesCommand: AssayCommand {
    static let configuration = CommandConfiguration(
        commandName: "cases",
        abstract: "Import a case register (CSV) as a new sampling frame.",
        discussion: """
            The file needs columns for case_id, team and locality; service, worker and opened \
            are read when present. Headers match ignoring case, spaces and underscores. \
            Other columns are dropped unless kept with --keep. A file with any bad row is \
            rejected whole, with every problem listed. See docs/register.md.
            """)

    @Argument(help: ArgumentHelp("The register export.", valueName: "file.csv"))
    var file: String

    @Option(name: .customLong("as-of"), help: ArgumentHelp("The date the register describes (default today).", valueName: DateOption.valueName))
    var asOf: CalendarDate?

    @Option(name: .customLong("map"), help: ArgumentHelp("Read COLUMN as one of Assay's fields (repeatable).", valueName: "column=field"))
    var maps: [String] = []

    @Option(name: .customLong("keep"), help: ArgumentHelp("Keep COLUMN as an attribute (repeatable).", valueName: "column"))
    var keep: [String] = []

    @Flag(help: "Allow --keep of a column that looks like personal data (a name, date of birth, address, postcode, NHS number); recorded with the frame.")
    var allowPersonalData = false

    @Option(name: .customLong("map-service"), help: ArgumentHelp("Read a local service name as a service code (repeatable).", valueName: "text=code"))
    var serviceMaps: [String] = []

    @Flag(help: "Import a file whose content was already imported under another as-of date (refused otherwise: usually last month's export given again).")
    var sameContent = false

    func execute(in session: Session) throws {
        var options = RegisterImportOptions(
            asOf: asOf ?? session.today,
            columnMap: try maps.map { try Self.pair($0, option: "--map") }.map { (column: $0.0, field: $0.1) },
            keep: keep,
            serviceMap: try serviceMaps.map { try Self.pair($0, option: "--map-service") }.map { (text: $0.0, code: $0.1) })
        options.allowPersonalData = allowPersonalData
        options.allowSameContent = sameContent
        let progress = ImportProgress(console: session.console)
        defer { progress.finish() }
        let summary = try RegisterImporter(store: session.store()).importFile(file, options: options, progress: progress.report)
        progress.finish()
        if !summary.droppedColumns.isEmpty {
            session.notice("Not stored (use --keep COLUMN to keep one): \(summary.droppedColumns.joined(separator: ", ")).")
        }
        if !summary.personalDataKept.isEmpty {
            session.notice("Kept as personal data (--allow-personal-data, recorded with frame \(summary.frameID)): \(summary.personalDataKept.joined(separator: ", ")).")
        }
        session.write("Imported \(summary.rows) cases as frame \(summary.frameID): \(summary.teams) teams, \(summary.localities) localities, as of \(options.asOf).\n")
    }

    /// Splits `A=B` at the last `=`, so a column or service name may itself hold one.
    static func pair(_ text: String, option: String) throws -> (String, String) {
        guard let eq = text.lastIndex(of: "="), eq != text.startIndex, text.index(after: eq) != text.endIndex else {
            throw AssayFailure("\(option) \(text): write it as NAME=VALUE.")
        }
        return (String(text[..<eq]), String(text[text.index(after: eq)...]))
    }
}

/// `import audits FILE.csv`: audits made before Assay, so trends start before Assay did (lead only).
struct ImportAuditsCommand: AssayCommand {
    static let configuration = CommandConfiguration(
        commandName: "audits",
        abstract: "Import past audits made before Assay (CSV).",
        discussion: """
            The file needs columns month (YYYY-MM), case_id, team, locality and overall (a \
            grade); service and auditor are read when present, and any number of \
            domain_<section id> columns hold domain grades (empty allowed). A file with any bad \
            row is rejected whole, with every problem listed; so is a month after this one, a \
            month and case given twice, or one that already has an audit. See docs/audits.md.
            """)

    @Argument(help: ArgumentHelp("The past audits.", valueName: "file.csv"))
    var file: String

    func execute(in session: Session) throws {
        let summary = try PastAuditImporter(store: session.store()).importFile(file)
        if !summary.droppedColumns.isEmpty {
            session.notice("Not stored: \(summary.droppedColumns.joined(separator: ", ")).")
        }
        if !summary.unknownSections.isEmpty {
            session.notice("Domains in no registered template (stored as written): \(summary.unknownSections.joined(separator: ", ")).")
        }
        let span = summary.firstMonth == summary.lastMonth ? "\(summary.firstMonth)" : "\(summary.firstMonth) to \(summary.lastMonth)"
        let gaps = summary.monthsWithout == 0 ? "" : ", \(summary.monthsWithout) without audits"
        let share = summary.rows == 0 ? 0 : Double(summary.inadequate) / Double(summary.rows)
        session.write("""
            Imported \(summary.rows) past \(summary.rows == 1 ? "audit" : "audits") as audit import \(summary.importID) from \(summary.sourceName): \
            \(summary.months) \(summary.months == 1 ? "month" : "months") (\(span)\(gaps)), \
            \(summary.teams.count) \(summary.teams.count == 1 ? "team" : "teams"), \(summary.localities) \(summary.localities == 1 ? "locality" : "localities").
            Overall: \(summary.inadequate) inadequate (\(String(format: "%.1f", share * 100))%, unweighted); \
            \(summary.domainGrades) domain grades over \(summary.sections.count) \(summary.sections.count == 1 ? "domain" : "domains").
            Teams: \(summary.teams.joined(separator: "; ")).

            """)
    }
}

/// A running count on the terminal for imports that take longer than a second.
final class ImportProgress {
    private let start = Date()
    private var lastShown: Date?
    private let console: Console

    init(console: Console) { self.console = console }

    func report(_ rows: Int) {
        guard console.errorsAreTerminal, Date().timeIntervalSince(start) > 1 else { return }
        if let lastShown, Date().timeIntervalSince(lastShown) < 0.2 { return }
        lastShown = Date()
        console.errors.write("\rReading the register… \(rows) rows")
    }

    func finish() {
        if lastShown != nil {
            console.errors.write("\r\u{1B}[K")
            lastShown = nil
        }
    }
}
