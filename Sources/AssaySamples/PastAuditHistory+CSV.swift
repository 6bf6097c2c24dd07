import AssayCore
import AssayTemplates
import Foundation

extension PastAuditHistoryGenerator {
    /// The templates in `directory`, or in the shipped `AuditTemplates` folder when nil.
    public static func loadTemplates(directory: String?) throws -> [AuditTemplate] {
        guard let directory = directory ?? TemplateFiles.shippedDirectory() else {
            throw SamplesError.noTemplatesFolder
        }
        return try AuditAnswersGenerator.loadTemplates(directory: directory)
    }

    /// The columns `import audits` reads: the fixed ones, then `domain_<section id>` for
    /// every section of the templates.
    public var header: [String] {
        ["month", "case_id", "team", "locality", "service", "overall", "auditor"] + sectionIDs.map { "domain_" + $0 }
    }

    /// The history as CSV (RFC 4180, LF line ends): overall grades written as names
    /// ("Requires improvement"), domain grades as numbers, empty where not graded.
    public func csvBytes() -> [UInt8] {
        let sections = sectionIDs
        var bytes: [UInt8] = []
        CSVLine.append(header, to: &bytes)
        for audit in audits() {
            let overall = audit.overall.name.prefix(1).uppercased() + audit.overall.name.dropFirst()
            CSVLine.append([audit.month.description, audit.caseID, audit.team, audit.locality, audit.serviceAsWritten,
                            overall, audit.auditor] + sections.map { audit.domainGrades[$0].map { String($0.rawValue) } ?? "" },
                           to: &bytes)
        }
        return bytes
    }

    /// Writes the CSV to an open file (or standard output).
    public func writeCSV(to handle: FileHandle) throws {
        try handle.write(contentsOf: Data(csvBytes()))
    }
}
