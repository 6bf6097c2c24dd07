import AssayTestSupport
import Foundation
import Testing

/// Runs `assay` as a user or a script would: in this process where the command allows it
/// (`InProcessRuns`), else the built executable.
struct AssayBinary {
    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// The executable next to the test bundle (both are products of the same build).
    static let path: String = {
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var dir = URL(fileURLWithPath: exe).deletingLastPathComponent()
        if dir.lastPathComponent == "MacOS" || dir.lastPathComponent.hasSuffix(".xctest") { dir.deleteLastPathComponent() }
        return dir.appendingPathComponent("assay").path
    }()

    /// Sample files shipped with the package.
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path

    let directory: String
    var environment: [String: String]
    /// Always the executable: for what only a process shows (its exit, its signals, files
    /// it holds open, several at once) and to keep the real entry point tested.
    var spawnsProcess = false

    init(directory: String, spawnsProcess: Bool = false) {
        self.spawnsProcess = spawnsProcess
        self.directory = directory
        var env = ProcessInfo.processInfo.environment
        env["ASSAY_DB"] = nil
        env["ASSAY_AUDITOR"] = nil
        env["NO_COLOR"] = nil
        env["HOME"] = directory
        env["XDG_STATE_HOME"] = nil
        self.environment = env
    }

    /// Runs `assay ARGS`, feeding `input` on standard input (a pipe, never a terminal): in
    /// this process (`AssayShell.InProcess`) unless `spawnsProcess` or the environment asks
    /// for something an in-process run cannot give (`InProcessRuns.allows`).
    @discardableResult
    func run(_ arguments: [String], input: String = "") throws -> Result {
        if !spawnsProcess, InProcessRuns.allows(environment), let result = InProcessRuns.run(arguments, input: input, self) {
            return result
        }
        InProcessRuns.record(inProcess: false)
        return try Self.runTool([Self.path] + arguments, in: directory, environment: environment, input: input)
    }

    /// Runs `assay ARGS` with the clock set to `instant` ("2026-11-10 09:00:00", UTC) and
    /// ticking from there, by libfaketime (`faketime`, installed by Scripts/setup): how a test
    /// makes something happen on a past day — an action raised before it fell due, so that it
    /// is overdue now — when Assay itself takes "now" only from the system clock.
    @discardableResult
    func run(at instant: String, _ arguments: [String], input: String = "") throws -> Result {
        var environment = environment
        environment["TZ"] = "UTC"
        InProcessRuns.record(inProcess: false)
        return try Self.runTool(["faketime", "-f", "@" + instant, Self.path] + arguments, in: directory, environment: environment, input: input)
    }

    /// Runs assay under a file-size limit (`ulimit -f`, in 1 KB blocks): how the tests make a
    /// disk "fill up" at a chosen size. Killed by SIGXFSZ, the status would be 25, not 1.
    func runWithFileSizeLimit(_ blocks: Int, _ arguments: [String]) throws -> Result {
        InProcessRuns.record(inProcess: false)
        return try Self.runTool(["sh", "-c", "ulimit -f \(blocks); exec \"$0\" \"$@\"", Self.path] + arguments, in: directory, environment: environment)
    }

    /// Runs any program (`sqlite3`, `python3`, `setpriv …`) found on the PATH, or given by path,
    /// and collects its exit status and output.
    static func runTool(_ arguments: [String], in directory: String, environment: [String: String]? = nil,
                        input: String = "") throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        if let environment { process.environment = environment }
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let inPipe = Pipe(), outPipe = Pipe(), errPipe = Pipe()
        process.standardInput = inPipe
        process.standardOutput = outPipe
        process.standardError = errPipe
        try process.run()
        inPipe.fileHandleForWriting.write(Data(input.utf8))
        try inPipe.fileHandleForWriting.close()
        // Read both pipes concurrently so a full stderr never blocks the child.
        nonisolated(unsafe) var errData = Data()
        let errThread = Thread { errData = errPipe.fileHandleForReading.readDataToEndOfFile() }
        errThread.start()
        let outData = outPipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while errThread.isExecuting || !errThread.isFinished { usleep(1000) }
        return Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }
}

/// A fresh working directory per test, with an `assay` that runs in it.
typealias Workspace = TemporaryDirectory

extension TemporaryDirectory {
    /// `assay` in this directory, in-process where it can be.
    var assay: AssayBinary { AssayBinary(directory: path) }
    /// `assay` in this directory, always the executable.
    var binary: AssayBinary { AssayBinary(directory: path, spawnsProcess: true) }
}
