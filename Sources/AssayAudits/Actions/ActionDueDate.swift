import AssayCore
import Foundation

/// An action falls due on or after the day it is raised (docs/actions.md, "Raising").
///
/// An action due before it exists is overdue the moment it is written: the reports would
/// count it as a failure of the team that owns it, though nobody ever had time to do it.
/// The demo's made-up answers once did exactly that, and every action in its report was
/// overdue (issue 17). So each way of raising an action checks the date where it reads it —
/// an answers file names the file, line and field; `action add` and the guided audit say so
/// at once — and the one place every action is stored (`Store.insertAction`) checks again.
///
/// "The day it is raised" is the day in UTC, as `raised_at` and the rest of Assay's
/// instants are stamped, and as `actions --overdue` judges the day.
public enum ActionDueDate {
    /// The UTC day of `instant`: the day an action stamped then is raised.
    public static func day(of instant: Date = Date()) -> CalendarDate {
        let parts = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: instant)
        return CalendarDate(year: parts.year!, month: parts.month!, day: parts.day!)!
    }

    /// Why `due` cannot be the due date of an action raised on `raisedOn`; nil when it can
    /// (the same day or later: an action may fall due the day it is raised).
    public static func problem(due: CalendarDate, raisedOn: CalendarDate) -> String? {
        guard due < raisedOn else { return nil }
        return "\(due) is before \(raisedOn), the day the action is raised: give a due date on or after \(raisedOn)"
    }

    /// Refuses `due` for an action raised at `instant`.
    public static func check(_ due: CalendarDate, raisedAt instant: Date) throws {
        if let problem = problem(due: due, raisedOn: day(of: instant)) {
            throw AuditError.actionDue(problem: problem, raised: true)
        }
    }
}
