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
    /// The head to print, read before the report's own reads (`Dispatcher` passes it in).
    func headBefore(in session: Session) -> ChainHead? {
        try? session.existingStore().chainHead()
    }

    /// Prints the head the report's figures describe. Every write appends to the audit log,
    /// so when the head after the report is the one before it, no write landed between the
    /// report's reads and that head describes them all; when one did, the figures may mix
    /// two states, and the footing says so rather than print a head they do not match
    /// (`Store.consistently` re-reads instead, for reports that read in one place). Entries
    /// the report wrote itself (a `--reveal` logged, the pseudonyms' secret made on first
    /// use) change no figure: the head after them is printed, as it covers the reveal.
    func printChainHead(in session: Session, before: ChainHead?) {
        guard let store = try? session.existingStore(), let head = try? store.chainHead() else { return }
        // The report's own reveal log entry or pseudonym secret changes no figure.
        let unchanged = before == head || (try? store.onlyReportBookkeeping(since: before)) == true
        let text = unchanged ? head.footnote
            : "The record changed while this report was read (audit log head \(before?.description ?? "none") before, \(head) after): "
                + "its figures may mix the two states. Run it again for figures that match one head."
        switch reportFormat {
        case .table, .markdown: session.write("\n" + text + "\n")
        case .csv, .json: session.notice(text)
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
