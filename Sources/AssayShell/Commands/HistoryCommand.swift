import AssayAudits
import AssayCore
import AssayOutput
import ArgumentParser

/// `history CASE_ID`, `history --audit AUDIT_ID`: the trail of changes from the audit log —
/// when, who (declared name and OS login, flagged where they differ), and what changed.
struct HistoryCommand: AssayCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "The trail of changes to a case or an audit: when, who, what.",
        discussion: """
            Who is the name declared with --as (or $ASSAY_AUDITOR) and the operating-system login that ran \
            the command; `≠` marks a change where the two differ, unless the login is the one bound to that \
            person now (people login). The log holds which columns changed, never the values. Rows deleted \
            since are not found from the case; see docs/integrity.md.
            """)

    @Argument(help: ArgumentHelp("The case.", valueName: "case-id"))
    var caseID: String?

    @Option(help: ArgumentHelp("One audit instead of a case.", valueName: "audit-id"))
    var audit: Int64?

    @OptionGroup var output: OutputOptions

    func execute(in session: Session) throws {
        let store = try session.existingStore()
        let entries: [TrailEntry]
        switch (caseID, audit) {
        case (let caseID?, nil): entries = try store.trail(caseID: caseID)
        case (nil, let audit?): entries = try store.trail(auditID: audit)
        default: throw AssayFailure("history: give a case id, or --audit AUDIT_ID.")
        }
        if entries.isEmpty, let caseID {
            throw AssayFailure("history: nothing about case \(caseID) in this database.")
        }
        // On a database that binds logins every name differs from its login; what is worth a
        // flag is a change whose login is not the one bound to the person named.
        let boundLogin = Dictionary(try store.people().compactMap { person in person.login.map { (person.name.lowercased(), $0) } },
                                    uniquingKeysWith: { first, _ in first })
        func differs(_ entry: TrailEntry) -> Bool {
            entry.loginDiffers && boundLogin[entry.userName.lowercased()] != entry.osLogin
        }
        session.emit(Listing(
            columns: [Column("seq"), Column("at"), Column("user"), Column("os_login", "os login"), Column("login_differs", "≠"),
                      Column("operation"), Column("what"), Column("changed"), Column("table"), Column("row_id", "row")],
            rows: entries.map { entry in
                [.int(Int(entry.seq)), .text(entry.at), .text(entry.userName), .text(entry.osLogin),
                 output.format == .table ? .text(differs(entry) ? "≠" : "") : .bool(differs(entry)),
                 .text(entry.operation), .text(entry.what), .optional(entry.changedColumns), .text(entry.table), .int(Int(entry.rowID))]
            }), as: output)
    }
}
