import AssayCore
import ArgumentParser

/// A leaf of the command tree: it runs against a session rather than on its own, so the
/// same parsed command serves the shell command line, the REPL and scripts.
public protocol AssayCommand: ParsableCommand {
    func execute(in session: Session) throws
}

extension AssayCommand {
    /// Never used: the dispatcher calls `execute(in:)`. Present for ArgumentParser.
    public mutating func run() throws {
        throw AssayFailure("internal: \(Self._commandName) must run through the dispatcher")
    }
}
