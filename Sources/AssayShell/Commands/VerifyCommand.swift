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

    func execute(in session: Session) throws {
        let published = try head.map { text in
            guard let head = ChainHead(text) else { throw AssayFailure("--head \(text): write it as SEQ:HASH, the hash 64 hex digits, as reports print it.") }
            return head
        }
        let report = try session.inspectedStore().verify(publishedHead: published)
        if report.isIntact {
            session.write(TextPolicy.printable(report.text))
        } else {
            throw AssayFailure(report.text.trimmingCharacters(in: .newlines))
        }
    }
}

import Foundation
