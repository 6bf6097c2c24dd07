import CReadline
import Foundation

/// Reads one line from the person at the terminal during a guided audit.
///
/// Answers and evidence go through GNU readline for line editing, but never into the
/// shell's history file: evidence is about a child, and history is a plain file that
/// outlives the audit. Tab completion of commands is off while auditing.
final class AnswerPrompter {
    private let savedCompleter: Completer?
    private let console: Console

    init(console: Console) {
        self.console = console
        savedCompleter = ReadlineSource.completer
        ReadlineSource.completer = nil
        ReadlineSource.catchInterrupts()
    }

    deinit { ReadlineSource.completer = savedCompleter }

    /// The line typed, or nil at end of input (Ctrl-D, a closed terminal). `prefill` is put
    /// on the line to be edited (changing an action: Enter keeps it as it is).
    func read(_ prompt: String, prefill: String? = nil) -> String? {
        ReadlineSource.reading = true
        defer { ReadlineSource.reading = false }
        if let prefill {
            Self.prefill = prefill
            assay_rl_set_startup_hook { () -> Int32 in
                if let text = AnswerPrompter.prefill { rl_insert_text(text) }
                AnswerPrompter.prefill = nil
                return 0
            }
        }
        defer {
            assay_rl_set_startup_hook(nil)
            Self.prefill = nil
        }
        guard let raw = readline(prompt) else {
            console.output.write("\n")
            return nil
        }
        defer { free(raw) }
        return String(cString: raw)
    }

    /// The text `read(_:prefill:)` puts on the line, for readline's startup hook (a C
    /// function pointer, so it cannot capture it).
    nonisolated(unsafe) private static var prefill: String?

    /// Several lines, ended by a line holding a single `.` (or end of input).
    func readLines(_ prompt: String) -> String? {
        var lines: [String] = []
        while let line = read(prompt) {
            if line.trimmingCharacters(in: .whitespaces) == "." { break }
            lines.append(line)
        }
        let text = lines.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : text
    }
}
