import AssayAudits
import AssayCore

/// Where the interactive shell opens and what it says first, so an auditor lands on their
/// work and the QA lead on the month they are running (docs/shell.md, "Opening").
///
/// - The month: for a lead, the latest drawn month (the one being run); for anyone else,
///   the oldest month holding their open work (the most urgent), else the latest drawn
///   month, else this month.
/// - The lines: each month's cases still to audit, with how many are in progress, when they
///   are due, and OVERDUE when past it; audits in progress outside the draw; for a lead, the
///   month's tally and the overdue and stale work across months. Every command named is one
///   the user's role may run.
struct StartingPoint: Equatable {
    let month: Month
    let lines: [String]

    /// What a lead is told of the work of everyone: the latest drawn month's cases, and the
    /// open ones across months.
    struct LeadView {
        let monthCases: [CaseToAudit]
        let openCases: [CaseToAudit]
        let staleDays: Int
    }

    static func make(role: Role?, isPerson: Bool, myWork: [CaseToAudit], latestDrawn: Month?, lead: LeadView?,
                     today: CalendarDate) -> StartingPoint {
        var lines: [String] = []
        if !isPerson {
            lines.append("You are not one of this database's people, so Assay will refuse what you try; ask the QA lead to add you.")
        }
        let drawn = myWork.filter { $0.origin == .drawn }
        for month in Set(drawn.map(\.month)).sorted() {
            lines.append(monthLine(drawn.filter { $0.month == month }, month: month, today: today))
        }
        let outside = myWork.filter { $0.origin != .drawn }
        if !outside.isEmpty {
            let named = outside.prefix(3).map { "\($0.caseID) (\($0.month), \($0.origin.rawValue))" }.joined(separator: ", ")
            let more = outside.count > 3 ? " and \(outside.count - 3) more" : ""
            lines.append("\(count(outside.count, "audit")) in progress outside the draw: \(named)\(more).")
        }
        if myWork.isEmpty && role != .lead && isPerson { lines.append("Nothing to audit: no open cases are yours.") }

        let month: Month
        if role == .lead {
            month = latestDrawn ?? Month(today)
            lines += leadLines(lead, month: month, drawn: latestDrawn != nil, today: today)
        } else if let oldest = myWork.map(\.month).min() {
            month = oldest
            lines.append("Working in \(month), the month of your oldest open work. `todo` lists your cases, soonest due first.")
        } else if let latestDrawn {
            month = latestDrawn
            lines.append("Working in \(month), the latest drawn month.")
        } else {
            month = Month(today)
            lines.append("Working in \(month); no month has been drawn yet.")
        }
        return StartingPoint(month: month, lines: lines)
    }

    /// "2 cases to audit in 2026-11 (1 in progress, due 2026-12-07): OVERDUE by 3 days."
    private static func monthLine(_ cases: [CaseToAudit], month: Month, today: CalendarDate) -> String {
        var details: [String] = []
        let inProgress = cases.filter { $0.status == .inProgress }.count
        if inProgress > 0 { details.append("\(inProgress) in progress") }
        let dues = Set(cases.compactMap(\.due)).sorted()
        if let first = dues.first { details.append(dues.count == 1 ? "due \(first)" : "due \(first) to \(dues.last!)") }
        var line = "\(count(cases.count, "case")) to audit in \(month)"
        if !details.isEmpty { line += " (\(details.joined(separator: ", ")))" }
        let overdue = cases.compactMap { $0.daysOverdue(on: today) }
        if overdue.count == cases.count, let days = overdue.max(), Set(overdue).count == 1 {
            line += ": OVERDUE by \(count(days, "day"))"
        } else if !overdue.isEmpty {
            line += ": \(overdue.count) OVERDUE"
        }
        return line + "."
    }

    private static func leadLines(_ view: LeadView?, month: Month, drawn: Bool, today: CalendarDate) -> [String] {
        guard drawn, let view else { return ["Working in \(month); no month has been drawn yet."] }
        let cases = view.monthCases
        let assigned = cases.filter { $0.auditor != nil }.count
        let submitted = cases.filter { $0.status == .submitted }.count
        var lines = ["Working in \(month), the latest drawn month: \(count(cases.count, "case")), \(assigned) assigned, \(submitted) submitted."]
        let overdue = view.openCases.filter { $0.daysOverdue(on: today) != nil }.count
        let stale = view.openCases.filter { $0.isStale(on: today, staleDays: view.staleDays) }.count
        if overdue + stale > 0 {
            lines.append("Across all months \(count(overdue, "case")) \(overdue == 1 ? "is" : "are") overdue and \(stale) stale: `progress --chase` lists them.")
        }
        return lines
    }

    private static func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }

    /// The lines, each ended by a line feed.
    var text: String { lines.map { $0 + "\n" }.joined() }
}
