import AssayCore
import GRDB

extension Store {
    /// The role of the person the store was opened for, or nil when they are not one of the
    /// database's people.
    public func myRole() throws -> Role? {
        try person(named: identity.name)?.role
    }

    /// The error for a month without a draw, with what its wording needs for who asked: a
    /// lead may draw it (the shell names the command); anyone else — who may not draw — is
    /// told who does and which month was drawn last (and, by the shell, where their own work
    /// is listed), never a command their role would refuse.
    public func noDrawYet(_ month: Month?) -> StoreError {
        if (try? myRole()) == .lead { return .noDraw(month: month, askerIsLead: true, latestDrawn: nil) }
        let latest = try? read { db in
            try String.fetchOne(db, sql: "SELECT max(month) FROM draw WHERE status = 'current'")
        }
        return .noDraw(month: month, askerIsLead: false, latestDrawn: latest.flatMap { $0 }.flatMap(Month.init))
    }

    /// The error when no register has been imported, worded for who asked (a lead may
    /// import one; anyone else is told that the QA lead does).
    public func noRegisterYet() -> StoreError {
        .noRegister(askerIsLead: (try? myRole()) == .lead)
    }
}
