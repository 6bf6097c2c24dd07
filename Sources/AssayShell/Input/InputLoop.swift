import AssayCore

/// The one input loop: reads lines from any source, joins lines while a quote is open,
/// splits them into words and hands each command to the dispatcher.
///
/// From a terminal an error never ends the loop. From a script or pipe, each error names
/// the line it came from; with `bail` the loop stops at the first failure. The result says
/// whether every command succeeded, which becomes the exit status.
public struct InputLoop {
    public let session: Session
    public let bail: Bool

    public init(session: Session, bail: Bool) {
        self.session = session
        self.bail = bail
    }

    /// Returns true when every command succeeded.
    @discardableResult
    public func run(_ source: LineSource) -> Bool {
        exitStatus(running: source) == .success
    }

    /// Runs every command and returns the exit status: success, or the status of the first
    /// command that failed (docs/shell.md, "Exit status"), so a script that stops on a role
    /// refusal exits as the refused command would have.
    public func exitStatus(running source: LineSource) -> ExitStatus {
        let wasInteractive = session.isInteractive
        session.isInteractive = source.isInteractive
        defer { session.isInteractive = wasInteractive }
        var firstFailure: ExitStatus?
        var lineNumber = 0
        while !session.quitRequested, let first = source.nextLine(continuation: false) {
            lineNumber += 1
            let startLine = lineNumber
            var text = first
            var words: [String]
            while true {
                if let meant = MetaCommands.words(for: text) {  // `\q`, `.quit`, `?`, `\?`
                    words = meant
                    break
                }
                if case .complete(let w) = ShellWords.split(text) {
                    words = w
                    break
                }
                guard let more = source.nextLine(continuation: true) else {
                    session.notice(location(source, startLine) + "unfinished quote at the end of the input")
                    return firstFailure ?? .usage
                }
                lineNumber += 1
                text += "\n" + more
            }
            if words.isEmpty { continue }
            let outcome = Dispatcher.execute(words, in: session, location: source.isInteractive ? nil : location(source, startLine, colon: false))
            if case .failed(let status) = outcome {
                firstFailure = firstFailure ?? status
                if bail && !source.isInteractive { return status }
            }
        }
        return firstFailure ?? .success
    }

    private func location(_ source: LineSource, _ line: Int, colon: Bool = true) -> String {
        source.isInteractive ? "" : "\(source.name):\(line)" + (colon ? ": " : "")
    }
}
