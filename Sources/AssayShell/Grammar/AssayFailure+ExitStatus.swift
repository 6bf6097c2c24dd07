import AssayCore

/// The shell's own failures of a given exit status (docs/shell.md, "Exit status"): a
/// command typed wrong, a name that is nobody's. Here, not in AssayCore, because only the
/// shell words failures for the command line; the libraries throw their module's error type
/// (docs/architecture.md, "Errors").
extension AssayFailure {
    /// The command was typed wrong (exit status 2).
    static func usage(_ message: String) -> AssayFailure { AssayFailure(message, exitStatus: .usage) }
    /// The thing named is not there (exit status 4).
    static func notFound(_ message: String) -> AssayFailure { AssayFailure(message, exitStatus: .notFound) }
}
