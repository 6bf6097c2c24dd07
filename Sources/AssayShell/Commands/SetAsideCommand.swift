import AssayAudits
import AssayCore
import AssayOutput
import ArgumentParser

/// `set-aside CASE --reason TEXT`: a drawn case the lead decides will not be audited — closed
/// before anyone reached it, moved away, its file unavailable — so it stops being anyone's
/// work and stops being overdue; `--undo` puts it back; `--list` shows a month's (lead only to
/// change; docs/assignment.md, "A drawn case that cannot be audited").
struct SetAsideCommand: AssayCommand {
    static let configuration = CommandConfiguration(
        commandName: "set-aside", abstract: "Set a drawn case aside: not to be audited, with the reason (lead only); --undo, --list.",
        discussion: """
            The case must be in the month's current draw (--month, default the current month) and its audit \
            not begun. It leaves everyone's queue, todo and chase list; progress counts it apart; \
            sample shows it as "set aside". The estimates treat it as a case not audited in its stratum \
            (docs/statistics.md). Every change is in the audit log.
            """)

    @Argument(help: ArgumentHelp("The drawn case (not with --list).", valueName: "case-id"))
    var caseID: String?

    @Option(help: ArgumentHelp("Why it will not be audited (kept with the case).", valueName: "text"))
    var reason: String?

    @Option(help: ArgumentHelp("The draw's month (default the current month).", valueName: MonthOption.valueName))
    var month: Month?

    @Flag(help: "Put the case back: it is to be audited again.")
    var undo = false

    @Flag(help: "List the month's cases set aside (every month's without --month).")
    var list = false

    @OptionGroup var output: OutputOptions

    func validate() throws {
        if list {
            guard caseID == nil, reason == nil, !undo else { throw ValidationError("set-aside --list takes no case, --reason or --undo.") }
            return
        }
        guard caseID != nil else { throw ValidationError("set-aside: name the drawn case, e.g. set-aside CS102893 --reason \"closed before audit\".") }
        if undo && reason != nil { throw ValidationError("set-aside --undo takes no --reason.") }
        if !undo && (reason ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError("set-aside: give the reason with --reason TEXT; it is kept with the case.")
        }
    }

    func execute(in session: Session) throws {
        let store = try session.store()
        if list {
            let cases = try store.setAsideCases(month: month)
            session.emit(Listing(
                columns: [Column("month"), Column("case_id"), Column("reason"), Column("set_by"), Column("set_at")],
                rows: cases.map { [.text($0.month.description), .text($0.caseID), .text($0.reason), .text($0.setBy), .text($0.setAt)] }),
                as: output)
            return
        }
        guard let caseID else { return }
        let month = month ?? session.month
        if undo {
            try store.undoSetAside(caseID: caseID, month: month)
            session.write("Case \(caseID) of \(month) is to be audited again; it is back in its auditor's work (assign \(month) gives it one if it has none).\n")
        } else {
            try store.setAside(caseID: caseID, month: month, reason: reason ?? "")
            session.write("Case \(caseID) of \(month) is set aside: not to be audited, in nobody's work and never overdue. Undo: set-aside \(caseID) --month \(month) --undo\n")
        }
    }
}
