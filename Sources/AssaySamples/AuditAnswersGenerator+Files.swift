import AssayCore
import AssayTemplates
import Foundation

extension AuditAnswersGenerator {
    /// The templates in `directory` (every *.yaml or *.yml), as `assay` registers them.
    public static func loadTemplates(directory: String) throws -> [AuditTemplate] {
        let templates = try TemplateFiles.paths(directory).map(TemplateLoader.load(path:))
        guard !templates.isEmpty else { throw SamplesError.noTemplates(folder: directory) }
        return templates
    }

    /// Writes `DIRECTORY/CASE_ID.yaml` for every case a template applies to, creating the
    /// directory if need be, and returns the cases written and those left out (no service,
    /// or no template for it). Case ids become file names, so one that could escape the
    /// directory is refused.
    public func write(_ cases: [SampledCase], to directory: String) throws -> (written: [GeneratedAudit], skipped: [SampledCase]) {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var written: [GeneratedAudit] = [], skipped: [SampledCase] = []
        for sampled in cases {
            guard let audit = audit(of: sampled) else {
                skipped.append(sampled)
                continue
            }
            let id = sampled.caseID
            guard !id.isEmpty, !id.contains("/"), !id.hasPrefix("."), !id.contains("\0") else {
                throw SamplesError.unusableCaseID(id)
            }
            let path = (directory as NSString).appendingPathComponent(id + ".yaml")
            guard FileManager.default.createFile(atPath: path, contents: Data(audit.yaml.utf8)) else {
                throw SamplesError.cannotWrite(path: path)
            }
            written.append(audit)
        }
        return (written, skipped)
    }
}
