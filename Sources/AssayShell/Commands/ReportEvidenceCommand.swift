import AssayCore
import AssayOutput
import AssayReports
import AssayStore
import ArgumentParser

/// `report evidence`: the evidence behind requires-improvement and inadequate grades, by
/// team and domain, for scrutiny; cases by pseudonym unless a lead's logged `--reveal`
/// (docs/reports.md).
struct ReportEvidenceCommand: AssayCommand {
    static let configuration = CommandConfiguration(
        commandName: "evidence", abstract: "The evidence behind requires improvement and inadequate grades, by team and domain.",
        discussion: """
            Answers to grade questions graded 3 or 4 that have evidence, from submitted audits of drawn cases. \
            Cases are shown by pseudonym; --reveal (lead only, logged) shows case ids. See docs/reports.md.
            """)

    @OptionGroup var options: ReportPeriodOptions

    @Option(help: ArgumentHelp("Only this team.", valueName: "team"))
    var team: String?

    @Option(help: ArgumentHelp("Only this domain: a template section id (or its title).", valueName: "section"))
    var domain: String?

    @OptionGroup var reveal: RevealOptions

    @OptionGroup var output: OutputOptions

    func execute(in session: Session) throws {
        let store = try session.existingStore()
        try reveal.check(store)
        let period = try options.period(session, command: "report evidence")
        let team = try self.team.map(store.resolveTeam)
        let domain = try self.domain.map { try Self.resolveDomain($0, known: store.registeredDomains()) }
        let report = EvidenceReport(evidence: try store.gradeEvidence(from: period.from, through: period.to, team: team),
                                    period: period, domain: domain)
        let labels = try reveal.labels(store, report: "evidence", arguments: arguments)
        if output.format == .table {
            session.write(TextPolicy.printable(text(report, team: team, labels: labels, width: session.terminalWidth ?? 100)))
            return
        }
        session.emit(Listing(
            columns: [Column("team"), Column("domain"), Column("domain_title"), Column("case"), Column("month"), Column("audit_id", "audit"),
                      Column("question"), Column("prompt"), Column("grade"), Column("evidence")],
            rows: report.items.map { item in
                [.text(item.team), .text(item.domain), .text(item.domainTitle), .text(labels.label(item.caseID)), .text(item.month.description),
                 .int(Int(item.auditID)), .text(item.questionID), .text(item.prompt), .int(item.grade.rawValue), .text(item.evidence)]
            }), as: output)
    }

    /// The command's options as given, for the reveal log.
    var arguments: [String] {
        var words: [String] = []
        words += options.words
        for (option, value) in [("--team", team), ("--domain", domain)] {
            if let value { words += [option, value] }
        }
        words += reveal.words
        return words + ["--format", output.format.rawValue]
    }

    /// A section id (any case) or title of a registered template, as its id.
    static func resolveDomain(_ text: String, known: [String: String]) throws -> String {
        let wanted = text.trimmingCharacters(in: .whitespaces).lowercased()
        if let id = known.keys.first(where: { $0.lowercased() == wanted }) { return id }
        let byTitle = known.filter { $0.value.lowercased() == wanted }.keys.sorted()
        if byTitle.count == 1 { return byTitle[0] }
        throw AssayFailure(known.isEmpty
            ? "No domain \"\(text)\": no templates are registered."
            : "No domain \"\(text)\". Domains (template section ids): \(known.keys.sorted().joined(separator: ", ")).")
    }

    /// Teams as headings, domains beneath, each answer with its evidence wrapped to the width.
    private func text(_ report: EvidenceReport, team: String?, labels: CaseLabels, width: Int) -> String {
        var scope = [report.period.description]
        if let team { scope.append("team \(team)") }
        if let domain = report.domain { scope.append("domain \(domain)") }
        var out = "Evidence behind requires improvement (3) and inadequate (4) grades, \(scope.joined(separator: ", "))\n"
        out += labels.notice + "\n"
        guard !report.teams.isEmpty else {
            return out + "\nNo answers graded 3 or 4 with evidence in \(report.period).\n"
        }
        for team in report.teams {
            out += "\n\(team.team) — \(team.count) answer\(team.count == 1 ? "" : "s")\n"
            for domain in team.domains {
                out += "\n  \(domain.title) [\(domain.id)] — \(domain.items.count)\n"
                for item in domain.items {
                    out += "\n    \(labels.label(item.caseID)) · \(item.month) · audit \(item.auditID) · \(item.grade.rawValue) \(item.grade.name)\n"
                    out += Self.wrap("\(item.prompt) [\(item.questionID)]", indent: "    ", width: width)
                    out += Self.wrap(item.evidence, indent: "      | ", width: width)
                }
            }
        }
        return out + ReportCells.footnotes(report.footnotes)
    }

    /// Each line of `text` wrapped at word boundaries to `width` columns after `indent`.
    static func wrap(_ text: String, indent: String, width: Int) -> String {
        let room = max(20, width - indent.count)
        var out = ""
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var current = ""
            for word in line.split(separator: " ", omittingEmptySubsequences: true) {
                if !current.isEmpty && current.count + 1 + word.count > room {
                    out += indent + current + "\n"
                    current = ""
                }
                current += (current.isEmpty ? "" : " ") + word
            }
            out += (current.isEmpty ? String(indent.reversed().drop { $0 == " " }.reversed()) : indent + current) + "\n"
        }
        return out
    }
}
