import AssayAudits
import Foundation

extension Session {
    /// The interactive prompt: the database and month, and — when the user has cases to
    /// audit in that month — how many, so an auditor sees their queue without asking:
    /// `assay(qa.db 2026-11, 3 to audit)> `.
    ///
    /// Asked before every prompt, so it only reads an already open database (never creates
    /// one), asks SQLite for a single count, and on any error shows the plain prompt.
    func queuePrompt() -> String {
        let database = (databasePath as NSString).lastPathComponent
        let count = storeIfOpen.flatMap { try? $0.queueCount(auditor: identity.name, month: month) } ?? 0
        let queue = count > 0 ? ", \(count) to audit" : ""
        return "assay(\(database) \(month)\(queue))> "
    }
}
