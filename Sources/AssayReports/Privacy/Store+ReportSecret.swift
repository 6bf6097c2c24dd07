import AssayCore
import AssayStore
import Foundation
import GRDB

/// One logged `--reveal`: who asked to see real case ids in which report, when, and with
/// what arguments.
public struct RevealRecord: Sendable, Equatable {
    public let id: Int64
    public let revealedAt: String
    public let revealedBy: String
    public let osLogin: String
    public let report: String
    /// The report's arguments, as given (a JSON array of words in the table).
    public let arguments: [String]
}

extension Store {
    /// The pseudonyms of this database's cases (docs/reports.md, "Privacy"). The first call
    /// on a database makes its secret — 32 bytes from the system's secure random source —
    /// and stores it through the audited write path; every later call, in any process,
    /// reads the same one.
    public func casePseudonyms() throws -> CasePseudonym {
        CasePseudonym(secret: try reportSecret())
    }

    /// How a report is to name cases. Without `reveal`, by pseudonym. With it, the user
    /// must be a lead, and the reveal is logged (`reveal_log`, through the audited write
    /// path) before the caller shows anything; call it once the report is otherwise ready,
    /// so that a report that fails is not logged as shown.
    public func caseLabels(reveal: Bool, report: String, arguments: [String]) throws -> CaseLabels {
        guard reveal else { return .pseudonyms(try casePseudonyms()) }
        try recordReveal(report: report, arguments: arguments)
        return .revealed
    }

    /// Refuses unless the user is a lead: checked before a report does its work, so a
    /// refused `--reveal` costs nothing.
    public func requireRevealAllowed() throws {
        try require([.lead], to: "reveal case ids")
    }

    /// Logs a reveal of real case ids in `report` (lead only).
    public func recordReveal(report: String, arguments: [String]) throws {
        try requireRevealAllowed()
        let words = JSONValue.array(arguments.map(JSONValue.string)).canonicalText
        try write { tx in
            _ = try tx.insert(RevealLogRecord(revealedAt: tx.timestamp, revealedBy: identity.name, osLogin: identity.osLogin,
                                              report: report, arguments: words))
        }
    }

    /// Every logged reveal, oldest first.
    public func reveals() throws -> [RevealRecord] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM reveal_log ORDER BY id").map { row in
                let words = (row["arguments"] as String).data(using: .utf8).flatMap { try? JSONDecoder().decode([String].self, from: $0) }
                return RevealRecord(id: row["id"], revealedAt: row["revealed_at"], revealedBy: row["revealed_by"], osLogin: row["os_login"],
                                    report: row["report"], arguments: words ?? [])
            }
        }
    }

    /// The database's secret, made on first need. Internal: nothing outside the report
    /// layer sees it, and no command prints it.
    func reportSecret() throws -> [UInt8] {
        let sql = "SELECT secret FROM report_secret WHERE id = 1"
        if let stored = try read({ try Data.fetchOne($0, sql: sql) }) { return [UInt8](stored) }
        return try write { tx in
            // Inside the IMMEDIATE transaction: a second process that raced us here sees ours.
            if let stored = try tx.query({ try Data.fetchOne($0, sql: sql) }) { return [UInt8](stored) }
            var generator = SystemRandomNumberGenerator()  // getrandom(2) on Linux
            let secret = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
            _ = try tx.insert(ReportSecretRecord(secret: Data(secret), createdAt: tx.timestamp, createdBy: identity.name))
            return secret
        }
    }
}
