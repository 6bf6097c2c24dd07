import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `assay ARGUMENTS` run inside the calling process, as a test runs it: the same entry point
/// as the executable (`AssayMain.run`), with captured standard streams, the environment
/// given, and relative paths taken from `workingDirectory` — without spawning a process,
/// and without touching anything process-wide, so that tests run in parallel.
///
/// Two things a command relies on belong to the process: the current directory, against
/// which every relative path a command is given (`--db qa.db`, `import cases cases.csv`,
/// `--out report.html`) is opened and which every message names as it was typed, and the
/// umask. On Linux both live in a thread's file-system context, which a thread may take
/// for its own (`unshare(CLONE_FS)`): the command runs on a thread of its own that does so
/// and changes only its own directory and umask. Where that is refused (another system, a
/// sandbox), `run` throws `Unavailable` and the caller runs the executable instead.
///
/// SQLite resolves a database's relative path to an absolute one on the thread that opens
/// it, which is the command's thread: GRDB opens its connections on the calling thread
/// and only later works on its own queues.
public enum InProcess {
    public struct Result: Sendable {
        public let status: Int32
        public let stdout: String
        public let stderr: String
    }

    /// The thread could not have a current directory of its own.
    public struct Unavailable: Error, CustomStringConvertible {
        public let description: String
    }

    /// Runs `assay ARGUMENTS` with `input` on a captured standard input (a pipe, never a
    /// terminal), `environment` as its whole environment, in `workingDirectory`.
    public static func run(_ arguments: [String], input: String = "", environment: [String: String],
                           workingDirectory: String) throws -> Result {
        let console = Console.captured(input: input)
        let outcome = OneShot()
        let thread = Thread {
            outcome.set(Self.enter(workingDirectory).map { _ in
                AssayMain.run(arguments, console: console, environment: environment)
            })
        }
        thread.stackSize = 8 << 20  // the main thread's: deep parses and reports
        thread.start()
        let status = try outcome.wait().get()
        return Result(status: status, stdout: console.output.text, stderr: console.errors.text)
    }

    /// Gives the calling thread its own current directory and umask, set as the executable
    /// sets them.
    private static func enter(_ directory: String) -> Swift.Result<Void, Unavailable> {
        #if os(Linux)
        // unshare(2) is glibc's but not in Swift's Glibc module (it needs _GNU_SOURCE).
        typealias Unshare = @convention(c) (Int32) -> Int32
        let cloneFS: Int32 = 0x0000_0200  // CLONE_FS, <linux/sched.h>
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "unshare") else {
            return .failure(Unavailable(description: "no unshare in the C library"))
        }
        guard unsafeBitCast(symbol, to: Unshare.self)(cloneFS) == 0 else {
            return .failure(Unavailable(description: "unshare(CLONE_FS): \(String(cString: strerror(errno)))"))
        }
        guard chdir(directory) == 0 else {
            return .failure(Unavailable(description: "chdir \(directory): \(String(cString: strerror(errno)))"))
        }
        umask(0o077)  // as AssayMain.run sets it for the process
        return .success(())
        #else
        return .failure(Unavailable(description: "a thread's own current directory needs Linux"))
        #endif
    }

    /// The command thread's result, handed to the waiting caller.
    private final class OneShot: @unchecked Sendable {
        private let done = DispatchSemaphore(value: 0)
        private var result: Swift.Result<Int32, Unavailable>?

        func set(_ result: Swift.Result<Int32, Unavailable>) {
            self.result = result
            done.signal()
        }

        func wait() -> Swift.Result<Int32, Unavailable> {
            done.wait()
            return result!
        }
    }
}
