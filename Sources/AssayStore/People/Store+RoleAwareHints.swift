import AssayCore
import GRDB

extension Store {
    /// The role of the person the store was opened for, or nil when they are not one of the
    /// database's people.
    public func myRole() throws -> Role? {
        try person(named: identity.name)?.role
    }

    /// The refusal for a month without a draw, worded for who asked: a lead is told the
    /// command that draws it; anyone else — who may not draw — is told who does, which
    /// month was drawn last, and where their own work is listed, never a command their role
    /// would refuse.
    public func noDrawYet(_ month: Month?) -> AssayFailure {
        let asked = month?.description ?? "That month"
        if (try? myRole()) == .lead {
            return AssayFailure.notFound("\(asked) has no draw yet: draw --month \(month?.description ?? "YYYY-MM") --size N")
        }
        let latest = try? read { db in
            try String.fetchOne(db, sql: "SELECT max(month) FROM draw WHERE status = 'current'")
        }
        let pointer = latest.flatMap { $0 }.map { "The latest drawn month is \($0); `todo` lists your cases to audit in every month." }
            ?? "No month has been drawn yet."
        return AssayFailure.notFound("\(asked) has no draw yet; the QA lead draws each month's sample. \(pointer)")
    }

    /// The refusal when no register has been imported, worded for who asked (a lead is told
    /// the command; anyone else that the QA lead imports it).
    public func noRegisterYet() -> AssayFailure {
        if (try? myRole()) == .lead { return AssayFailure.notFound("No register has been imported yet: import cases FILE.csv") }
        return AssayFailure.notFound("No register has been imported yet; the QA lead imports the month's case register.")
    }
}
