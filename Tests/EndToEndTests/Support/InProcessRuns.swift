import AssayShell
import Foundation
import Testing

/// When a test's `assay …` runs inside the test process (`AssayShell.InProcess`) rather than
/// as the built executable, and the record of which did.
///
/// In-process is the same entry point (`AssayMain.run`) with captured standard streams, the
/// test's environment and its directory for relative paths: the same outputs and exit
/// statuses, without starting a process for each command. The executable is still used
/// for `AssayBinary.spawnsProcess` (tests of what only a process shows), for the clock
/// (`run(at:)`, libfaketime) and file-size limits, and when the environment sets a variable
/// that Assay reads from the process rather than from its session (`threaded`).
///
/// `ASSAY_TEST_SPAWN=1` runs every command as the executable (to compare the two ways);
/// `ASSAY_TEST_RUN_LOG=FILE` appends a line per command, `in-process` or `process` and the
/// test's id, from which the count of tests that run in-process is taken (docs/shell.md).
enum InProcessRuns {
    /// Variables an in-process run honours because the shell reads them from its session's
    /// environment (`Session.environment`), not from the process.
    static let threaded: Set<String> = [
        "ASSAY_DB", "ASSAY_AUDITOR", "ASSAY_TEMPLATES", "ASSAY_TODAY", "ASSAY_HISTORY",
        "HOME", "XDG_STATE_HOME", "NO_COLOR", "TERM", "COLUMNS", "LINES",
    ]

    private static let processEnvironment = ProcessInfo.processInfo.environment

    /// True when `environment` differs from the test process's only in `threaded` variables.
    static func allows(_ environment: [String: String]) -> Bool {
        if processEnvironment["ASSAY_TEST_SPAWN"] == "1" { return false }
        let keys = Set(environment.keys).union(processEnvironment.keys)
        return keys.allSatisfy { threaded.contains($0) || environment[$0] == processEnvironment[$0] }
    }

    /// The run in this process, or nil when this system cannot give a thread its own
    /// directory (the caller then runs the executable).
    static func run(_ arguments: [String], input: String, _ assay: AssayBinary) -> AssayBinary.Result? {
        guard let result = try? InProcess.run(arguments, input: input, environment: assay.environment,
                                              workingDirectory: assay.directory) else { return nil }
        record(inProcess: true)
        return AssayBinary.Result(status: result.status, stdout: result.stdout, stderr: result.stderr)
    }

    /// Appends to `$ASSAY_TEST_RUN_LOG`, when set, how the current test ran one command.
    static func record(inProcess: Bool) {
        guard let log = processEnvironment["ASSAY_TEST_RUN_LOG"], !log.isEmpty else { return }
        let test = Test.current.map { "\($0.id)" } ?? "?"
        let line = (inProcess ? "in-process\t" : "process\t") + test + "\n"
        let fd = open(log, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return }
        _ = line.utf8CString.withUnsafeBufferPointer { write(fd, $0.baseAddress, $0.count - 1) }
        close(fd)
    }
}
