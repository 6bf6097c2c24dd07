import AssayOutput
import Foundation

/// Writes the guided audit's and moderation's text to the terminal: wrapped at word
/// boundaries to its width (read afresh each time, so a resized window is followed), and a
/// screen longer than the terminal a page at a time (docs/audits.md, "Paging").
///
/// The pager is Assay's own, not `$PAGER`: it keeps everything shown in the terminal's
/// scrollback, works on any terminal (`TERM=dumb` included), and lets the auditor answer from
/// any page. At each `-- more --` prompt, Enter shows the next page, `q` stops, and any other
/// key is taken as typed at the screen's own prompt (`j 12` from the first page of the summary).
struct GuidedWriter {
    let session: Session
    let prompter: AnswerPrompter

    /// What was typed at a `-- more --` prompt.
    enum Paged: Equatable {
        /// Shown whole, or the auditor stopped it with `q`.
        case shown
        /// A key for the screen below (run as if typed at its prompt).
        case typed(String)
        /// Input ended (Ctrl-D): the caller leaves as at its own prompt.
        case ended
    }

    /// A message, wrapped.
    func say(_ text: String) {
        session.write(WordWrap.wrap(text, width: session.terminalWidth))
    }

    /// A screen, wrapped, and paged when longer than the terminal.
    @discardableResult
    func show(_ text: String) -> Paged {
        let wrapped = WordWrap.wrap(text, width: session.terminalWidth)
        var lines = wrapped.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        // One row for the prompt below the page (the `-- more --` or the screen's own).
        guard let rows = session.terminalHeight, rows >= 4, lines.count > rows - 1 else {
            session.write(wrapped)
            return .shown
        }
        let page = rows - 1
        var shown = 0
        while shown < lines.count {
            let end = min(shown + page, lines.count)
            session.write(lines[shown..<end].map { $0 + "\n" }.joined())
            shown = end
            guard shown < lines.count else { break }
            guard let typed = prompter.read("-- more (\(shown) of \(lines.count) lines): Enter for more, q to stop, or a key -- ") else {
                return .ended
            }
            let key = typed.trimmingCharacters(in: .whitespaces)
            if key.isEmpty { continue }
            if key == "q" { return .shown }
            return .typed(key)
        }
        return .shown
    }
}

extension Terminal {
    /// Rows of the terminal on `fd`, or nil when it is not a terminal.
    public static func height(of fd: Int32 = STDOUT_FILENO, environment: [String: String] = ProcessInfo.processInfo.environment) -> Int? {
        guard isTerminal(fd) else { return nil }
        var size = winsize()
        if ioctl(fd, UInt(TIOCGWINSZ), &size) == 0, size.ws_row > 0 { return Int(size.ws_row) }
        if let lines = environment["LINES"].flatMap(Int.init), lines > 0 { return lines }
        return 24
    }
}
