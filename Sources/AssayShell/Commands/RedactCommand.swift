import AssayAudits
import AssayCore
import ArgumentParser

/// `redact AUDIT_ID --question Q --reason TEXT`: a lead blanks an answer's evidence text, to
/// erase personal data that should not have been written there or to correct it.
struct RedactCommand: AssayCommand {
    static let configuration = CommandConfiguration(
        commandName: "redact",
        abstract: "Blank an answer's evidence text (lead only); logged, and verify reports it as a redaction.",
        discussion: """
            The text is blanked in the answer, in any moderator's answer to the same question and in any \
            amendment snapshot. Grades stay. The audit log keeps who, when and the reason; it never held the text.
            """)

    @Argument(help: ArgumentHelp("The audit.", valueName: "audit-id"))
    var auditID: Int64

    @Option(help: ArgumentHelp("The question whose evidence to blank.", valueName: "id"))
    var question: String

    @Option(help: ArgumentHelp("Why (kept in the redaction record).", valueName: "text"))
    var reason: String

    func execute(in session: Session) throws {
        let result = try session.existingStore().redact(auditID: auditID, questionID: question, reason: reason)
        session.write("Redacted the evidence of question \(result.questionID) in audit \(result.auditID) "
                      + "(\(result.rowsBlanked) row\(result.rowsBlanked == 1 ? "" : "s") blanked). `verify` lists it as a redaction.\n")
    }
}
