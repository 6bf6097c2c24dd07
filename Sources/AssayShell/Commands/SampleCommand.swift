import AssayAudits
import AssayCore
import AssayOutput
import AssaySampling
import ArgumentParser

/// `sample [MONTH]`: the month's drawn cases, by team, with who audits each and how far the
/// audit has gone — the queue an auditor works from (`--mine`), with the audit id to go on
/// to `audits show ID`.
struct SampleCommand: AssayCommand {
    static let configuration = CommandConfiguration(
        commandName: "sample", abstract: "List the month's drawn cases with their auditor and audit status, by team.",
        discussion: """
            The auditor is the audit's once it has started, else the one `assign` gave the case. \
            --mine shows only your cases (the name you act as); --auditor NAME someone else's. \
            --status keeps the cases not started, in progress, submitted, open (not yet submitted), or set aside \
            (not to be audited: set-aside).
            """)

    @Argument(help: ArgumentHelp("The month (default the current month).", valueName: "yyyy-mm"))
    var month: Month?

    @Flag(help: "Only the cases you audit.")
    var mine = false

    @Option(help: ArgumentHelp("Only the cases this auditor audits.", valueName: "name"))
    var auditor: String?

    @Option(help: ArgumentHelp("Only the cases whose audit is not-started, in-progress, submitted, open (not started or in progress), or set-aside.", valueName: "status"))
    var status: SampleStatus?

    @OptionGroup var output: OutputOptions

    func execute(in session: Session) throws {
        if mine && auditor != nil { throw AssayFailure("sample: give --mine or --auditor NAME, not both.") }
        let store = try session.store()
        let month = self.month ?? session.month
        let cases = try store.assignedCases(month: month, auditor: mine ? session.identity.name : auditor)
        // Cases the draw added for re-audit (`--include-reaudits`), flagged, after the random sample.
        let who = mine ? session.identity.name : auditor
        let added = try store.drawReauditCases(month: month).filter { c in who.map { c.auditor?.lowercased() == $0.lowercased() } ?? true }
        let rows: [[Cell]] = cases.map { c in
            [.text(c.caseID), .text(c.team), .text(c.locality), .optional(c.service), .optional(c.worker),
             .text(c.progress), .optional(c.auditor), c.auditID.map { .int(Int($0)) } ?? .null, .bool(false)]
        } + added.map { c in
            [.text(c.reaudit.caseID), .text(c.team), .text(c.locality), .optional(c.service), .optional(c.worker),
             .text(c.status.map { $0 == "submitted" ? "submitted" : "in progress" } ?? "not started"), .optional(c.auditor),
             c.auditID.map { .int(Int($0)) } ?? .null, .bool(true)]
        }
        let statusColumn = 5
        session.emit(Listing(
            columns: [Column("case_id"), Column("team"), Column("locality"), Column("service"), Column("worker"),
                      Column("status"), Column("auditor"), Column("audit_id"), Column("reaudit")],
            rows: rows.filter { row in status.map { $0.keeps(row[statusColumn]) } ?? true }), as: output)
    }
}

/// `sample --status`: how far a case's audit has gone, as the `status` column reads it.
enum SampleStatus: String, CaseIterable, ExpressibleByArgument {
    case notStarted = "not-started", inProgress = "in-progress", submitted, open, setAside = "set-aside"

    /// Also as the listing spells it ("not started") or with underscores (`audits --status in_progress`).
    init?(argument: String) {
        let spelled = argument.lowercased().replacingOccurrences(of: " ", with: "-").replacingOccurrences(of: "_", with: "-")
        self.init(rawValue: spelled)
    }

    func keeps(_ cell: Cell) -> Bool {
        guard case .text(let progress) = cell else { return false }
        switch self {
        case .notStarted: return progress == "not started"
        case .inProgress: return progress == "in progress"
        case .submitted: return progress == "submitted"
        case .open: return progress != "submitted" && progress != "set aside"
        case .setAside: return progress == "set aside"
        }
    }
}
