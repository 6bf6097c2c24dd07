import AssayOutput
import AssayStore

/// A report: after it prints, the dispatcher adds the audit log's chain head at its foot
/// (docs/integrity.md, "Anchoring"), so every report a leader or inspector keeps carries a
/// head that a later `verify --head` can check. In table and Markdown output the head is the
/// report's last line; CSV and JSON go to programs, so the head goes to standard error there
/// and the data stay parseable.
protocol ReportFooting: AssayCommand {
    var reportFormat: OutputFormatName { get }
}

extension ReportFooting {
    func printChainHead(in session: Session) {
        guard let head = try? session.existingStore().chainHead() else { return }
        switch reportFormat {
        case .table, .markdown: session.write("\n" + head.footnote + "\n")
        case .csv, .json: session.notice(head.footnote)
        }
    }
}

extension ReportRatesCommand: ReportFooting { var reportFormat: OutputFormatName { output.format } }
extension ReportTrendCommand: ReportFooting { var reportFormat: OutputFormatName { output.format } }
extension ReportFunnelCommand: ReportFooting { var reportFormat: OutputFormatName { output.format } }
extension ReportDomainsCommand: ReportFooting { var reportFormat: OutputFormatName { output.format } }
extension ReportAgreementCommand: ReportFooting { var reportFormat: OutputFormatName { output.format } }
extension ReportEvidenceCommand: ReportFooting { var reportFormat: OutputFormatName { output.format } }
extension ReportTeamCommand: ReportFooting { var reportFormat: OutputFormatName { output.format } }
extension ReportActionsCommand: ReportFooting { var reportFormat: OutputFormatName { output.format } }
extension ReportDriftCommand: ReportFooting { var reportFormat: OutputFormatName { output.format } }
