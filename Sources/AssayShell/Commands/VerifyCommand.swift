import AssayCore
import AssayStore
import ArgumentParser

/// `verify`: is this database's record intact? Recomputes the audit log's hash chain, checks
/// every row against its last logged digest, runs SQLite's integrity and foreign-key checks,
/// and with `--head` checks a chain head published in an earlier report or evidence pack.
struct VerifyCommand: AssayCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check that the record was not changed behind Assay's back (docs/integrity.md).",
        discussion: "Reads only: never creates, upgrades or changes the file. Exits non-zero and names the first problem when anything does not match.")

    @Option(help: ArgumentHelp("A chain head printed earlier (at the foot of a report, in an evidence pack).", valueName: "seq:hash"))
    var head: String?

    @Option(help: ArgumentHelp("Check only what changed after a head an earlier verify found intact: in time that grows with the changes since, not with the database.", valueName: "seq:hash"))
    var since: String?

    func execute(in session: Session) throws {
        let published = try head.map { try Self.parse($0, option: "--head") }
        let report: IntegrityReport
        if let since {
            if head != nil { throw AssayFailure("--since and --head: give one (--since also checks that its head is still in the log).") }
            report = try session.inspectedStore().verify(since: try Self.parse(since, option: "--since"))
        } else {
            report = try session.inspectedStore().verify(publishedHead: published)
        }
        if report.isIntact {
            session.write(TextPolicy.printable(report.text))
        } else {
            throw AssayFailure(report.text.trimmingCharacters(in: .newlines))
        }
    }

    private static func parse(_ text: String, option: String) throws -> ChainHead {
        guard let head = ChainHead(text) else { throw AssayFailure("\(option) \(text): write it as SEQ:HASH, the hash 64 hex digits, as reports print it.") }
        return head
    }
}

import Foundation
