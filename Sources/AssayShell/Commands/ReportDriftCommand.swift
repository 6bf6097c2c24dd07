import AssayCore
import AssayOutput
import AssayReports
import AssayStore
import ArgumentParser

/// `report drift`: cases audited again (drawn again, or re-audited) whose same domain is
/// still inadequate, with the actions raised last time and their status; cases by pseudonym
/// unless a lead's logged `--reveal` (docs/reports.md, "Drift").
struct ReportDriftCommand: AssayCommand {
    static let configuration = CommandConfiguration(
        commandName: "drift", abstract: "Cases audited again whose same domain is still inadequate, with last time's actions.",
        discussion: """
            For each case audited in the period that had an earlier submitted audit: the domains graded \
            inadequate both times (agreed grades where moderated), and the earlier audit's actions with \
            their status. Cases are shown by pseudonym; --reveal (lead only, logged) shows case ids. \
            See docs/reports.md.
            """)

    @OptionGroup var options: ReportPeriodOptions

    @OptionGroup var reveal: RevealOptions

    @OptionGroup var output: OutputOptions

    func execute(in session: Session) throws {
        let store = try session.existingStore()
        try reveal.check(store)
        let period = try options.period(session, command: "report drift")
        let report = try store.driftReport(period: period, titles: store.registeredDomains())
        let labels = try reveal.labels(store, report: "drift", arguments: arguments)
        if output.format == .table {
            session.write(TextPolicy.printable(text(report, labels: labels)))
            return
        }
        var rows: [[Cell]] = []
        for item in report.cases {
            let actions = item.actions.isEmpty ? [nil] : item.actions.map { Optional($0) }
            for domain in item.domains {
                for action in actions {
                    rows.append([.text(labels.label(item.caseID)), .text(item.team), .text(item.month.description), .int(Int(item.auditID)),
                                 .bool(item.reaudit), .text(item.earlierMonth.description), .int(Int(item.earlierAuditID)),
                                 .text(domain.id), .text(domain.title),
                                 action.map { .int(Int($0.id)) } ?? .null, action.map { .text($0.what) } ?? .null,
                                 action.map { .text($0.owner) } ?? .null, action.map { .text($0.due) } ?? .null,
                                 action.map { .text($0.status.rawValue) } ?? .null])
                }
            }
        }
        session.emit(Listing(
            columns: [Column("case"), Column("team"), Column("month"), Column("audit_id", "audit"), Column("reaudit"),
                      Column("earlier_month"), Column("earlier_audit_id", "earlier audit"), Column("domain"), Column("domain_title"),
                      Column("action_id", "action"), Column("action"), Column("owner"), Column("due"), Column("action_status", "status")],
            rows: rows), as: output)
    }

    /// The command's options as given, for the reveal log.
    var arguments: [String] {
        var words: [String] = []
        words += options.words
        words += reveal.words
        return words + ["--format", output.format.rawValue]
    }

    private func text(_ report: DriftReport, labels: CaseLabels) -> String {
        var out = "Drift, \(report.period): cases audited again whose same domain is still inadequate (4)\n"
        out += labels.notice + "\n"
        out += "\n\(report.auditedAgain) case\(report.auditedAgain == 1 ? "" : "s") audited again; "
            + "\(report.cases.count) with a domain still inadequate.\n"
        for item in report.cases {
            out += "\n\(labels.label(item.caseID)) · \(item.team) · audit \(item.auditID) (\(item.month)\(item.reaudit ? ", re-audit" : ""))"
                + " after audit \(item.earlierAuditID) (\(item.earlierMonth))\n"
            out += "  Still inadequate: " + item.domains.map { "\($0.title) [\($0.id)]" }.joined(separator: ", ") + "\n"
            if item.actions.isEmpty {
                out += "  No actions were raised last time.\n"
            } else {
                out += "  Actions raised last time:\n"
                for action in item.actions {
                    out += "    \(action.id) · \(action.status.rawValue) · due \(action.due) · \(action.owner): \(action.what)\n"
                }
            }
        }
        return out
    }
}
