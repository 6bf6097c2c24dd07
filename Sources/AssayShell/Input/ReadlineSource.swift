import AssayCore
import AssayStore
import CReadline
import Foundation

/// Lines typed at a terminal, through GNU readline: line editing, persistent history and
/// Tab completion. Ctrl-C abandons the line being typed; Ctrl-D at an empty prompt ends.
final class ReadlineSource: LineSource {
    let name = "terminal"
    let isInteractive = true
    private let session: Session
    private let historyPath: String

    init(session: Session, historyPath: String) {
        self.session = session
        self.historyPath = historyPath
        ReadlineSource.completer = Completer(catalog: .shared, values: ReadlineSource.databaseValues(session))
        session.inShell = true  // `help` describes the shell; hints say `help X`, not `assay X --help`
        assay_rl_configure(strdup("assay"), { text, start, _ in ReadlineSource.attemptCompletion(text, start) },
                           strdup("\"'"), strdup(Self.specialCharacters))
        using_history()
        stifle_history(Self.historyLimit)
        // The history file (and readline's ~/.inputrc, read at the first prompt) are the
        // user's: touched with the user's own group, never a set-group-id Assay's.
        ProcessPrivilege.asUser {
            HistoryFile.makePrivate(at: historyPath)  // created 0600, or an existing 0644 file made 0600
            _ = read_history(historyPath)
        }
        Self.catchInterrupts()
    }

    /// Ctrl-C abandons the line being typed instead of ending Assay (also during a guided
    /// audit started straight from the operating system's shell).
    static func catchInterrupts() {
        signal(SIGINT) { _ in ReadlineSource.onInterrupt() }
        var interrupt = sigset_t()
        sigemptyset(&interrupt)
        sigaddset(&interrupt, SIGINT)
        sigprocmask(SIG_UNBLOCK, &interrupt, nil)  // whoever started us may have blocked it
    }

    static let historyLimit: Int32 = 2000

    func nextLine(continuation: Bool) -> String? {
        let prompt = continuation ? "   ...> " : session.queuePrompt()
        ReadlineSource.reading = true
        defer { ReadlineSource.reading = false }
        guard let raw = ProcessPrivilege.asUser({ readline(prompt) }) else {
            session.console.output.write("\n")
            return nil
        }
        defer { free(raw) }
        let line = String(cString: raw)
        if !line.trimmingCharacters(in: .whitespaces).isEmpty {
            add_history(raw)
            // Append as we go, so a crash or a closed terminal loses nothing typed.
            ProcessPrivilege.asUser {
                _ = append_history(1, historyPath)
                _ = history_truncate_file(historyPath, Self.historyLimit)
                HistoryFile.makePrivate(at: historyPath)  // truncating may rewrite the file
            }
        }
        return line
    }

    // MARK: - C callbacks (readline is a C library with global state)

    nonisolated(unsafe) static var completer: Completer?
    nonisolated(unsafe) static var reading = false
    nonisolated(unsafe) private static var pending: [String] = []

    /// Ctrl-C at the prompt abandons the line and gives a fresh prompt. A signal handler
    /// reaches no session: it writes to the process's standard output, the terminal that
    /// readline itself draws on (readline exists only with a real terminal).
    private static func onInterrupt() {
        guard ReadlineSource.reading else { return }
        FileHandle.standardOutput.write(Data("\n".utf8))
        rl_on_new_line()
        rl_replace_line("", 0)
        rl_redisplay()
    }

    /// Characters that make readline quote a completed word.
    static let specialCharacters = " \t\"'#\\$&;()<>|"

    private static func attemptCompletion(_ text: UnsafePointer<CChar>?, _ start: Int32) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? {
        assay_rl_set_completion_over(1)
        assay_rl_set_sort_matches(1)
        guard let completer = ReadlineSource.completer, let buffer = assay_rl_line_buffer() else { return nil }
        let line = String(cString: buffer)
        let before = String(decoding: Array(line.utf8).prefix(Int(start)), as: UTF8.self)
        let word = text.map { String(cString: $0) } ?? ""
        let words: [String]
        switch completer.complete(before: before, word: word) {
        case .files:
            assay_rl_set_completion_over(0)
            return nil
        case .words(let sorted):
            words = sorted
        case .ranked(let ordered):
            words = ordered
            assay_rl_set_sort_matches(0)
        }
        ReadlineSource.pending = words
        if words.contains(where: { $0.contains(where: { specialCharacters.contains($0) }) }) {
            assay_rl_quote_matches()
        }
        return rl_completion_matches(text) { _, _ in
            ReadlineSource.pending.isEmpty ? nil : strdup(ReadlineSource.pending.removeFirst())
        }
    }

    /// Values from the database the session has open — never opening one, so completion
    /// can neither create a database nor change one (`Vocabulary` only reads).
    static func databaseValues(_ session: Session) -> Completer.Values {
        func fetch(_ body: (Vocabulary) throws -> [String]) -> [String] {
            guard let store = session.storeIfOpen else { return [] }
            return (try? body(Vocabulary(store: store))) ?? []
        }
        return Completer.Values(
            teams: { fetch { try $0.teams() } },
            localities: { fetch { try $0.localities() } },
            caseIDs: { fetch { try $0.caseIDs(for: session.identity.name, month: session.month) } },
            months: {
                // The current month, the one after it (next month's draw), then every month
                // that holds something, newest first; then the year before the current month.
                let recent = (1...12).map { session.month.adding(months: -$0).description }
                return Vocabulary.unique([session.month.description, session.month.adding(months: 1).description]
                                         + fetch { try $0.months() } + recent)
            },
            auditIDs: { fetch { try $0.auditIDs(for: session.identity.name) } },
            people: { fetch { try $0.people() } },
            templates: { fetch { try $0.templateIDs() } },
            sections: { fetch { try $0.sectionIDs() } },
            questions: { fetch { try $0.questionIDs() } },
            drawFields: { fetch { try $0.drawFields() } })
    }
}
